import type { z } from 'zod';
import type { ProfileCreateSchema } from '../../contracts/profiles.ts';
import { RuleInputSchema } from '../../contracts/profiles.ts';
import { DEFAULT_TIERS, type Definition, type Rule } from '../../scoring/index.ts';
import type { ErrorDetail } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import { parseOrThrow, validationError } from '../validation.ts';

type RuleInput = z.infer<typeof RuleInputSchema>;
type DefinitionInput = Omit<z.infer<typeof ProfileCreateSchema>, 'name' | 'description' | 'interactionTypes'>;

/** Drops undefined fields so stored definitions compare and serialise canonically. */
function clean<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}

export function withRuleId(rule: RuleInput, ids: IdGenerator): Rule {
  return clean({ ...rule, id: rule.id ?? ids('r') }) as Rule;
}

/** Builds a full definition from input over a base (defaults for a new profile), checking cross-field rules. */
export function buildDefinition(
  input: DefinitionInput & { interactionTypes?: string[] | null },
  base: Definition,
  ids: IdGenerator,
): Definition {
  const definition: Definition = clean({
    rules: input.rules ? input.rules.map((r) => withRuleId(r, ids)) : base.rules,
    minScore: input.minScore !== undefined ? input.minScore : base.minScore,
    maxScore: input.maxScore !== undefined ? input.maxScore : base.maxScore,
    tiers: input.tiers ?? base.tiers,
    interactionTypes:
      input.interactionTypes === null ? undefined : (input.interactionTypes ?? base.interactionTypes),
  });
  checkDefinition(definition);
  return definition;
}

export function checkDefinition(definition: Definition): void {
  const details: ErrorDetail[] = [];
  if (
    definition.minScore !== null &&
    definition.maxScore !== null &&
    definition.minScore > definition.maxScore
  )
    details.push({ path: 'maxScore', message: 'must be at least minScore' });
  if (definition.rules.length > 100)
    details.push({ path: 'rules', message: 'a profile holds at most 100 rules' });
  const seen = new Set<string>();
  definition.rules.forEach((rule, i) => {
    if (seen.has(rule.id)) details.push({ path: `rules.${i}.id`, message: `duplicate rule id "${rule.id}"` });
    seen.add(rule.id);
  });
  if (details.length > 0) throw validationError(details);
}

export const DEFAULT_DEFINITION: Definition = {
  rules: [],
  minScore: 0,
  maxScore: null,
  tiers: [...DEFAULT_TIERS],
};

/** Validates a rule given as a whole or as a patch merged over a stored rule. */
export function parseRule(value: unknown, prefix = ''): RuleInput {
  return parseOrThrow(RuleInputSchema, value, prefix);
}

export function sameDefinition(a: Definition, b: Definition): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
