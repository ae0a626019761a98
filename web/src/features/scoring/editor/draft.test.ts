import { describe, expect, it } from 'vitest';
import type { Profile } from '../../../api/types.ts';
import { draftOf, newRuleId, patchOf, ruleErrorsOf, sameDraft, validateDraft } from './draft.ts';

const profile = {
  id: 'prf_1',
  name: 'Lead score',
  description: '',
  status: 'draft',
  draft: {
    rules: [{ id: 'r_1', kind: 'event', eventType: 'email.opened', points: 5 }],
    minScore: 0,
    maxScore: null,
    tiers: [
      { name: 'High', minScore: 50, action: 'Call now' },
      { name: 'Low', minScore: null },
    ],
  },
  published: null,
  hasUnpublishedChanges: false,
  publishing: null,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
} as Profile;

describe('editor draft', () => {
  it('is unchanged until something is edited', () => {
    expect(sameDraft(draftOf(profile), draftOf(profile))).toBe(true);
    const edited = draftOf(profile);
    edited.tiers[0]!.action = 'Call today';
    expect(sameDraft(draftOf(profile), edited)).toBe(false);
  });

  it('saves the whole definition in one patch', () => {
    expect(patchOf(draftOf(profile))).toEqual({
      name: 'Lead score',
      description: '',
      rules: [{ kind: 'event', eventType: 'email.opened', id: 'r_1', points: 5 }],
      tiers: [
        { name: 'High', minScore: 50, action: 'Call now' },
        { name: 'Low', minScore: null },
      ],
      minScore: 0,
      maxScore: null,
    });
  });

  it('checks tiers, bounds and the name like the contract', () => {
    const d = draftOf(profile);
    d.name = ' ';
    d.tiers = [
      { key: 'a', name: 'High', minScore: 10, action: '' },
      { key: 'b', name: 'high', minScore: 20, action: '' },
      { key: 'c', name: 'Rest', minScore: null, action: '' },
    ];
    d.minScore = 10;
    d.maxScore = 5;
    expect(Object.keys(validateDraft(d)).sort()).toEqual([
      'maxScore',
      'name',
      'tiers.1.minScore',
      'tiers.1.name',
    ]);
  });

  it('groups server details by rule', () => {
    expect(
      ruleErrorsOf({ 'rules.2.points': 'must not be zero', 'rules.2.where.0.value': 'x', name: 'y' }),
    ).toEqual(new Map([[2, { points: 'must not be zero', 'where.0.value': 'x' }]]));
  });

  it('makes rule ids the contract accepts', () => {
    expect(newRuleId()).toMatch(/^[A-Za-z0-9_-]{1,64}$/);
  });
});
