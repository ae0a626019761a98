import { ThemeIcon } from '@mantine/core';
import {
  IconActivity,
  IconCalendarEvent,
  IconClick,
  IconCreditCard,
  IconEye,
  IconForms,
  IconMail,
  IconMailOff,
  IconPhone,
  type IconProps,
  IconStar,
  IconTrophy,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

const BY_PREFIX: [string, ComponentType<IconProps>, string][] = [
  ['email.bounced', IconMailOff, 'red'],
  ['email.', IconMail, 'blue'],
  ['link.', IconClick, 'indigo'],
  ['form.', IconForms, 'violet'],
  ['survey.', IconForms, 'violet'],
  ['appointment.', IconCalendarEvent, 'cyan'],
  ['payment.', IconCreditCard, 'teal'],
  ['call.', IconPhone, 'cyan'],
  ['page.', IconEye, 'gray'],
  ['contact.unsubscribed', IconMailOff, 'red'],
  ['opportunity.', IconTrophy, 'yellow'],
  ['review.', IconStar, 'yellow'],
];

/** A small icon for an event type (decorative: the label beside it names the event). */
export function EventIcon({ type, size = 24 }: { type: string; size?: number }) {
  const [, Icon, color] = BY_PREFIX.find(([prefix]) => type.startsWith(prefix)) ?? ['', IconActivity, 'gray'];
  const failed = /\.(failed|refunded|cancelled|no_show|lost)$/.test(type);
  return (
    <ThemeIcon variant="light" color={failed ? 'red' : color} size={size} radius="xl" aria-hidden>
      <Icon size={size * 0.6} stroke={1.8} />
    </ThemeIcon>
  );
}
