import type { ListCriteria, PageRequest } from '../src/server/lists/list.repository.ts';
import type { Tally } from '../src/server/main.ts';

/** The database's plan for the main query of the bench's list shapes (one line per plan step). */
export async function listPlans(tally: Tally, accountId: string, profileId: string, version: number) {
  const base: ListCriteria = {
    accountId,
    scope: 'contacts',
    scores: { profileId, version },
    range: { min: 5, max: 60 },
    tierRanges: null,
    channels: null,
    assignedTo: 'user_3',
    tags: [],
  };
  const inbox: ListCriteria = { ...base, scope: 'conversations', channels: ['sms'] };
  const shapes: [string, ListCriteria, PageRequest][] = [
    ['contacts: score:desc + range + assigned', base, { sort: 'score:desc', after: null, limit: 51 }],
    ['inbox: score:desc + range + channel + assigned', inbox, { sort: 'score:desc', after: null, limit: 51 }],
    [
      'inbox, deep page (after a cursor)',
      inbox,
      { sort: 'score:desc', after: { value: 30, id: 'c00500000' }, limit: 51 },
    ],
    [
      'inbox: lastMessageAt:desc + channel + assigned',
      { ...inbox, range: null },
      { sort: 'lastMessageAt:desc', after: null, limit: 51 },
    ],
  ];
  const plans: (readonly [string, string[]])[] = [];
  for (const [name, criteria, page] of shapes) {
    const compiled = tally.repos.lists.compile(criteria, page);
    if (tally.database.sqlite) {
      const rows = tally.database.sqlite.raw
        .prepare(`explain query plan ${compiled.sql}`)
        .all(...(compiled.parameters as never[])) as { detail: string }[];
      plans.push([name, rows.map((r) => r.detail)]);
    } else {
      const { rows } = await tally.database.pool!.query<{ 'QUERY PLAN': string }>(
        `explain ${compiled.sql}`,
        compiled.parameters as unknown[],
      );
      plans.push([name, rows.map((r) => r['QUERY PLAN'])]);
    }
  }
  return plans;
}
