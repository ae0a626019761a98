import { SingleBar } from 'cli-progress';
import type { Tally } from '../server/main.ts';
import { csvRow } from '../server/csv.ts';
import { systemPrincipal } from './account.ts';

export async function listProfiles(tally: Tally, accountId: string): Promise<string> {
  const account = await tally.services.accounts.get(accountId);
  const { items } = await tally.services.profiles.list(accountId, 200, undefined);
  const lines = items.map((p) => {
    const star = p.id === account.primaryProfileId ? '★' : ' ';
    const status = p.published ? `published v${p.published.version}` : 'draft';
    const changes = p.hasUnpublishedChanges && p.published ? ' (unpublished changes)' : '';
    return `${star} ${p.id}  ${p.name}  ${status}${changes}  ${p.draft.rules.length} rules`;
  });
  return lines.length > 0 ? `${lines.join('\n')}\n` : 'No profiles yet.\n';
}

/** Publishes a profile and waits for the recompute, drawing its progress. */
export async function publishProfile(tally: Tally, accountId: string, profileId: string, progress: boolean) {
  const { version, job } = await tally.services.profiles.publish(accountId, profileId);
  const bar = progress
    ? new SingleBar({ format: `publish v${version} [{bar}] {value}/{total} contacts` })
    : null;
  bar?.start(job.progress.total, 0);
  const poll = setInterval(async () => {
    const current = await tally.services.profiles.job(accountId, job.id).catch(() => null);
    if (current) bar?.update(current.progress.done);
  }, 200);
  let done = await tally.services.profiles.job(accountId, job.id);
  try {
    // A server on the same database may have claimed the job first: then this waits for it to finish.
    for (;;) {
      await tally.runner.runOnce();
      done = await tally.services.profiles.job(accountId, job.id);
      if (done.status !== 'queued' && done.status !== 'running') break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    clearInterval(poll);
  }
  bar?.update(done.progress.done);
  bar?.stop();
  if (done.status !== 'succeeded')
    throw new Error(`publish ${done.status}: ${done.error ?? 'unknown error'}`);
  return { version, contacts: done.progress.total };
}

/** Writes every contact's current score on a profile as CSV, highest first. */
export async function exportScores(
  tally: Tally,
  accountId: string,
  profileId: string,
  write: (chunk: string) => void,
) {
  write(csvRow(['contact_id', 'name', 'email', 'score', 'tier', 'version']));
  let cursor: string | undefined;
  let rows = 0;
  do {
    const page = await tally.services.lists.list(systemPrincipal(accountId), {
      scope: 'contacts',
      filters: { profileId },
      sort: 'score:desc',
      limit: 200,
      cursor,
    });
    for (const item of page.items) {
      const score = item.score;
      write(
        csvRow([
          item.contact.id,
          item.contact.name,
          item.contact.email,
          score?.score ?? null,
          score?.tier ?? null,
          score?.version ?? null,
        ]),
      );
      rows++;
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return rows;
}
