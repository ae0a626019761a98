// A real `tally serve` process serving a fresh build of the web app, with an account, two users and a
// small, hand-made inbox: what the browser tests sign in to.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'vite';
import { ADMIN_TOKEN } from '../helpers/harness.ts';
import { ServerProcess } from '../helpers/server-process.ts';

export const ADMIN = { name: 'Ada Admin', email: 'ada@tally.test', password: 'correct horse battery' };
export const MEMBER = { name: 'Max Member', email: 'max@tally.test', password: 'staple battery horse' };

/** Builds web/ into a temporary directory, so the tests see the current source, not a stale dist. */
export async function buildWebApp(): Promise<string> {
  const outDir = mkdtempSync(join(tmpdir(), 'tally-web-build-'));
  await build({
    configFile: join(import.meta.dirname, '../../web/vite.config.ts'),
    build: { outDir, emptyOutDir: true },
    logLevel: 'error',
  });
  return outDir;
}

export interface WebFixture {
  server: ServerProcess;
  key: string;
  userIds: { admin: string; member: string };
  /** JSON request with the account's API key; throws on an error status. */
  api(method: string, path: string, body?: unknown): Promise<any>;
  stop(): Promise<void>;
}

const CHANNELS = ['sms', 'email', 'whatsapp'];
const FIRST = ['Ana', 'Ben', 'Chloé', 'Dev', 'Eli', 'Fatima', 'Gus', 'Hana', 'Ivo', 'Jules', 'Kai', 'Lena'];
const LAST = ['Silva', 'Okafor', 'Martin', 'Patel', 'Nguyen', 'Haddad', 'Berg', 'Sato', 'Novak', 'Roux'];

/** Starts a server on `webDir`; with `empty` no account is made (the first-admin setup flow). */
export async function startWebFixture(
  webDir: string,
  options: { empty?: boolean } = {},
): Promise<WebFixture> {
  const server = new ServerProcess({ TALLY_WEB_DIR: webDir, TALLY_SCRYPT_LOG_N: '12' });
  await server.start();
  let key = '';
  const api = async (method: string, path: string, body?: unknown) => {
    const res = await server.request(method, `/api/v1${path}`, key, body);
    if (res.status >= 400) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const userIds = { admin: '', member: '' };
  if (!options.empty) {
    const account = await server.request('POST', '/api/v1/admin/accounts', ADMIN_TOKEN, {
      name: 'Northwind Studio',
    });
    key = account.body.apiKey;
    userIds.admin = (await api('POST', '/users', { ...ADMIN, role: 'admin' })).id;
    userIds.member = (await api('POST', '/users', { ...MEMBER, role: 'member' })).id;
    await seedInbox(api, userIds);
  }
  return {
    server,
    key,
    userIds,
    api,
    async stop() {
      await server.stop();
    },
  };
}

/**
 * 60 contacts: each wrote on a channel (sms, email, whatsapp in turn), clicked the spring link 0–3 times
 * and opened 0–5 emails; every third is assigned to the admin, every fifth to the member; every seventh
 * has all DND on.
 */
async function seedInbox(api: WebFixture['api'], users: { admin: string; member: string }) {
  const now = Date.now();
  const events: unknown[] = [];
  for (let i = 1; i <= 60; i++) {
    const id = `c_${String(i).padStart(2, '0')}`;
    await api('PUT', `/contacts/${id}`, {
      name: `${FIRST[i % FIRST.length]} ${LAST[(i * 7) % LAST.length]}`,
      email: `contact${i}@example.test`,
      phone: `+1555000${String(i).padStart(4, '0')}`,
      tags: i % 4 === 0 ? ['vip'] : [],
      assignedTo: i % 3 === 0 ? users.admin : i % 5 === 0 ? users.member : null,
      dnd: i % 7 === 0 ? { all: true } : {},
    });
    const at = (minutesAgo: number) => new Date(now - minutesAgo * 60_000).toISOString();
    events.push({
      id: `${id}-msg`,
      contactId: id,
      type: 'message.received',
      occurredAt: at(i * 37),
      properties: { channel: CHANNELS[i % 3], text: `Hi, this is message ${i} about the spring offer` },
    });
    for (let k = 0; k < i % 4; k++)
      events.push({
        id: `${id}-link-${k}`,
        contactId: id,
        type: 'link.clicked',
        occurredAt: at(i * 37 + k + 1),
        properties: { linkId: 'spring' },
      });
    for (let k = 0; k < i % 6; k++)
      events.push({
        id: `${id}-open-${k}`,
        contactId: id,
        type: 'email.opened',
        occurredAt: at(i * 41 + k + 5),
      });
  }
  const result = await api('POST', '/events', { events });
  if (result.rejected.length) throw new Error(`seed events rejected: ${JSON.stringify(result.rejected)}`);
}

export function removeDir(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}
