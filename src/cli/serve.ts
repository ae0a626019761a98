import { createServer as createNetServer } from 'node:net';
import { serve } from '@hono/node-server';
import { seedDemo } from '../demo/seed.ts';
import type { Config } from '../server/config.ts';
import { createTally } from '../server/main.ts';

/** Fails fast, before any seeding, when the port is taken or not ours to bind. */
async function checkPortFree(port: number, host: string): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    const probe = createNetServer();
    probe.once('error', (error: NodeJS.ErrnoException) => {
      const reason =
        error.code === 'EADDRINUSE'
          ? `port ${port} is already in use; pick another with --port or TALLY_PORT`
          : `cannot listen on ${host}:${port} (${error.code ?? error.message})`;
      reject(new Error(reason));
    });
    probe.listen(port, host, () => probe.close(() => resolve()));
  });
}

/** Starts the HTTP server and background jobs; seeds the demo when asked and the database is empty. */
export async function runServe(config: Config, options: { demoIfEmpty: boolean }) {
  if (config.port !== 0) await checkPortFree(config.port, config.host);
  const tally = await createTally({ config });
  let demo: Awaited<ReturnType<typeof seedDemo>> | null = null;
  if (options.demoIfEmpty && (await tally.repos.accounts.count()) === 0) {
    process.stderr.write('Empty database: seeding the demo account (2,000 contacts, 50,000 events)…\n');
    demo = await seedDemo(tally);
  }
  const needsFirstAdmin = await tally.services.setup.needed();
  tally.runner.start();
  tally.deliveries.start();
  const server = serve({ fetch: tally.app.fetch, port: config.port, hostname: config.host }, (info) => {
    const url = `http://localhost:${info.port}`;
    const lines = [
      `Tally is running at ${url}`,
      `  API reference: ${url}/docs`,
      config.databaseUrl
        ? `  Database: PostgreSQL ${redactedUrl(config.databaseUrl)}`
        : `  Data directory: ${config.dataDir}`,
    ];
    if (demo) {
      lines.push(
        `  Demo account: ${demo.accountId} (${demo.contacts} contacts, ${demo.events} events, profile ${demo.profileId} published)`,
        `  Demo API key (shown once): ${demo.apiKey}`,
        `  Demo sign-in (shown once): ${demo.signIn.email} / ${demo.signIn.password}`,
        `  Try: curl -H "Authorization: Bearer ${demo.apiKey}" "${url}/api/v1/contacts?sort=score:desc&limit=5"`,
      );
    } else if (options.demoIfEmpty) {
      lines.push(
        `  The database already has data. Mint a new demo key with: npx tally demo --new-key ${config.databaseUrl ? '--database-url …' : `--data ${JSON.stringify(config.dataDir)}`}`,
      );
    }
    if (needsFirstAdmin)
      lines.push(
        `  Empty installation: create the account and its first admin with POST ${url}/api/v1/setup {"name", "email", "password", "accountName"}`,
      );
    process.stdout.write(`${lines.join('\n')}\n`);
  });
  server.on('error', (error: NodeJS.ErrnoException) => {
    process.stderr.write(`tally: cannot serve on port ${config.port}: ${error.code ?? error.message}\n`);
    void tally.close().finally(() => process.exit(1));
  });
  let closing = false;
  const shutdown = async () => {
    if (closing) return;
    closing = true;
    server.close();
    await tally.close();
    process.exit(0);
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

/** The URL without its password, for printing. */
function redactedUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return 'postgres://…';
  }
}
