// The event catalogue as the editor shows it: labels from the server's catalogue, grouped for the
// event type picker, with the usual properties of each type (scoring.md, "Event types").
import {
  BUILT_IN_EVENT_TYPES,
  CHANNELS,
  CUSTOM_EVENT_TYPE_PATTERN,
} from '../../../../src/scoring/catalogue.ts';
import { channelLabel } from '../../ui/ChannelIcon.tsx';

export { BUILT_IN_EVENT_TYPES, CHANNELS, CUSTOM_EVENT_TYPE_PATTERN };

export const MAX_EVENT_TYPE_LENGTH = 100;

const GROUPS: { group: string; types: string[] }[] = [
  { group: 'Email', types: ['email.opened', 'email.clicked', 'email.bounced'] },
  { group: 'Links and pages', types: ['link.clicked', 'page.viewed'] },
  { group: 'Forms and surveys', types: ['form.submitted', 'survey.submitted', 'review.submitted'] },
  {
    group: 'Appointments',
    types: ['appointment.booked', 'appointment.cancelled', 'appointment.no_show'],
  },
  { group: 'Messages and calls', types: ['message.received', 'message.sent', 'call.completed'] },
  {
    group: 'Sales and payments',
    types: ['payment.succeeded', 'payment.failed', 'payment.refunded', 'opportunity.won', 'opportunity.lost'],
  },
  { group: 'Subscriptions', types: ['contact.unsubscribed'] },
];

export const CUSTOM_OPTION = '__custom__';

/** Options for the grouped, searchable event type Select; every built-in type appears once. */
export function eventTypeOptions() {
  const listed = new Set(GROUPS.flatMap((g) => g.types));
  const rest = Object.keys(BUILT_IN_EVENT_TYPES).filter((t) => !listed.has(t));
  const groups = [...GROUPS, ...(rest.length ? [{ group: 'Other', types: rest }] : [])];
  return [
    ...groups.map((g) => ({
      group: g.group,
      items: g.types
        .filter((t) => BUILT_IN_EVENT_TYPES[t])
        .map((t) => ({ value: t, label: BUILT_IN_EVENT_TYPES[t]?.label ?? t })),
    })),
    { group: 'Custom', items: [{ value: CUSTOM_OPTION, label: 'Custom event type…' }] },
  ];
}

export function isBuiltInEventType(type: string): boolean {
  return Object.hasOwn(BUILT_IN_EVENT_TYPES, type);
}

export { eventTypeLabel } from '../../ui/event-types.ts';

export function countsAsInteraction(type: string): boolean {
  const builtIn = BUILT_IN_EVENT_TYPES[type];
  return builtIn ? builtIn.interaction : CUSTOM_EVENT_TYPE_PATTERN.test(type);
}

/** The properties each built-in type usually carries, offered as suggestions in the conditions builder. */
export const USUAL_PROPERTIES: Record<string, string[]> = {
  'email.opened': ['campaignId', 'emailId'],
  'email.clicked': ['campaignId', 'emailId', 'url'],
  'email.bounced': ['reason'],
  'link.clicked': ['linkId', 'url'],
  'form.submitted': ['formId'],
  'survey.submitted': ['surveyId'],
  'appointment.booked': ['calendarId', 'startsAt'],
  'appointment.cancelled': ['calendarId'],
  'appointment.no_show': ['calendarId'],
  'payment.succeeded': ['amount', 'currency', 'productId'],
  'payment.failed': ['amount', 'currency'],
  'payment.refunded': ['amount', 'currency'],
  'message.received': ['channel', 'text'],
  'message.sent': ['channel', 'userId', 'text'],
  'call.completed': ['direction', 'durationSeconds'],
  'page.viewed': ['url'],
  'contact.unsubscribed': ['channel'],
  'opportunity.won': ['value', 'pipelineId'],
  'opportunity.lost': ['value', 'pipelineId'],
  'review.submitted': ['rating'],
};

/** Properties whose values are numbers, so a new condition on them compares numbers. */
export const NUMERIC_PROPERTIES = new Set(['amount', 'value', 'rating', 'durationSeconds']);

const PROPERTY_WORDS: Record<string, string> = {
  url: 'URL',
  durationSeconds: 'duration (seconds)',
  startsAt: 'start time',
};

/** "linkId" → "link", "campaignId" → "campaign", "url" → "URL", "fooBar" → "foo bar". */
export function propertyLabel(property: string): string {
  const known = PROPERTY_WORDS[property];
  if (known) return known;
  if (property.includes('.')) return property;
  const base = /^[a-z]+[A-Za-z]*Id$/.test(property) ? property.slice(0, -2) : property;
  return base.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
}

/** The contact fields a state rule can test, for the Field select. */
export function contactFieldOptions() {
  return [
    {
      group: 'Do not disturb',
      items: [
        { value: 'dnd.all', label: 'All DND channels' },
        ...CHANNELS.map((c) => ({ value: `dnd.${c}`, label: `DND for ${channelLabel(c)}` })),
      ],
    },
    {
      group: 'Contact',
      items: [
        { value: 'tags', label: 'Tags' },
        { value: 'email', label: 'Email' },
        { value: 'phone', label: 'Phone' },
        { value: 'assignedTo', label: 'Assigned user' },
        { value: 'fields', label: 'Custom field…' },
      ],
    },
  ];
}

export { channelLabel };
