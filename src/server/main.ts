import { sql } from 'kysely';
import { accountsRepository } from './accounts/accounts.repository.ts';
import { accountsRoutes } from './accounts/accounts.routes.ts';
import { accountsService } from './accounts/accounts.service.ts';
import { type Clock, systemClock } from './clock.ts';
import type { Config } from './config.ts';
import { contactsExportRoutes } from './contacts/contacts-export.routes.ts';
import { contactsRepository } from './contacts/contacts.repository.ts';
import { contactsRoutes } from './contacts/contacts.routes.ts';
import { contactsService } from './contacts/contacts.service.ts';
import { conversationsRoutes } from './conversations/conversations.routes.ts';
import { conversationsService } from './conversations/conversations.service.ts';
import { type DatabaseHandle, openDatabase } from './db/database.ts';
import { installationSecret } from './db/installation-secrets.ts';
import { migrateToLatest, pendingMigrations } from './db/migrations.ts';
import { signedCursors } from './cursor.ts';
import { eventsRepository } from './events/events.repository.ts';
import { eventsRoutes } from './events/events.routes.ts';
import { eventsService } from './events/events.service.ts';
import { createHttpApp } from './http/app.ts';
import { WEB_DIST_DIR } from './http/web-app.ts';
import { type IdGenerator, randomId } from './ids.ts';
import { type Logger, jobRunner } from './jobs/job-runner.ts';
import { jobsRepository } from './jobs/jobs.repository.ts';
import { isDeadLocalOwner, leaseOwner } from './jobs/lease-owner.ts';
import { publishJob } from './jobs/publish.job.ts';
import { sweepJob } from './jobs/sweep.job.ts';
import { createLogger } from './logger.ts';
import { listMovesRepository } from './lists/list-moves.repository.ts';
import { listRepository } from './lists/list.repository.ts';
import { listService } from './lists/list.service.ts';
import { createMetrics } from './metrics.ts';
import { viewsRepository } from './views/views.repository.ts';
import { viewsRoutes } from './views/views.routes.ts';
import { viewsService } from './views/views.service.ts';
import { insightsService } from './profiles/insights.service.ts';
import { profilesRepository } from './profiles/profiles.repository.ts';
import { profilesRoutes } from './profiles/profiles.routes.ts';
import { profilesService } from './profiles/profiles.service.ts';
import { versionCache } from './profiles/version-cache.ts';
import { scoresRepository } from './scores/scores.repository.ts';
import { scoresRoutes } from './scores/scores.routes.ts';
import { scoresService } from './scores/scores.service.ts';
import { scoringService } from './scores/scoring.service.ts';
import { sessionsRepository } from './users/sessions.repository.ts';
import { signInAttemptsRepository } from './users/sign-in-attempts.repository.ts';
import { sessionsRoutes } from './users/sessions.routes.ts';
import { passwordHasher } from './users/password.ts';
import { sessionsService } from './users/sessions.service.ts';
import { setupService } from './users/setup.service.ts';
import { usersRepository } from './users/users.repository.ts';
import { usersRoutes } from './users/users.routes.ts';
import { usersService } from './users/users.service.ts';
import { backfillJob } from './jobs/backfill.job.ts';
import { deliveryWorker } from './jobs/delivery.job.ts';
import { httpWebhookSender, type WebhookSender } from './workflows/webhook-sender.ts';
import { workflowActions } from './workflows/workflow-actions.ts';
import { workflowTrigger } from './workflows/workflow-trigger.ts';
import { workflowsRepository } from './workflows/workflows.repository.ts';
import { workflowsRoutes } from './workflows/workflows.routes.ts';
import { workflowsService } from './workflows/workflows.service.ts';

export const TALLY_VERSION = '0.1.0';

export interface TallyOptions {
  config: Config;
  clock?: Clock;
  ids?: IdGenerator;
  log?: Logger;
  database?: DatabaseHandle;
  /** The built web app to serve at / (default web/dist). */
  webDistDir?: string;
  /** Outbound HTTP for webhooks (default: real HTTP with the configured timeout and address guard). */
  webhookSender?: WebhookSender;
}

