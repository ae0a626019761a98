import { describe, expect, it } from 'vitest';
import { alreadyMeets, mayFire, triggerFires } from './decisions.ts';
import { isPrivateAddress } from './address-guard.ts';
import { FIRST_RETRY_MS, nextAttemptAt } from './retry-schedule.ts';

const up = { type: 'score.crossed', profileId: 'p', threshold: 50, direction: 'up' } as const;
const down = { ...up, direction: 'down' } as const;
const move = (from: number | null, to: number, fromTier: string | null = null, toTier = 'X') => ({
  from,
  to,
  fromTier,
  toTier,
});

describe('triggerFires', () => {
  it.each([
    [49, 50, true, false],
    [49, 55, true, false],
    [50, 55, false, false],
    [null, 50, true, false],
    [null, 49, false, false],
    [50, 49, false, true],
    [55, 48, false, true],
    [49, 10, false, false],
    [null, 10, false, false],
  ])('%s → %s: up %s, down %s (threshold 50)', (from, to, isUp, isDown) => {
    expect(triggerFires(up, move(from, to))).toBe(isUp);
    expect(triggerFires(down, move(from, to))).toBe(isDown);
  });

  it('tier.changed matches names case-insensitively and needs a different tier', () => {
    const t = { type: 'tier.changed', profileId: 'p', toTier: 'high' } as const;
    expect(triggerFires(t, move(40, 60, 'Medium', 'High'))).toBe(true);
    expect(triggerFires(t, move(60, 70, 'High', 'High'))).toBe(false);
    expect(triggerFires({ ...t, fromTier: 'Low' }, move(40, 60, 'Medium', 'High'))).toBe(false);
    expect(triggerFires({ type: 'tier.changed', profileId: 'p' }, move(null, 0, null, 'Very low'))).toBe(
      true,
    );
  });

  it('alreadyMeets: at or above for up, below for down, in toTier and not in fromTier', () => {
    expect([alreadyMeets(up, 50, 'High'), alreadyMeets(up, 49, 'Medium')]).toEqual([true, false]);
    expect([alreadyMeets(down, 49, 'Medium'), alreadyMeets(down, 50, 'High')]).toEqual([true, false]);
    const t = { type: 'tier.changed', profileId: 'p', toTier: 'High', fromTier: 'Low' } as const;
    expect([alreadyMeets(t, 60, 'High'), alreadyMeets(t, 5, 'Low')]).toEqual([true, false]);
  });

  it('a workflow never fires for a change its own chain made', () => {
    expect(mayFire('a', undefined)).toBe(true);
    expect(mayFire('a', ['b'])).toBe(true);
    expect(mayFire('a', ['b', 'a'])).toBe(false);
  });
});

describe('retry schedule', () => {
  it('waits about 5 s, then doubles, ±20 %, and stops at the give-up instant', () => {
    expect(nextAttemptAt(1, 0, 1e12, 0.5)).toBe(FIRST_RETRY_MS);
    expect(nextAttemptAt(1, 0, 1e12, 0)).toBe(4_000);
    expect(nextAttemptAt(1, 0, 1e12, 0.999_999)).toBe(6_000);
    expect(nextAttemptAt(2, 0, 1e12, 0.5)).toBe(10_000);
    expect(nextAttemptAt(5, 0, 1e12, 0.5)).toBe(80_000);
    expect(nextAttemptAt(3, 1000, 1000 + 19_999, 0.5)).toBeNull();
    // Over 24 hours that is 15 attempts (14 waits: 5 s + 10 s + … + 40,960 s ≤ 24 h).
    let at = 0;
    let attempts = 1;
    while (true) {
      const next = nextAttemptAt(attempts, at, 24 * 3600_000, 0.5);
      if (next === null) break;
      at = next;
      attempts++;
    }
    expect(attempts).toBe(15);
  });
});

describe('isPrivateAddress', () => {
  it.each([
    ['127.0.0.1', true],
    ['10.0.0.1', true],
    ['172.16.5.4', true],
    ['172.32.0.1', false],
    ['192.168.1.1', true],
    ['169.254.169.254', true],
    ['100.64.0.1', true],
    ['0.0.0.0', true],
    ['8.8.8.8', false],
    ['203.0.113.7', false],
    ['::1', true],
    ['::', true],
    ['fe80::1', true],
    ['fd12::1', true],
    ['::ffff:127.0.0.1', true],
    ['::ffff:7f00:1', true],
    ['::ffff:808:808', false],
    ['::7f00:1', true],
    ['::ffff:0:7f00:1', true],
    ['::ffff:0:8.8.8.8', false],
    ['64:ff9b::7f00:1', true],
    ['64:ff9b::a00:1', true],
    ['64:ff9b::808:808', false],
    ['64:ff9b:1::1', true],
    ['2002:7f00:1::1', true],
    ['2002:808:808::1', false],
    ['2001:0:4136:e378::1', true],
    ['2606:4700::1111', false],
  ])('%s → %s', (address, expected) => {
    expect(isPrivateAddress(address)).toBe(expected);
  });
});
