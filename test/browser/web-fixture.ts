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
  const server = new ServerProcess({
    TALLY_WEB_DIR: webDir,
    TALLY_SCRYPT_LOG_N: '12',
    // The workflow tests deliver webhooks to a receiver on 127.0.0.1.
    TALLY_WEBHOOK_ALLOW_PRIVATE: 'true',
  });
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

/** The rules of the published profile the page tests start from: one of each kind. */
export const SEED_RULES = [
  {
    kind: 'event',
    eventType: 'link.clicked',
    where: [{ property: 'linkId', op: 'eq', value: 'spring' }],
    points: 10,
    maxTimes: 3,
  },
  { kind: 'event', eventType: 'email.opened', points: 5, expiresAfterDays: 90 },
  { kind: 'inactivity', days: 30, points: -5, repeat: true },
  { kind: 'state', when: { field: 'dnd.all', op: 'eq', value: true }, points: -20 },
];

/** Creates and publishes a profile through the API and waits for its job; returns the profile. */
export async function publishSeedProfile(fixture: WebFixture, name = 'Lead Engagement Score') {
  const profile = await fixture.api('POST', '/profiles', {
    name,
    description: 'How actively a lead engages with us',
    rules: SEED_RULES,
  });
  const { job } = await fixture.api('POST', `/profiles/${profile.id}/publish`);
  for (let i = 0; i < 200; i++) {
    const state = await fixture.api('GET', `/jobs/${job.id}`);
    if (state.status === 'succeeded') return fixture.api('GET', `/profiles/${profile.id}`);
    if (state.status === 'failed') throw new Error(`publish failed: ${state.error}`);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error('publish did not finish');
}