/** The composition root: database → repositories → services → HTTP app and background jobs. */
export async function createTally(options: TallyOptions) {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const ids = options.ids ?? randomId;
  const log = options.log ?? createLogger(config.logLevel);
  const database = options.database ?? openDatabase(config);
  await migrateToLatest(database.db as never, database.dialect);
  const db = database.db;

  const repos = {
    accounts: accountsRepository(db),
    contacts: contactsRepository(db, database.sqlite),
    lists: listRepository(db),
    listMoves: listMovesRepository(db),
    views: viewsRepository(db),
    events: eventsRepository(db, database.sqlite),
    profiles: profilesRepository(db),
    scores: scoresRepository(db, database.sqlite),
    jobs: jobsRepository(db, database.dialect),
    users: usersRepository(db),
    sessions: sessionsRepository(db),
    signInAttempts: signInAttemptsRepository(db, database.dialect),
    workflows: workflowsRepository(db, database.dialect),
  };
  const versions = versionCache(repos.profiles);
  const metrics = createMetrics({
    scoringLagSeconds: async () => {
      const now = clock.now();
      const oldest = await repos.scores.oldestDue(now);
      return oldest === null ? 0 : (now - oldest) / 1000;
    },
  });
  let wakeDeliveries = () => {};
  const listener = workflowTrigger({ ...repos, ids, clock, onQueued: () => wakeDeliveries() });
  const scoring = scoringService({ ...repos, versions, listener });
  const passwords = passwordHasher(config.scryptLogN);
  const users = usersService({ database, ...repos, scoring, passwords, clock, ids });
  const sessions = sessionsService({ ...repos, passwords, clock, ids, ttlHours: config.sessionTtlHours });
  let wakeRunner = () => {};
  const cursors = signedCursors(await installationSecret(db, 'list-cursors'));
  const lists = listService({ database, ...repos, versions, cursors, clock });
  const scores = scoresService({ database, ...repos, scoring, versions, clock, ids });
  const services = {
    accounts: accountsService({ ...repos, clock, ids }),
    contacts: contactsService({ database, ...repos, scoring, versions, clock }),
    events: eventsService({ database, ...repos, scoring, clock, ids, metrics }),
    profiles: profilesService({ database, ...repos, clock, ids, onJobQueued: () => wakeRunner() }),
    scores,
    workflows: workflowsService({
      database,
      ...repos,
      versions,
      clock,
      ids,
      allowPrivateWebhooks: config.webhooks.allowPrivate,
      onQueued: () => wakeDeliveries(),
      onJobQueued: () => wakeRunner(),
    }),
    insights: insightsService({ ...repos, versions, clock }),
    lists,
    views: viewsService({ ...repos, lists, clock, ids }),
    conversations: conversationsService({ database, ...repos }),
    scoring,
    users,
    sessions,
    setup: setupService({
      database,
      ...repos,
      usersService: users,
      sessionsService: sessions,
      passwords,
      clock,
      ids,
    }),
  };
  const owner = leaseOwner(ids('run'));
  const isDeadOwner = (holder: string) => isDeadLocalOwner(holder, owner);
  const runner = jobRunner({
    jobs: repos.jobs,
    runPublish: publishJob({
      database,
      ...repos,
      versions,
      scoring,
      listener,
      clock,
      chunk: config.publishChunk,
    }),
    runBackfill: backfillJob({
      database,
      ...repos,
      versions,
      ids,
      clock,
      chunk: config.publishChunk,
      onQueued: () => wakeDeliveries(),
    }),
    sweep: sweepJob({
      database,
      ...repos,
      scoring,
      clock,
      keepRunsMs: config.webhooks.keepRunsDays * 24 * 60 * 60 * 1000,
    }),
    intervalMs: config.sweepIntervalMs,
    leaseMs: config.jobLeaseSeconds * 1000,
    owner,
    isDeadOwner,
    clock,
    log,
    metrics,
  });
  wakeRunner = runner.wake;
  const deliveries = deliveryWorker({
    database,
    workflows: repos.workflows,
    execute: workflowActions({ ...repos, scoring, scores, clock }),
    send:
      options.webhookSender ??
      httpWebhookSender({ timeoutMs: config.webhooks.timeoutMs, allowPrivate: config.webhooks.allowPrivate }),
    clock,
    owner,
    isDeadOwner,
    concurrency: config.webhooks.concurrency,
    timeoutMs: config.webhooks.timeoutMs,
    pollMs: config.webhooks.pollMs,
    log,
    metrics,
  });
  wakeDeliveries = deliveries.wake;

  const routes = [
    ...accountsRoutes(services.accounts),
    // Before contactsRoutes: /contacts/export.csv must not be taken by /contacts/{id}.
    ...contactsExportRoutes(services.lists, clock),
    ...contactsRoutes(services.contacts, services.events, services.lists),
    ...conversationsRoutes(services.lists, services.conversations),
    ...viewsRoutes(services.views),
    ...eventsRoutes(services.events),
    ...profilesRoutes(services.profiles, services.insights),
    ...scoresRoutes(services.scores),
    ...workflowsRoutes(services.workflows),
    ...usersRoutes(users),
    ...sessionsRoutes(sessions, services.setup),
  ];
  const app = createHttpApp({
    routes,
    accounts: services.accounts,
    sessions,
    adminToken: config.adminToken,
    rateLimit: config.rateLimit,
    clock,
    log,
    version: TALLY_VERSION,
    metrics,
    webDistDir: options.webDistDir ?? config.webDir ?? WEB_DIST_DIR,
    ready: async () => {
      await sql`select 1`.execute(db);
      return (await pendingMigrations(db as never, database.dialect)) === 0;
    },
  });

  return {
    app,
    services,
    repos,
    runner,
    deliveries,
    database,
    log,
    async close() {
      await Promise.all([runner.stop(), deliveries.stop()]);
      await database.close();
    },
  };
}

export type Tally = Awaited<ReturnType<typeof createTally>>;
