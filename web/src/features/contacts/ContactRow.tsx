import { memo } from 'react';
import { Link } from 'react-router';
import type { ListItem, Tier } from '../../api/types.ts';
import { ScoreBadge } from '../../ui/ScoreBadge.tsx';
import { dateTime, displayName, timeAgo } from '../../ui/format.ts';
import { tierColor } from '../../ui/tiers.ts';
import classes from './contacts.module.css';

/** Plain elements in cells (no Mantine components, no tooltips): rows mount and unmount as the table scrolls. */
const DASH = <span className={classes.dim}>—</span>;

function Tags({ tags }: { tags: string[] }) {
  if (!tags.length) return DASH;
  const more = tags.length - 1;
  return (
    <span className={classes.tags}>
      <span className={classes.tag}>{tags[0]}</span>
      {more > 0 && (
        <span className={classes.more} title={tags.slice(1).join(', ')}>
          +{more}
        </span>
      )}
    </span>
  );
}

/** The tier as a coloured dot and its name (compact enough for a table cell). */
function TierLabel({ tier, tiers }: { tier: string; tiers: readonly Tier[] }) {
  return (
    <span className={classes.tier}>
      <span
        aria-hidden
        className={classes.dot}
        style={{ background: `var(--mantine-color-${tierColor(tier, tiers)}-filled)` }}
      />
      {tier}
    </span>
  );
}

/** One contact: its name links to it (keyboard, new tab); a click anywhere on the row opens it too. */
export const ContactRow = memo(function ContactRow({
  item,
  tiers,
  height,
  selected,
  href,
  onOpen,
  compact,
  start,
  index,
}: {
  compact: boolean;
  index: number;
  /** The row's offset in the table body. */
  start: number;
  item: ListItem;
  tiers: readonly Tier[];
  height: number;
  selected: boolean;
  href: string;
  onOpen: (contactId: string) => void;
}) {
  const { contact, score } = item;
  const name = displayName(contact);
  return (
    // biome-ignore lint/a11y/useKeyWithClickEvents: the name link is the row's keyboard target; this widens the click
    <tr
      className={`${classes.row} ${classes.placed}`}
      data-selected={selected ? true : undefined}
      style={{ height, transform: `translateY(${start}px)` }}
      onClick={(event) => {
        // The name is a link (keyboard, new tab); a click anywhere else on the row opens the contact too.
        if ((event.target as HTMLElement).closest('a')) return;
        onOpen(contact.id);
      }}
    >
      <td>
        <Link
          to={href}
          className={classes.nameLink}
          data-row-index={index}
          aria-current={selected ? 'true' : undefined}
          onClick={(event) => {
            if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
            event.preventDefault();
            onOpen(contact.id);
          }}
        >
          {name}
        </Link>
        <span className={classes.sub}>{contact.email ?? contact.phone ?? ''}</span>
      </td>
      {!compact && (
        <td className={classes.wideOnly} title={contact.email ?? undefined}>
          {contact.email ?? DASH}
        </td>
      )}
      {!compact && (
        <td className={classes.wideOnly} style={{ fontVariantNumeric: 'tabular-nums' }}>
          {contact.phone ?? DASH}
        </td>
      )}
      {!compact && (
        <td className={classes.wideOnly}>
          <Tags tags={contact.tags} />
        </td>
      )}
      <td>
        <ScoreBadge score={score?.score} tier={score?.tier} tiers={tiers} size="sm" withTooltip={false} />
      </td>
      {!compact && (
        <td className={classes.wideOnly}>{score ? <TierLabel tier={score.tier} tiers={tiers} /> : DASH}</td>
      )}
      {!compact && (
        <td className={classes.wideOnly}>
          {contact.lastInteractionAt ? (
            <time dateTime={contact.lastInteractionAt} title={dateTime(contact.lastInteractionAt)}>
              {timeAgo(contact.lastInteractionAt)}
            </time>
          ) : (
            <span className={classes.dim}>Never</span>
          )}
        </td>
      )}
    </tr>
  );
});
