import { describe, expect, it } from 'vitest';
import type { HistoryItem, TimelineEvent } from '../../api/types.ts';
import {
  type ReasonContext,
  eventTypeLabel,
  keyProperties,
  reasonText,
  untilText,
  yScale,
} from './labels.ts';

const ctx: ReasonContext = {
  rule: (id) => (id === 'r1' ? { name: '+5 when an email is opened', eventType: 'email.opened' } : undefined),
  userName: (id) => (id === 'u1' ? 'Sam Rivera' : undefined),
  apiKeyName: (id) => (id === 'k1' ? 'Billing sync' : undefined),
  eventType: () => undefined,
};
const item = (reason: HistoryItem['reason']): HistoryItem => ({
  at: '2026-01-01T00:00:00Z',
  from: 1,
  to: 2,
  reason,
});

describe('contact panel labels', () => {
  it('names catalogue types by their label and custom types as sent (as the rule editor does)', () => {
    expect(eventTypeLabel('link.clicked')).toBe('Trigger link clicked');
    expect(eventTypeLabel('webinar.attended')).toBe('webinar.attended');
  });

  it('explains every kind of score change in plain words', () => {
    expect(reasonText(item({ kind: 'event', eventId: 'e', ruleIds: ['r1'] }), ctx)).toEqual({
      title: 'Email opened',
      detail: '+5 when an email is opened',
    });
    expect(reasonText(item({ kind: 'time' }), ctx).title).toBe('Time passed (inactivity / expiry)');
    expect(reasonText(item({ kind: 'manual', userId: 'u1', note: 'Called' }), ctx)).toEqual({
      title: 'Adjusted by Sam Rivera',
      detail: 'Called',
    });
    expect(reasonText(item({ kind: 'manual', apiKeyId: 'k1' }), ctx).title).toBe(
      'Adjusted by API key “Billing sync”',
    );
    expect(reasonText(item({ kind: 'attributes' }), ctx).title).toBe('Contact details changed');
    expect(reasonText(item({ kind: 'publish', version: 3 }), ctx).title).toBe('Published version 3');
  });

  it('picks the properties worth reading, known ones first', () => {
    const event = {
      id: 'e',
      contactId: 'c',
      type: 'payment.succeeded',
      occurredAt: '2026-01-01T00:00:00Z',
      receivedAt: '2026-01-01T00:00:00Z',
      properties: { productId: 'p1', amount: 49, currency: 'USD', extra: 'x' },
    } satisfies TimelineEvent;
    const props = keyProperties(event);
    expect(props.map((p) => p.label)).toEqual(['Amount', 'Product', 'extra']);
    expect(props[0]?.value).toContain('49');
  });

  it('says when the next change is due in days, not weeks', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(untilText('2026-01-04T00:00:00Z', now)).toBe('in 3 days');
    expect(untilText('2026-01-01T05:00:00Z', now)).toBe('in 5 hours');
  });

  it('draws the score axis from zero to a round number above the top', () => {
    expect(yScale([280, 295])).toEqual({ domain: [0, 300], ticks: [0, 100, 200, 300] });
    expect(yScale([-50]).domain[0]).toBeLessThanOrEqual(-50);
  });
});
