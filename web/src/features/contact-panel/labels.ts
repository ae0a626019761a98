// Plain-words labels for events and score changes, shared by the panel's sections.
import type { HistoryItem, TimelineEvent } from '../../api/types.ts';
import { channelLabel } from '../../ui/ChannelIcon.tsx';
import { eventTypeLabel } from '../../ui/event-types.ts';

export { eventTypeLabel };

/** Property names shown first, in this order, and how each reads. */
const KEY_PROPERTIES: [string, string][] = [
  ['channel', 'Channel'],
  ['text', 'Text'],
  ['url', 'URL'],
  ['amount', 'Amount'],
  ['rating', 'Rating'],
  ['direction', 'Direction'],
  ['durationSeconds', 'Duration'],
  ['value', 'Value'],
  ['reason', 'Reason'],
  ['startsAt', 'Starts'],
  ['campaignId', 'Campaign'],
  ['formId', 'Form'],
  ['surveyId', 'Survey'],
  ['linkId', 'Link'],
  ['productId', 'Product'],
  ['calendarId', 'Calendar'],
  ['pipelineId', 'Pipeline'],
];

function valueText(name: string, value: unknown, properties: Record<string, unknown>): string | null {
  if (value === null || value === undefined || value === '') return null;
  if (name === 'channel' && typeof value === 'string') return channelLabel(value);
  if (name === 'amount' && typeof value === 'number') {
    const currency = typeof properties.currency === 'string' ? properties.currency : undefined;
    try {
      return currency
        ? value.toLocaleString(undefined, { style: 'currency', currency })
        : value.toLocaleString();
    } catch {
      return `${value.toLocaleString()} ${currency ?? ''}`.trim();
    }
  }
  if (name === 'durationSeconds' && typeof value === 'number') {
    const minutes = Math.floor(value / 60);
    return minutes ? `${minutes} min ${value % 60} s` : `${value} s`;
  }
  if (name === 'rating' && typeof value === 'number') return `${value} / 5`;
  if (name === 'startsAt' && typeof value === 'string' && !Number.isNaN(Date.parse(value)))
    return new Date(value).toLocaleString(undefined, { dateStyle: 'medium', timeStyle: 'short' });
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

/** Up to `max` of the event's properties worth reading, known ones first. */
export function keyProperties(event: TimelineEvent, max = 3): { label: string; value: string }[] {
  const props = event.properties;
  const out: { label: string; value: string }[] = [];
  const seen = new Set<string>(['currency', 'emailId', 'userId']);
  for (const [name, label] of KEY_PROPERTIES) {
    if (out.length >= max) break;
    seen.add(name);
    const text = valueText(name, props[name], props);
    if (text !== null) out.push({ label, value: text });
  }
  for (const [name, value] of Object.entries(props)) {
    if (out.length >= max) break;
    if (seen.has(name)) continue;
    const text = valueText(name, value, props);
    if (text !== null) out.push({ label: name, value: text });
  }
  return out;
}

export interface ReasonContext {
  rule: (ruleId: string) => { name: string; eventType?: string } | undefined;
  userName: (userId: string) => string | undefined;
  apiKeyName: (apiKeyId: string) => string | undefined;
  eventType: (eventId: string) => string | undefined;
}

/** Why the score changed, in plain words: the headline and, for manual changes, the note. */
export function reasonText(item: HistoryItem, ctx: ReasonContext): { title: string; detail?: string } {
  const r = item.reason;
  switch (r.kind) {
    case 'event': {
      const rules = (r.ruleIds ?? []).map((id) => ctx.rule(id)).filter((n) => n !== undefined);
      const type =
        (r.eventId ? ctx.eventType(r.eventId) : undefined) ?? rules.find((x) => x.eventType)?.eventType;
      return {
        title: type ? eventTypeLabel(type) : 'New activity',
        detail: rules.length ? rules.map((x) => x.name).join(' · ') : undefined,
      };
    }
    case 'time':
      return { title: 'Time passed (inactivity / expiry)' };
    case 'manual': {
      const who =
        (r.userId && (ctx.userName(r.userId) ?? 'a former user')) ||
        (r.apiKeyId && `API key “${ctx.apiKeyName(r.apiKeyId) ?? r.apiKeyId}”`) ||
        'an automation';
      return { title: `Adjusted by ${who}`, detail: r.note || undefined };
    }
    case 'attributes':
      return { title: 'Contact details changed' };
    case 'publish':
      return { title: r.version ? `Published version ${r.version}` : 'Profile published' };
  }
}

const inWords = new Intl.RelativeTimeFormat(undefined, { numeric: 'always' });

/** "in 3 days", "in 5 hours", "in 12 minutes" — days rather than weeks, as people plan follow-ups. */
export function untilText(iso: string, now = Date.now()): string {
  const minutes = Math.max(0, (Date.parse(iso) - now) / 60_000);
  if (minutes < 1) return 'in under a minute';
  if (minutes < 60) return inWords.format(Math.round(minutes), 'minute');
  if (minutes < 36 * 60) return inWords.format(Math.round(minutes / 60), 'hour');
  return inWords.format(Math.round(minutes / 1440), 'day');
}

/** A y axis from 0 (or below, for negative scores) to a round number above the highest score. */
export function yScale(scores: number[]) {
  const lo = Math.min(0, ...scores);
  const hi = Math.max(lo + 10, ...scores);
  const rough = (hi - lo) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(rough));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= rough) ?? rough;
  const start = Math.floor(lo / step) * step;
  const ticks: number[] = [];
  for (let t = start; t < hi + step; t += step) ticks.push(t);
  return { domain: [start, ticks[ticks.length - 1] ?? hi] as [number, number], ticks };
}
