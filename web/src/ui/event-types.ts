import { BUILT_IN_EVENT_TYPES } from '../../../src/scoring/catalogue.ts';

/** "Email opened" for a catalogue type; a custom type reads as sent (webinar.attended). */
export function eventTypeLabel(type: string): string {
  return BUILT_IN_EVENT_TYPES[type]?.label ?? type;
}
