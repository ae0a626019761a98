import { ThemeIcon, Tooltip } from '@mantine/core';
import {
  IconBrandFacebook,
  IconBrandGoogle,
  IconBrandInstagram,
  IconBrandWhatsapp,
  IconMail,
  IconMessage,
  IconMessageChatbot,
  IconPhone,
  type IconProps,
} from '@tabler/icons-react';
import type { ComponentType } from 'react';

const CHANNELS: Record<string, { label: string; icon: ComponentType<IconProps>; color: string }> = {
  email: { label: 'Email', icon: IconMail, color: 'blue' },
  sms: { label: 'SMS', icon: IconMessage, color: 'grape' },
  whatsapp: { label: 'WhatsApp', icon: IconBrandWhatsapp, color: 'green' },
  call: { label: 'Call', icon: IconPhone, color: 'cyan' },
  facebook: { label: 'Facebook', icon: IconBrandFacebook, color: 'indigo' },
  instagram: { label: 'Instagram', icon: IconBrandInstagram, color: 'pink' },
  live_chat: { label: 'Live chat', icon: IconMessageChatbot, color: 'teal' },
  gmb: { label: 'Google Business', icon: IconBrandGoogle, color: 'orange' },
};

export function channelLabel(channel: string): string {
  return CHANNELS[channel]?.label ?? channel;
}

export const CHANNEL_OPTIONS = Object.entries(CHANNELS).map(([value, c]) => ({ value, label: c.label }));

/**
 * The channel's icon with its name for screen readers and as a tooltip. `withTooltip={false}` gives a
 * plain `title` instead (cheaper in long virtualised lists).
 */
export function ChannelIcon({
  channel,
  size = 22,
  withTooltip = true,
}: { channel: string | null; size?: number; withTooltip?: boolean }) {
  const known = channel ? CHANNELS[channel] : undefined;
  const Icon = known?.icon ?? IconMessage;
  const label = channel ? channelLabel(channel) : 'Unknown channel';
  const icon = (
    <ThemeIcon
      variant="light"
      color={known?.color ?? 'gray'}
      size={size}
      radius="xl"
      aria-label={label}
      role="img"
      title={withTooltip ? undefined : label}
    >
      <Icon size={size * 0.62} stroke={1.8} />
    </ThemeIcon>
  );
  return withTooltip ? (
    <Tooltip label={label} withArrow openDelay={300}>
      {icon}
    </Tooltip>
  ) : (
    icon
  );
}
