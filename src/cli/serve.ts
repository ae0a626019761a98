import { serve } from '@hono/node-server';
import { seedDemo } from '../demo/seed.ts';
import type { Config } from '../server/config.ts';
import { createTally } from '../server/main.ts';

/** Starts the HTTP server and background jobs; seeds the demo when asked and the database is empty. */
export async function runServe(config: Config, options: { demoIfEmpty: boolean }) {
  const tally = await createTally({ config });
  let demo: Awaited<ReturnType<typeof seedDemo>> | null = null;
  if (options.demoIfEmpty && (await tally.repos.accounts.count()) === 0) {
    process.stderr.write('Empty database: seeding the demo account (2,000 contacts, 50,000 events)…\n');
    demo = await seedDemo(tally);
  }
  tally.runner.start();
  const server = serve({ fetch: tally.app.fetch, port: config.port, hostname: config.host }, (info) => {
    const url = `http://localhost:${info.port}`;
    const lines = [
      `Tally is running at ${url}`,
      `  API reference: ${url}/docs`,
      `  Data directory: ${config.dataDir}`,
    ];
    if (demo) {
      lines.push(
        `  Demo account: ${demo.accountId} (${demo.contacts} contacts, ${demo.events} events, profile ${demo.profileId} published)`,
        `  Demo API key (shown once): ${demo.apiKey}`,
        `  Try: curl -H "Authorization: Bearer ${demo.apiKey}" "${url}/api/v1/contacts?sort=score:desc&limit=5"`,
      );
    } else if (options.demoIfEmpty) {
      lines.push('  The database already has data. Mint a new demo key with: npx tally demo --new-key');
    }
    process.stdout.write(`${lines.join('\n')}\n`);
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
