import { Avatar } from '@mantine/core';
import { memo } from 'react';
import { Link } from 'react-router';
import type { ListItem, Tier } from '../../api/types.ts';
import { ChannelIcon, channelLabel } from '../../ui/ChannelIcon.tsx';
import { ScoreBadge } from '../../ui/ScoreBadge.tsx';
import { dateTime, displayName, scoreText, shortTime } from '../../ui/format.ts';
import classes from './conversations.module.css';

export const ROW_HEIGHT = 68;

/**
 * One conversation: a link to the same list with the contact selected. Its accessible name is the
 * contact's name; the rest (new messages, channel, time, score, snippet) is its description.
 */
export const ConversationRow = memo(function ConversationRow({
  item,
  href,
  replace,
  selected,
  focusable,
  tiers,
  onOpen,
}: {
  item: ListItem;
  href: string;
  replace: boolean;
  selected: boolean;
  focusable: boolean;
  tiers: readonly Tier[];
  onOpen: (item: ListItem) => void;
}) {
  const { contact, conversation, score } = item;
  const name = displayName(contact);
  const unread = conversation?.unreadCount ?? 0;
  const channel = conversation?.lastMessageChannel ?? null;
  const snippet = conversation?.lastMessageText ?? '';
  const outbound = conversation?.lastMessageDirection === 'outbound';
  const descriptionId = `conv-desc-${contact.id}`;
  const description = [
    unread > 0 ? `${unread} new ${unread === 1 ? 'message' : 'messages'}` : null,
    channel ? `last message by ${channelLabel(channel)}` : null,
    conversation ? dateTime(conversation.lastMessageAt) : null,
    score ? `score ${scoreText(score.score)}, ${score.tier}` : null,
    snippet ? `${outbound ? 'You: ' : ''}${snippet}` : null,
  ]
    .filter(Boolean)
    .join('. ');
  return (
    <Link
      to={href}
      replace={replace}
      className={classes.row}
      data-selected={selected ? true : undefined}
      data-unread={unread > 0 ? true : undefined}
      data-contact-id={contact.id}
      aria-current={selected ? 'true' : undefined}
      aria-describedby={descriptionId}
      tabIndex={focusable ? 0 : -1}
      onClick={(event) => {
        if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
        onOpen(item);
      }}
    >
      {unread > 0 && <span className={classes.unreadDot} aria-hidden />}
      <Avatar name={name} color="initials" size={36} radius="xl" aria-hidden />
      <div className={classes.rowBody}>
        <div className={classes.line}>
          <span className={classes.name}>{name}</span>
          <span aria-hidden style={{ display: 'flex' }}>
            <ScoreBadge score={score?.score} tier={score?.tier} tiers={tiers} size="sm" withTooltip={false} />
          </span>
          {conversation && (
            <time className={classes.time} dateTime={conversation.lastMessageAt} aria-hidden>
              {shortTime(conversation.lastMessageAt)}
            </time>
          )}
        </div>
        <div className={classes.line} aria-hidden>
          {channel && <ChannelIcon channel={channel} size={18} withTooltip={false} />}
          <span className={classes.snippet}>
            {outbound && snippet ? 'You: ' : ''}
            {snippet || 'No text'}
          </span>
          {unread > 0 && <span className={classes.count}>{unread > 99 ? '99+' : unread}</span>}
        </div>
      </div>
      <span id={descriptionId} hidden>
        {description}
      </span>
    </Link>
  );
});
