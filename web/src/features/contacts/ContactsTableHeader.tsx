import { IconArrowDown, IconArrowUp, IconArrowsSort } from '@tabler/icons-react';
import type { ListSort } from '../../api/types.ts';
import classes from './contacts.module.css';

/** The score column's header: a button that sorts by score, high → low first, then low → high. */
function ScoreHeader({
  sort,
  onSort,
  width,
}: { sort: ListSort; onSort: (sort: ListSort) => void; width?: number }) {
  const Icon = sort === 'score:desc' ? IconArrowDown : sort === 'score:asc' ? IconArrowUp : IconArrowsSort;
  return (
    <th
      scope="col"
      style={{ width }}
      aria-sort={sort === 'score:desc' ? 'descending' : sort === 'score:asc' ? 'ascending' : undefined}
    >
      <button
        type="button"
        className={classes.sortButton}
        onClick={() => onSort(sort === 'score:desc' ? 'score:asc' : 'score:desc')}
        style={{ background: 'none', border: 0, padding: 0, cursor: 'pointer' }}
      >
        Score
        <Icon size={14} aria-hidden />
      </button>
    </th>
  );
}

/** The table's header row: the score column sorts when scores are available; phones show name and score. */
export function ContactsTableHeader({
  sort,
  onSort,
  compact,
  scoresAvailable,
}: {
  sort: ListSort;
  onSort: (sort: ListSort) => void;
  compact: boolean;
  scoresAvailable: boolean;
}) {
  return (
    <thead>
      <tr>
        <th scope="col" aria-sort={sort === 'name:asc' ? 'ascending' : undefined}>
          Name
        </th>
        {!compact && (
          <th scope="col" className={classes.wideOnly}>
            Email
          </th>
        )}
        {!compact && (
          <th scope="col" className={classes.wideOnly}>
            Phone
          </th>
        )}
        {!compact && (
          <th scope="col" className={classes.wideOnly}>
            Tags
          </th>
        )}
        {scoresAvailable ? (
          <ScoreHeader sort={sort} onSort={onSort} width={compact ? 80 : undefined} />
        ) : (
          <th scope="col" style={{ width: compact ? 80 : undefined }}>
            Score
          </th>
        )}
        {!compact && (
          <th scope="col" className={classes.wideOnly}>
            Tier
          </th>
        )}
        {!compact && (
          <th scope="col" className={classes.wideOnly}>
            Last interaction
          </th>
        )}
      </tr>
    </thead>
  );
}
