import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command, InvalidArgumentError } from 'commander';
import { seedDemo } from '../demo/seed.ts';
import type { Config } from '../server/config.ts';
import { openDatabase } from '../server/db/database.ts';
import { migrateToLatest } from '../server/db/migrations.ts';
import { TALLY_VERSION, type Tally, createTally } from '../server/main.ts';
import { resolveAccount } from './account.ts';
import { CsvHeaderError, importContacts, importSummary } from './import-contacts.ts';
import { importEvents } from './import-events.ts';
import { exportScores, listProfiles, publishProfile } from './profiles.ts';
import { runServe } from './serve.ts';
import { configFrom } from './settings.ts';

/** Commands that work on existing data refuse a directory without a database instead of creating one. */
function requireDatabase(config: Config): Config {
  if (!config.databaseUrl && !existsSync(join(config.dataDir, 'tally.db')))
    throw new Error(
      `no Tally database in ${config.dataDir} (start one with \`tally serve\` or \`tally demo\`, or pass --data or --database-url)`,
    );
  return config;
}

const program = new Command('tally').description('Tally — contact engagement scoring').version(TALLY_VERSION);

const positiveInt = (value: string) => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('must be a whole number');
  return n;
};

program
  .command('serve')
  .description('serve the API (and background jobs) on the embedded database')
  .option('-p, --port <port>', 'HTTP port (env TALLY_PORT, default 3000)')
  .option('--host <host>', 'interface to listen on (env TALLY_HOST, default 0.0.0.0)')
  .option('-d, --data <dir>', 'data directory (env TALLY_DATA_DIR, default ./tally-data)')
  .option('--database-url <url>', 'PostgreSQL instead of the embedded database (env DATABASE_URL)')
  .option('--demo-if-empty', 'seed the demo account when the database is empty')
  .action(async (flags) => runServe(configFrom(flags), { demoIfEmpty: Boolean(flags.demoIfEmpty) }));

program
  .command('demo')
  .description('seed a demo account (contacts, events, a published profile) and print its API key')
  .option('-d, --data <dir>', 'data directory')
  .option('--database-url <url>', 'PostgreSQL instead of the embedded database (env DATABASE_URL)')
  .option('--contacts <n>', 'contacts to create', positiveInt, 2000)
  .option('--events <n>', 'events to create', positiveInt, 50_000)
  .option('--new-key', 'mint a new API key for the existing demo account instead of seeding')
  .action(async (flags) => {
    const config = configFrom(flags);
    const tally = await createTally({ config: flags.newKey ? requireDatabase(config) : config });
    try {
      const existing = await tally.repos.accounts.findByName('Demo Co');
      if (existing && !flags.newKey)
        throw new Error(
          `a demo account already exists here (${existing.id}); use --new-key for a new API key`,
        );
      if (flags.newKey) {
        const account = existing;
        if (!account) throw new Error('there is no demo account yet; run `tally demo` first');
        const key = await tally.services.accounts.createKey(account.id, 'Demo key');
        process.stdout.write(`Demo account ${account.id}\nAPI key (shown once): ${key.key}\n`);
        return;
      }
      const demo = await seedDemo(tally, { contacts: flags.contacts, events: flags.events });
      process.stdout.write(
        `Demo account ${demo.accountId}: ${demo.contacts} contacts, ${demo.events} events, profile ${demo.profileId} published\nAPI key (shown once): ${demo.apiKey}\nSign-in (shown once): ${demo.signIn.email} / ${demo.signIn.password}\n`,
      );
    } finally {
      await tally.close();
    }
  });

program
  .command('migrate')
  .description('apply database migrations and exit')
  .option('-d, --data <dir>', 'data directory')
  .option('--database-url <url>', 'PostgreSQL instead of the embedded database (env DATABASE_URL)')
  .action(async (flags) => {
    const config = configFrom(flags);
    const database = openDatabase(config);
    try {
      const applied = await migrateToLatest(database.db as never, database.dialect);
      process.stdout.write(
        applied.length > 0
          ? `Applied migrations: ${applied.join(', ')}\n`
          : 'Database is already up to date.\n',
      );
    } finally {
      await database.close();
    }
  });

const importCommand = program.command('import').description('import data from files');

/** An `import <kind> <file>` command: checks the file, opens the data, resolves the account, closes after. */
function importFile(
  kind: string,
  description: string,
  run: (tally: Tally, accountId: string, file: string, progress: boolean) => Promise<void>,
) {
  importCommand
    .command(`${kind} <file>`)
    .description(description)
    .option('-d, --data <dir>', 'data directory')
    .option('--database-url <url>', 'PostgreSQL instead of the embedded database (env DATABASE_URL)')
    .option('-a, --account <id>', 'account id (default: the only account)')
    .option('--no-progress', 'do not draw the progress bar')
    .action(async (file: string, flags) => {
      if (!existsSync(file)) throw new Error(`no file ${file}`);
      const tally = await createTally({ config: requireDatabase(configFrom(flags)) });
      try {
        const accountId = await resolveAccount(tally, flags.account);
        await run(tally, accountId, file, Boolean(flags.progress) && process.stderr.isTTY);
      } finally {
        await tally.close();
      }
    });
}

