// The editor's local draft of a whole profile definition, compared with what the server holds so
// "Save changes" knows whether anything changed, and turned into one PATCH /profiles/{id}.
import type { Profile, ProfilePatch, RuleInput } from '../../../api/types.ts';

export interface DraftTier {
  /** Local only: keeps React rows stable while tiers are reordered. */
  key: string;
  name: string;
  minScore: number | null;
  action: string;
}

export type DraftRule = RuleInput & { id: string };

export interface EditorDraft {
  name: string;
  description: string;
  rules: DraftRule[];
  tiers: DraftTier[];
  minScore: number | null;
  maxScore: number | null;
}

let counter = 0;
export function localKey(): string {
  counter += 1;
  return `k${counter}`;
}

const ID_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** A rule id the contract accepts (^[A-Za-z0-9_-]{1,64}$), like the server's r_XXXXXXXXXXXXXXXX. */
export function newRuleId(): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  return `r_${Array.from(bytes, (b) => ID_ALPHABET[b % ID_ALPHABET.length]).join('')}`;
}

export function draftOf(profile: Profile): EditorDraft {
  const d = profile.draft;
  return {
    name: profile.name,
    description: profile.description,
    rules: d.rules.map((r) => ({ ...r }) as DraftRule),
    tiers: d.tiers.map((t) => ({
      key: localKey(),
      name: t.name,
      minScore: t.minScore,
      action: t.action ?? '',
    })),
    minScore: d.minScore,
    maxScore: d.maxScore,
  };
}

/** A rule with its keys in one order and nothing undefined, so two equal rules stringify the same. */
export function canonicalRule(rule: RuleInput): RuleInput {
  const base = {
    ...(rule.id !== undefined && { id: rule.id }),
    points: rule.points,
    ...(rule.description ? { description: rule.description } : {}),
  };
  switch (rule.kind) {
    case 'event':
      return {
        kind: 'event',
        eventType: rule.eventType,
        ...(rule.where?.length
          ? { where: rule.where.map((c) => ({ property: c.property, op: c.op, value: c.value })) }
          : {}),
        ...(rule.maxTimes !== undefined && { maxTimes: rule.maxTimes }),
        ...(rule.expiresAfterDays !== undefined && { expiresAfterDays: rule.expiresAfterDays }),
        ...base,
      };
    case 'inactivity':
      return { kind: 'inactivity', days: rule.days, ...(rule.repeat ? { repeat: true } : {}), ...base };
    case 'state':
      return {
        kind: 'state',
        when: { field: rule.when.field, op: rule.when.op, value: rule.when.value },
        ...base,
      };
  }
}

/** The body of PATCH /profiles/{id} for this draft (the whole definition). */
export function patchOf(draft: EditorDraft): ProfilePatch {
  return {
    name: draft.name.trim(),
    description: draft.description,
    rules: draft.rules.map(canonicalRule),
    tiers: draft.tiers.map((t) => ({
      name: t.name.trim(),
      minScore: t.minScore,
      ...(t.action.trim() ? { action: t.action.trim() } : {}),
    })),
    minScore: draft.minScore,
    maxScore: draft.maxScore,
  };
}

export function sameDraft(a: EditorDraft, b: EditorDraft): boolean {
  return JSON.stringify(patchOf(a)) === JSON.stringify(patchOf(b));
}

/** The fields that differ, for the "Unsaved changes" summary. */
export function changedParts(a: EditorDraft, b: EditorDraft): string[] {
  const pa = patchOf(a);
  const pb = patchOf(b);
  const parts: string[] = [];
  if (pa.name !== pb.name || pa.description !== pb.description) parts.push('details');
  if (JSON.stringify(pa.rules) !== JSON.stringify(pb.rules)) parts.push('rules');
  if (JSON.stringify(pa.tiers) !== JSON.stringify(pb.tiers)) parts.push('tiers');
  if (pa.minScore !== pb.minScore || pa.maxScore !== pb.maxScore) parts.push('score range');
  return parts;
}

const INT_LIMIT = 1e9;

/**
 * Checks the draft as the contract will (ProfilePatchSchema), with messages for people; keys are the
 * server's detail paths ("name", "tiers.1.minScore", "maxScore") so server errors land in the same place.
 */
export function validateDraft(draft: EditorDraft): Record<string, string> {
  const errors: Record<string, string> = {};
  const name = draft.name.trim();
  if (!name) errors.name = 'Give the profile a name';
  else if (name.length > 200) errors.name = 'Use at most 200 characters';
  if (draft.description.length > 2000) errors.description = 'Use at most 2,000 characters';
  if (draft.rules.length > 100) errors.rules = 'A profile holds at most 100 rules';

  const bound = (key: 'minScore' | 'maxScore') => {
    const v = draft[key];
    if (v !== null && (!Number.isInteger(v) || Math.abs(v) > INT_LIMIT))
      errors[key] = 'Enter a whole number between −1,000,000,000 and 1,000,000,000';
  };
  bound('minScore');
  bound('maxScore');
  if (
    draft.minScore !== null &&
    draft.maxScore !== null &&
    !errors.minScore &&
    !errors.maxScore &&
    draft.maxScore < draft.minScore
  )
    errors.maxScore = 'The ceiling must be at least the floor';

  if (draft.tiers.length === 0) errors.tiers = 'Keep at least one tier';
  if (draft.tiers.length > 10) errors.tiers = 'A profile has at most 10 tiers';
  const seen = new Set<string>();
  draft.tiers.forEach((tier, i) => {
    const tierName = tier.name.trim();
    if (!tierName) errors[`tiers.${i}.name`] = 'Name the tier';
    else if (tierName.length > 50) errors[`tiers.${i}.name`] = 'Use at most 50 characters';
    else if (seen.has(tierName.toLowerCase())) errors[`tiers.${i}.name`] = 'Tier names must be unique';
    seen.add(tierName.toLowerCase());
    if (tier.action.length > 200) errors[`tiers.${i}.action`] = 'Use at most 200 characters';
    const last = i === draft.tiers.length - 1;
    if (last) return;
    const min = tier.minScore;
    if (min === null) errors[`tiers.${i}.minScore`] = 'Enter a minimum score';
    else if (!Number.isInteger(min) || Math.abs(min) > INT_LIMIT)
      errors[`tiers.${i}.minScore`] = 'Enter a whole number';
    else {
      const previous = draft.tiers[i - 1]?.minScore;
      if (i > 0 && previous !== null && previous !== undefined && min >= previous)
        errors[`tiers.${i}.minScore`] = `Must be below ${previous} (the tier above)`;
    }
  });
  return errors;
}

/** Server detail paths under "rules.N." grouped by rule index: { 2: { points: "must not be zero" } }. */
export function ruleErrorsOf(errors: Record<string, string>): Map<number, Record<string, string>> {
  const byRule = new Map<number, Record<string, string>>();
  for (const [path, message] of Object.entries(errors)) {
    const match = /^rules\.(\d+)(?:\.(.+))?$/.exec(path);
    if (!match) continue;
    const index = Number(match[1]);
    const entry = byRule.get(index) ?? {};
    entry[match[2] ?? ''] = message;
    byRule.set(index, entry);
  }
  return byRule;
}
