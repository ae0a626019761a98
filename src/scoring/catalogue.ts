/** The built-in event catalogue and the identifiers every part of Tally agrees on (scoring.md, "Event types"). */

export const CHANNELS = [
  'email',
  'sms',
  'whatsapp',
  'call',
  'facebook',
  'instagram',
  'live_chat',
  'gmb',
] as const;
export type Channel = (typeof CHANNELS)[number];

/** Built-in event types, each with whether it counts as the contact interacting. */
export const BUILT_IN_EVENT_TYPES: Readonly<Record<string, { interaction: boolean; label: string }>> = {
  'email.opened': { interaction: true, label: 'Email opened' },
  'email.clicked': { interaction: true, label: 'Email clicked' },
  'email.bounced': { interaction: false, label: 'Email bounced' },
  'link.clicked': { interaction: true, label: 'Trigger link clicked' },
  'form.submitted': { interaction: true, label: 'Form submitted' },
  'survey.submitted': { interaction: true, label: 'Survey submitted' },
  'appointment.booked': { interaction: true, label: 'Appointment booked' },
  'appointment.cancelled': { interaction: false, label: 'Appointment cancelled' },
  'appointment.no_show': { interaction: false, label: 'Appointment no-show' },
  'payment.succeeded': { interaction: true, label: 'Payment succeeded' },
  'payment.failed': { interaction: false, label: 'Payment failed' },
  'payment.refunded': { interaction: false, label: 'Payment refunded' },
  'message.received': { interaction: true, label: 'Message received' },
  'message.sent': { interaction: false, label: 'Message sent' },
  'call.completed': { interaction: true, label: 'Call completed' },
  'page.viewed': { interaction: true, label: 'Page viewed' },
  'contact.unsubscribed': { interaction: false, label: 'Contact unsubscribed' },
  'opportunity.won': { interaction: true, label: 'Opportunity won' },
  'opportunity.lost': { interaction: false, label: 'Opportunity lost' },
  'review.submitted': { interaction: true, label: 'Review submitted' },
};

/** Any other type matching this is a custom type (and counts as an interaction). */
export const CUSTOM_EVENT_TYPE_PATTERN = /^[a-z][a-z0-9_]*(\.[a-z][a-z0-9_]*)+$/;

/** Client-chosen ids of contacts (and events): 1–128 chars of `A-Z a-z 0-9 . _ : @ -`. */
export const ID_PATTERN = /^[A-Za-z0-9._:@-]{1,128}$/;

export const MAX_EVENT_TYPE_LENGTH = 100;

export function isKnownEventType(type: string): boolean {
  return Object.hasOwn(BUILT_IN_EVENT_TYPES, type) || CUSTOM_EVENT_TYPE_PATTERN.test(type);
}

/** Default interaction set: built-in types flagged as interactions, and every custom type. */
export function isDefaultInteraction(type: string): boolean {
  const builtIn = BUILT_IN_EVENT_TYPES[type];
  return builtIn ? builtIn.interaction : CUSTOM_EVENT_TYPE_PATTERN.test(type);
}
