import { type Config, loadConfig } from '../server/config.ts';

/** Merges CLI flags over the environment (flags win) and parses the result once. */
export function configFrom(flags: {
  port?: string;
  host?: string;
  data?: string;
  databaseUrl?: string;
}): Config {
  return loadConfig({
    ...process.env,
    ...(flags.port !== undefined && { TALLY_PORT: flags.port }),
    ...(flags.host !== undefined && { TALLY_HOST: flags.host }),
    ...(flags.data !== undefined && { TALLY_DATA_DIR: flags.data }),
    ...(flags.databaseUrl !== undefined && { DATABASE_URL: flags.databaseUrl }),
  });
}
