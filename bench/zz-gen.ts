import { loadConfig } from '../src/server/config.ts';
import { createTally } from '../src/server/main.ts';
import { generateDataset } from './generate.ts';
const config = loadConfig({ TALLY_DATA_DIR: '/tmp/prof/full', TALLY_LOG_LEVEL: 'error' });
const tally = await createTally({ config });
const acc = await tally.services.accounts.createAccount('Bench');
generateDataset(tally.database.sqlite!, acc.id, { contacts: 1000000, events: 10000000, now: Date.now() });
await tally.close();
