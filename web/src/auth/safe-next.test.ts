import { describe, expect, it } from 'vitest';
import { safeNext } from './safe-next.ts';

describe('safeNext: where sign-in goes afterwards', () => {
  const origin = 'https://tally.example';
  it.each([
    ['/contacts?tier=High#top', '/contacts?tier=High#top'],
    ['/settings/scoring/prf_1', '/settings/scoring/prf_1'],
    [null, '/conversations'],
    ['', '/conversations'],
    ['//evil.example/x', '/conversations'],
    ['/\\\\evil.example', '/conversations'],
    ['https://evil.example/', '/conversations'],
    ['javascript:alert(1)', '/conversations'],
  ])('%s → %s', (next, expected) => {
    expect(safeNext(next, origin)).toBe(expected);
  });
});
