import { describe, expect, it } from 'vitest';
import { applyEvent, compileDefinition, copyState, emptyState, encodeState, foldEvent } from './index.ts';
import { at, definition } from './test-factories.ts';

const version = compileDefinition(
  definition({
    rules: [
      { id: 'open', kind: 'event', eventType: 'email.opened', points: 5, expiresAfterDays: 10 },
      { id: 'quiet', kind: 'inactivity', days: 7, points: -3, repeat: true },
    ],
  }),
);
const event = (day: number) => ({ type: 'email.opened', occurredAt: at(day), properties: {} });

describe('foldEvent and applyEvent', () => {
  it('applyEvent leaves its input untouched; foldEvent updates in place to the same result', () => {
    let state = emptyState(version);
    for (const day of [1, 9, 4]) state = applyEvent(version, state, event(day), at(12));
    const before = encodeState(version, state);
    const applied = applyEvent(version, state, event(6), at(12));
    expect(encodeState(version, state)).toEqual(before);

    const owned = copyState(state);
    const folded = foldEvent(version, owned, event(6), at(12));
    expect(folded).toBe(owned);
    expect(encodeState(version, folded)).toEqual(encodeState(version, applied));
  });

  it('copyState shares no arrays with the original', () => {
    const state = applyEvent(version, emptyState(version), event(2), at(3));
    const copy = copyState(state);
    foldEvent(version, copy, event(1), at(3));
    expect(state.interactions).toEqual([at(2)]);
    expect(state.slots[0]).toEqual([at(2)]);
    expect(copy.interactions).toEqual([at(1), at(2)]);
  });
});
