import { DEFAULT_TIERS } from './tiers.ts';
/** Small factories for the engine's tests: a fixed epoch, instants in days from it, contacts, definitions. */
import { DAY_MS } from './time.ts';
import type { ContactAttributes, Definition } from './types.ts';

export const T0 = Date.UTC(2025, 0, 1);

/** The instant `days` days (plus `ms` milliseconds) after T0. */
export const at = (days: number, ms = 0): number => T0 + days * DAY_MS + ms;

export const definition = (overrides: Partial<Definition> = {}): Definition => ({
  rules: [],
  minScore: 0,
  maxScore: null,
  tiers: DEFAULT_TIERS.map((t) => ({ ...t })),
  ...overrides,
});

export const contact = (overrides: Partial<ContactAttributes> = {}): ContactAttributes => ({
  createdAt: T0,
  email: null,
  phone: null,
  tags: [],
  assignedTo: null,
  dnd: {},
  fields: {},
  ...overrides,
});