importFile(
  'events',
  'stream an NDJSON file of events (one event object per line) into an account',
  async (tally, accountId, file, progress) => {
    const report = await importEvents(tally, accountId, file, { progress });
    for (const r of report.rejected.slice(0, 100)) process.stderr.write(`line ${r.line}: ${r.message}\n`);
    if (report.rejected.length > 100)
      process.stderr.write(`… and ${report.rejected.length - 100} more rejected lines\n`);
    process.stdout.write(
      `${report.lines} lines: ${report.accepted} accepted, ${report.duplicates} duplicates, ${report.rejected.length} rejected\n`,
    );
    process.exitCode = report.rejected.length > 0 ? 1 : 0;
  },
);

importFile(
  'contacts',
  'upsert contacts from a CSV file with a header row (column names: see the README)',
  async (tally, accountId, file, progress) => {
    try {
      const report = await importContacts(tally, accountId, file, { progress });
      const summary = importSummary(file, report);
      process.stderr.write(summary.err);
      process.stdout.write(summary.out);
      process.exitCode = report.rejectedTotal > 0 || report.stopped ? 1 : 0;
    } catch (error) {
      if (!(error instanceof CsvHeaderError)) throw error;
      process.stderr.write(`tally: ${error.message}\n`);
      process.exitCode = 2;
    }
  },
);

const profilesCommand = program.command('profiles').description('score profiles');
profilesCommand
  .command('list')
  .description('list the score profiles of an account')
  .option('-d, --data <dir>', 'data directory')
  .option('--database-url <url>', 'PostgreSQL instead of the embedded database (env DATABASE_URL)')
  .option('-a, --account <id>', 'account id (default: the only account)')
  .action(async (flags) => {
    const tally = await createTally({ config: requireDatabase(configFrom(flags)) });
    try {
      process.stdout.write(await listProfiles(tally, await resolveAccount(tally, flags.account)));
    } finally {
      await tally.close();
    }
  });
profilesCommand
  .command('publish <profileId>')
  .description('publish the draft of a profile and wait for every contact to be recomputed')
  .option('-d, --data <dir>', 'data directory')
  .option('--database-url <url>', 'PostgreSQL instead of the embedded database (env DATABASE_URL)')
  .option('-a, --account <id>', 'account id (default: the only account)')
  .option('--no-progress', 'do not draw the progress bar')
  .action(async (profileId: string, flags) => {
    const tally = await createTally({ config: requireDatabase(configFrom(flags)) });
    try {
      const accountId = await resolveAccount(tally, flags.account);
      const progress = Boolean(flags.progress) && process.stderr.isTTY;
      const { version, contacts } = await publishProfile(tally, accountId, profileId, progress);
      process.stdout.write(`Published ${profileId} as version ${version}: ${contacts} contacts scored.\n`);
    } finally {
      await tally.close();
    }
  });

program
  .command('export')
  .description('export data')
  .command('scores')
  .description("write every contact's current score on a profile as CSV (to stdout, or --out FILE)")
  .requiredOption('-p, --profile <id>', 'profile id')
  .option('-o, --out <file>', 'write to this file instead of stdout')
  .option('-d, --data <dir>', 'data directory')
  .option('--database-url <url>', 'PostgreSQL instead of the embedded database (env DATABASE_URL)')
  .option('-a, --account <id>', 'account id (default: the only account)')
  .action(async (flags) => {
    const tally = await createTally({ config: requireDatabase(configFrom(flags)) });
    const out = flags.out ? createWriteStream(flags.out) : process.stdout;
    try {
      const rows = await exportScores(
        tally,
        await resolveAccount(tally, flags.account),
        flags.profile,
        (chunk) => out.write(chunk),
      );
      if (flags.out) process.stderr.write(`Wrote ${rows} contacts to ${flags.out}\n`);
    } finally {
      if (flags.out)
        await new Promise((resolve) => (out as ReturnType<typeof createWriteStream>).end(resolve));
      await tally.close();
    }
  });

program
  .command('bench')
  .description(
    'run the benchmark (same as npm run bench); options: --scale F, --contacts N, --events N, --seconds S, --data DIR',
  )
  .allowUnknownOption()
  .helpOption(false)
  .action(async (_flags, command: Command) => {
    const script = fileURLToPath(new URL('../../bench/run.ts', import.meta.url));
    const child = spawn(process.execPath, [script, ...command.args], { stdio: 'inherit' });
    process.exitCode = await new Promise<number>((resolve) => child.on('exit', (code) => resolve(code ?? 1)));
  });

program.parseAsync().catch((error: unknown) => {
  process.stderr.write(`tally: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
