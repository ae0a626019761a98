import { describe, expect, it } from 'vitest';
import { tierRange } from './tier-range.ts';

describe('tier ranges', () => {
  const tiers = [{ minScore: 50 }, { minScore: 20 }, { minScore: 19 }, { minScore: null }];
  it('reads each tier as the scores it covers', () => {
    expect(tiers.map((_, i) => tierRange(tiers, i))).toEqual([
      '50 and above',
      '20 to 49',
      'exactly 19',
      'below 19',
    ]);
  });
  it('says nothing while minimums are out of order or missing', () => {
    const bad = [{ minScore: 10 }, { minScore: 20 }, { minScore: null }];
    expect(tierRange(bad, 1)).toBeNull();
    expect(tierRange([{ minScore: null }, { minScore: 5 }, { minScore: null }], 1)).toBeNull();
  });
  it('covers everything with a single tier', () => {
    expect(tierRange([{ minScore: null }], 0)).toBe('every score');
  });
});
