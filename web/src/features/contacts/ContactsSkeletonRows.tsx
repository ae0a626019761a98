import { Skeleton } from '@mantine/core';
import classes from './contacts.module.css';

/** Placeholder rows while the first page loads (the same columns as the rows). */
export function ContactsSkeletonRows({ compact }: { compact: boolean }) {
  return (
    <>
      {['a', 'b', 'c', 'd', 'e', 'f', 'g', 'h'].map((key) => (
        <tr key={key} aria-hidden>
          <td>
            <Skeleton h={10} w="70%" />
          </td>
          {!compact && (
            <td className={classes.wideOnly}>
              <Skeleton h={10} w="80%" />
            </td>
          )}
          {!compact && (
            <td className={classes.wideOnly}>
              <Skeleton h={10} w="70%" />
            </td>
          )}
          {!compact && (
            <td className={classes.wideOnly}>
              <Skeleton h={10} w="50%" />
            </td>
          )}
          <td>
            <Skeleton h={16} w={40} radius="xl" />
          </td>
          {!compact && (
            <td className={classes.wideOnly}>
              <Skeleton h={10} w="60%" />
            </td>
          )}
          {!compact && (
            <td className={classes.wideOnly}>
              <Skeleton h={10} w="60%" />
            </td>
          )}
        </tr>
      ))}
    </>
  );
}
