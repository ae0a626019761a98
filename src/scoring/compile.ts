import { isDefaultInteraction } from './catalogue.ts';
import type { Definition } from './types.ts';

/** A published definition prepared for fast evaluation. Pure data plus pure functions. */
export interface CompiledVersion {
  readonly definition: Definition;
  readonly isInteraction: (type: string) => boolean;
  /** Whether any rule needs the contact's interaction times (inactivity rules). */
  readonly needsInteractions: boolean;
}

export function compileDefinition(definition: Definition): CompiledVersion {
  const custom = definition.interactionTypes ? new Set(definition.interactionTypes) : null;
  return {
    definition,
    isInteraction: custom ? (type) => custom.has(type) : isDefaultInteraction,
    needsInteractions: definition.rules.some((rule) => rule.kind === 'inactivity'),
  };
}
