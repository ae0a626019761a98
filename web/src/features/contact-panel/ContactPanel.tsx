import { Text } from '@mantine/core';

export interface ContactPanelProps {
  contactId: string;
  /** The profile whose score the panel shows (the list's profile). */
  profileId: string | null;
  onClose: () => void;
}

/** The selected contact: score, tier and action, why, history, recent events, Update score. */
export function ContactPanel({ contactId }: ContactPanelProps) {
  return <Text>{contactId}</Text>;
}
