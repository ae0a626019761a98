import { serve } from '@hono/node-server';
import { loadConfig } from '../src/server/config.ts';
import { createTally } from '../src/server/main.ts';
const config = loadConfig({
  TALLY_DATA_DIR: '/tmp/prof/data2',
  TALLY_LOG_LEVEL: 'error',
  TALLY_RATE_LIMIT: '1000000',
  TALLY_RATE_BURST: '1000000',
});
const tally = await createTally({ config });
const acc = (await tally.database.db.selectFrom('accounts').select('id').executeTakeFirstOrThrow()).id;
const key = (await tally.services.accounts.createKey(acc, 'b')).key;
const server = serve({ fetch: tally.app.fetch, port: 3998, hostname: '127.0.0.1' });
console.log(JSON.stringify({ key }));
setTimeout(async () => {
  server.close();
  await tally.close();
  process.exit(0);
}, 12000);
