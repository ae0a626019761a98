import type { z } from 'zod';
import type { ProfileCreateSchema, ProfilePatchSchema } from '../../contracts/profiles.ts';
import type { Definition } from '../../scoring/index.ts';
import type { AccountsRepository } from '../accounts/accounts.repository.ts';
import type { Clock } from '../clock.ts';
import type { ContactsRepository } from '../contacts/contacts.repository.ts';
import type { DatabaseHandle } from '../db/database.ts';
import type { ProfilesTable } from '../db/schema.ts';
import { inTransaction } from '../db/transaction.ts';
import { AppError, notFound } from '../errors.ts';
import type { IdGenerator } from '../ids.ts';
import type { WorkflowsRepository } from '../workflows/workflows.repository.ts';
import { type JobsRepository, jobView, newJob } from '../jobs/jobs.repository.ts';
import type { ScoresRepository } from '../scores/scores.repository.ts';
import { iso } from '../time-format.ts';
import { DEFAULT_DEFINITION, buildDefinition, parseRule, sameDefinition, withRuleId } from './definition.ts';
import type { ProfilesRepository } from './profiles.repository.ts';

export function profilesService(deps: {
  database: DatabaseHandle;
  profiles: ProfilesRepository;
  accounts: AccountsRepository;
  contacts: ContactsRepository;
  scores: ScoresRepository;
  jobs: JobsRepository;
  workflows: Pick<WorkflowsRepository, 'usingProfile'>;
  clock: Clock;
  ids: IdGenerator;
  /** Called after a publish job is queued, so the runner starts it without waiting for its next tick. */
  onJobQueued: () => void;
}) {
  const { database, profiles, accounts, contacts, scores, jobs, clock, ids } = deps;

  async function load(accountId: string, id: string): Promise<ProfilesTable> {
    const profile = await profiles.find(accountId, id);
    if (!profile) throw notFound('profile');
    return profile;
  }

  async function view(profile: ProfilesTable) {
    const draft = JSON.parse(profile.draft) as Definition;
    const live =
      profile.live_version === null
        ? null
        : await profiles.findVersion(profile.account_id, profile.id, Number(profile.live_version));
    const liveDefinition = live ? (JSON.parse(live.definition) as Definition) : null;
    const job = await jobs.activeForProfile(profile.account_id, profile.id);
    return {
      id: profile.id,
      name: profile.name,
      description: profile.description,
      status: live ? ('published' as const) : ('draft' as const),
      draft,
      published:
        live && liveDefinition
          ? {
              version: Number(live.version),
              definition: liveDefinition,
              publishedAt: iso(Number(live.published_at)),
            }
          : null,
      hasUnpublishedChanges: !liveDefinition || !sameDefinition(draft, liveDefinition),
      publishing: job ? jobView(job) : null,
      createdAt: iso(Number(profile.created_at)),
      updatedAt: iso(Number(profile.updated_at)),
    };
  }

  /** Read-modify-write of a draft in one transaction, so concurrent edits never lose each other. */
  async function editDraft<T>(
    accountId: string,
    id: string,
    edit: (draft: Definition) => { draft: Definition; extra?: Partial<ProfilesTable>; result: T },
  ): Promise<T> {
    return inTransaction(
      database,
      async (trx) => {
        const profile = await profiles.find(accountId, id, trx);
        if (!profile) throw notFound('profile');
        const { draft, extra, result } = edit(JSON.parse(profile.draft) as Definition);
        await profiles.update(
          accountId,
          id,
          { ...extra, draft: JSON.stringify(draft), updated_at: clock.now() },
          trx,
        );
        return result;
      },
      { account: accountId },
    );
  }

  /** Stops a running publish of this profile and drops what it had built. */
  async function cancelPublish(
    accountId: string,
    profile: ProfilesTable,
    why: string,
    trx: Parameters<ProfilesRepository['find']>[2],
  ) {
    if (profile.pending_version === null) return;
    const job = await jobs.activeForProfile(accountId, profile.id, trx);
    if (job) await jobs.update(job.id, { status: 'failed', error: why, finished_at: clock.now() }, trx);
    await scores.deleteVersion(accountId, profile.id, Number(profile.pending_version), trx);
    await profiles.update(accountId, profile.id, { pending_version: null }, trx);
  }

  return {
    view,

    async create(accountId: string, input: z.infer<typeof ProfileCreateSchema>) {
      const now = clock.now();
      const draft = buildDefinition(input, DEFAULT_DEFINITION, ids);
      const row: ProfilesTable = {
        account_id: accountId,
        id: ids('prf'),
        name: input.name,
        description: input.description ?? '',
        draft: JSON.stringify(draft),
        live_version: null,
        pending_version: null,
        created_at: now,
        updated_at: now,
      };
      await inTransaction(
        database,
        async (trx) => {
          await profiles.insert(row, trx);
          // The first profile becomes the primary one, so lists have a score to show without setup.
          const account = await accounts.find(accountId, trx);
          if (account && account.primary_profile_id === null)
            await accounts.update(accountId, { primary_profile_id: row.id }, trx);
        },
        { account: accountId },
      );
      return view(row);
    },

    async get(accountId: string, id: string) {
      return view(await load(accountId, id));
    },

    async list(accountId: string, limit: number, cursor: string | undefined) {
      const rows = await profiles.list(accountId, limit + 1, cursor ?? null);
      const page = rows.slice(0, limit);
      return {
        items: await Promise.all(page.map(view)),
        nextCursor: rows.length > limit ? page[page.length - 1]!.id : null,
      };
    },

    async patch(accountId: string, id: string, input: z.infer<typeof ProfilePatchSchema>) {
      await editDraft(accountId, id, (draft) => ({
        draft: buildDefinition(input, draft, ids),
        extra: {
          ...(input.name !== undefined && { name: input.name }),
          ...(input.description !== undefined && { description: input.description }),
        },
        result: undefined,
      }));
      return view(await load(accountId, id));
    },

    async addRule(accountId: string, id: string, body: unknown) {
      const rule = withRuleId(parseRule(body), ids);
      return editDraft(accountId, id, (draft) => ({
        draft: buildDefinition({}, { ...draft, rules: [...draft.rules, rule] }, ids),
        result: rule,
      }));
    },

    async patchRule(accountId: string, id: string, ruleId: string, body: unknown) {
      if (body === null || typeof body !== 'object' || Array.isArray(body))
        throw new AppError('validation_failed', 'body: must be a JSON object', [
          { path: '', message: 'must be a JSON object' },
        ]);
      const patch = body as Record<string, unknown>;
      if ('id' in patch && patch.id !== ruleId)
        throw new AppError('validation_failed', 'id: cannot be changed', [
          { path: 'id', message: 'cannot be changed' },
        ]);
      return editDraft(accountId, id, (draft) => {
        const index = draft.rules.findIndex((r) => r.id === ruleId);
        if (index < 0) throw notFound('rule');
        // Fields given replace the stored ones; null removes an optional field.
        const merged = Object.fromEntries(
          Object.entries({ ...draft.rules[index], ...patch }).filter(([, v]) => v !== null),
        );
        const rule = withRuleId(parseRule(merged), ids);
        const rules = draft.rules.map((r, i) => (i === index ? rule : r));
        return { draft: buildDefinition({}, { ...draft, rules }, ids), result: rule };
      });
    },

    async deleteRule(accountId: string, id: string, ruleId: string) {
      await editDraft(accountId, id, (draft) => {
        if (!draft.rules.some((r) => r.id === ruleId)) throw notFound('rule');
        return { draft: { ...draft, rules: draft.rules.filter((r) => r.id !== ruleId) }, result: undefined };
      });
    },

    /** Freezes the draft as version N+1 and queues the recompute that switches to it when done. */
    async publish(accountId: string, id: string) {
      const result = await inTransaction(
        database,
        async (trx) => {
          const profile = await profiles.find(accountId, id, trx);
          if (!profile) throw notFound('profile');
          if (profile.pending_version !== null)
            throw new AppError('conflict', 'this profile is already publishing');
          const now = clock.now();
          const version = (await profiles.latestVersionNumber(accountId, id, trx)) + 1;
          await profiles.insertVersion(
            { account_id: accountId, profile_id: id, version, definition: profile.draft, published_at: now },
            trx,
          );
          await profiles.update(accountId, id, { pending_version: version, updated_at: now }, trx);
          const job = newJob({
            id: ids('job'),
            accountId,
            type: 'publish',
            profileId: id,
            version,
            total: await contacts.count(accountId, trx),
            now,
          });
          await jobs.insert(job, trx);
          return { version, job: jobView(job) };
        },
        { account: accountId },
      );
      deps.onJobQueued();
      return result;
    },

    async unpublish(accountId: string, id: string) {
      await inTransaction(
        database,
        async (trx) => {
          const profile = await profiles.find(accountId, id, trx);
          if (!profile) throw notFound('profile');
          await cancelPublish(accountId, profile, 'cancelled: the profile was returned to draft', trx);
          await scores.deleteVersionsExcept(accountId, id, null, trx);
          await profiles.update(accountId, id, { live_version: null, updated_at: clock.now() }, trx);
        },
        { account: accountId },
      );
      return view(await load(accountId, id));
    },

    async delete(accountId: string, id: string) {
      await inTransaction(
        database,
        async (trx) => {
          const profile = await profiles.find(accountId, id, trx);
          if (!profile) throw notFound('profile');
          const using = await deps.workflows.usingProfile(accountId, id, trx);
          if (using.length > 0)
            throw new AppError(
              'conflict',
              `workflows use this profile (${using.map((w) => `"${w.name}"`).join(', ')}): change or delete them first`,
            );
          await cancelPublish(accountId, profile, 'cancelled: the profile was deleted', trx);
          await profiles.delete(accountId, id, trx);
          const account = await accounts.find(accountId, trx);
          if (account?.primary_profile_id === id) {
            // Another profile takes over as primary (a published one first), so lists keep a score to show.
            const remaining = await profiles.list(accountId, 1000, null, trx);
            const next = remaining.find((p) => p.live_version !== null) ?? remaining[0];
            await accounts.update(accountId, { primary_profile_id: next?.id ?? null }, trx);
          }
        },
        { account: accountId },
      );
    },

    async job(accountId: string, jobId: string) {
      const job = await jobs.find(accountId, jobId);
      if (!job) throw notFound('job');
      return jobView(job);
    },
  };
}

export type ProfilesService = ReturnType<typeof profilesService>;
