import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  type Api,
  MINUTE,
  T0,
  allPages,
  expectError,
  ingest,
  iso,
  publishedProfile,
  putContact,
  setup,
} from './api-helpers.ts';

let api: Api;
beforeEach(async () => {
  api = await setup();
});
afterEach(() => api.h.close());

const received = (contactId: string, at: number, extra: Record<string, unknown> = {}) => ({
  contactId,
  type: 'message.received',
  occurredAt: iso(at),
  properties: { channel: 'sms', text: 'hello', ...extra },
});
const sent = (contactId: string, at: number, extra: Record<string, unknown> = {}) => ({
  contactId,
  type: 'message.sent',
  occurredAt: iso(at),
  properties: { channel: 'email', text: 'thanks', ...extra },
});

async function conversationOf(contactId: string) {
  const res = await api.get('/conversations?limit=200');
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items.find((i: any) => i.contact.id === contactId)?.conversation ?? null;
}

describe('conversations from message events', () => {
  it('keeps the last message, its channel, direction and text, and counts received messages as unread', async () => {
    await ingest(api, [received('ann', T0 - 10 * MINUTE, { text: 'first', channel: 'whatsapp' })]);
    expect(await conversationOf('ann')).toEqual({
      lastMessageAt: iso(T0 - 10 * MINUTE),
      lastMessageChannel: 'whatsapp',
      lastMessageDirection: 'inbound',
      lastMessageText: 'first',
      unreadCount: 1,
    });
    await ingest(api, [sent('ann', T0 - 5 * MINUTE, { text: 'reply' })]);
    expect(await conversationOf('ann')).toEqual({
      lastMessageAt: iso(T0 - 5 * MINUTE),
      lastMessageChannel: 'email',
      lastMessageDirection: 'outbound',
      lastMessageText: 'reply',
      unreadCount: 1,
    });
    await ingest(api, [received('ann', T0 - 2 * MINUTE, { text: 'again' }), received('ann', T0 - MINUTE)]);
    expect((await conversationOf('ann')).unreadCount).toBe(3);
  });

  it('never moves the last message backwards for late or out-of-order events, but counts them unread', async () => {
    await ingest(api, [received('bo', T0 - MINUTE, { text: 'newest' })]);
    await ingest(api, [received('bo', T0 - 60 * MINUTE, { text: 'late', channel: 'call' })]);
    const conversation = await conversationOf('bo');
    expect(conversation.lastMessageText).toBe('newest');
    expect(conversation.lastMessageChannel).toBe('sms');
    expect(conversation.lastMessageAt).toBe(iso(T0 - MINUTE));
    expect(conversation.unreadCount).toBe(2);
    // Within one batch the order of the items does not matter either.
    await ingest(api, [
      received('cy', T0 - 1 * MINUTE, { text: 'b' }),
      received('cy', T0 - 3 * MINUTE, { text: 'a' }),
    ]);
    expect((await conversationOf('cy')).lastMessageText).toBe('b');
  });

  it('breaks a tie of occurred times by event id, and a duplicate event changes nothing', async () => {
    await ingest(api, [{ ...received('di', T0, { text: 'from b' }), id: 'evt-b' }]);
    await ingest(api, [{ ...received('di', T0, { text: 'from a' }), id: 'evt-a' }]);
    expect((await conversationOf('di')).lastMessageText).toBe('from b');
    const again = await ingest(api, [{ ...received('di', T0, { text: 'from b' }), id: 'evt-b' }]);
    expect(again.duplicates).toBe(1);
    expect((await conversationOf('di')).unreadCount).toBe(2);
  });

  it('lists only contacts with a message; other events make no conversation', async () => {
    await ingest(api, [{ contactId: 'quiet', type: 'email.opened' }, received('chatty', T0)]);
    const ids = (await api.get('/conversations')).body.items.map((i: any) => i.contact.id);
    expect(ids).toEqual(['chatty']);
    const contacts = (await api.get('/contacts')).body.items;
    expect(contacts.find((i: any) => i.contact.id === 'quiet').conversation).toBeNull();
    expect(contacts.find((i: any) => i.contact.id === 'chatty').conversation.unreadCount).toBe(1);
  });

  it('keeps a long text as a snippet and a message without channel or text as nulls', async () => {
    await ingest(api, [
      {
        contactId: 'eve',
        type: 'message.received',
        occurredAt: iso(T0 - MINUTE),
        properties: { text: 'x'.repeat(1000) },
      },
    ]);
    const c = await conversationOf('eve');
    expect(c.lastMessageText).toHaveLength(280);
    expect(c.lastMessageChannel).toBeNull();
    await ingest(api, [{ contactId: 'eve', type: 'message.sent', occurredAt: iso(T0) }]);
    expect((await conversationOf('eve')).lastMessageText).toBeNull();
  });

  it('POST /conversations/{id}/read clears the unread count; unknown contacts and contacts without messages are 404', async () => {
    await ingest(api, [received('fay', T0 - MINUTE), received('fay', T0)]);
    const res = await api.post('/conversations/fay/read');
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.unreadCount).toBe(0);
    expect((await conversationOf('fay')).unreadCount).toBe(0);
    expect((await api.get('/conversations?unread=true')).body.items).toEqual([]);
    await ingest(api, [received('fay', T0)]);
    expect((await conversationOf('fay')).unreadCount).toBe(1);
    expectError(await api.post('/conversations/nobody/read'), 404, 'not_found');
    await putContact(api, 'silent', { name: 'Silent' });
    expectError(await api.post('/conversations/silent/read'), 404, 'not_found');
    expectError(await api.post('/conversations/bad id!/read'), 400, 'validation_failed');
  });

  it("GET /contacts/{id} carries the contact's conversation", async () => {
    await ingest(api, [received('cv', T0 - MINUTE, { text: 'hello there' })]);
    const contact = (await api.get('/contacts/cv')).body;
    expect(contact.conversation).toEqual({
      lastMessageAt: iso(T0 - MINUTE),
      lastMessageChannel: 'sms',
      lastMessageDirection: 'inbound',
      lastMessageText: 'hello there',
      unreadCount: 1,
    });
  });

  it('erasing a contact removes its conversation', async () => {
    await ingest(api, [received('gus', T0)]);
    expect((await api.del('/contacts/gus')).status).toBe(204);
    expect((await api.get('/conversations')).body.items).toEqual([]);
  });
});

describe('GET /conversations', () => {
  it('defaults to the latest message first, ties by contact id, and carries the score', async () => {
    const profile = await publishedProfile(api, {
      rules: [{ id: 'msg', kind: 'event', eventType: 'message.received', points: 10 }],
    });
    await ingest(api, [
      received('b', T0 - 2 * MINUTE),
      received('a', T0 - 2 * MINUTE),
      received('c', T0 - 1 * MINUTE),
      received('c', T0 - 9 * MINUTE),
    ]);
    const res = await api.get('/conversations');
    expect(res.status).toBe(200);
    expect(res.body.items.map((i: any) => i.contact.id)).toEqual(['c', 'a', 'b']);
    expect(res.body.items[0].score).toEqual({ score: 20, tier: 'Medium', version: profile.version });
    const oldest = await api.get('/conversations?sort=lastMessageAt:asc');
    expect(oldest.body.items.map((i: any) => i.contact.id)).toEqual(['a', 'b', 'c']);
    const byScore = await api.get('/conversations?sort=score:desc');
    expect(byScore.body.items.map((i: any) => [i.contact.id, i.score.score])).toEqual([
      ['c', 20],
      ['a', 10],
      ['b', 10],
    ]);
    const low = await api.get('/conversations?sort=score:asc');
    expect(low.body.items.map((i: any) => i.contact.id)).toEqual(['a', 'b', 'c']);
  });

  it('answers score null when the profile is not published, and 409 for score filters then', async () => {
    await api.post('/profiles', { name: 'Draft only' });
    await ingest(api, [received('a', T0)]);
    const res = await api.get('/conversations');
    expect(res.body.items[0].score).toBeNull();
    expectError(await api.get('/conversations?sort=score:desc'), 409, 'conflict');
    expectError(await api.get('/conversations?scoreMin=1'), 409, 'conflict');
  });

  it('rejects unknown channels, a bad unread flag and scoreMin above scoreMax, naming the parameter', async () => {
    await publishedProfile(api);
    for (const [query, field] of [
      ['channel=no%20such%20channel', 'channel'],
      ['unread=yes', 'unread'],
      ['sort=email:asc', 'sort'],
      ['limit=0', 'limit'],
      ['scoreMin=5&scoreMax=1', 'scoreMin'],
      ['cursor=nope', 'cursor'],
    ]) {
      const res = await api.get(`/conversations?${query}`);
      expectError(res, 400, 'validation_failed');
      expect(res.body.error.details.map((d: any) => d.path.split('.')[0])).toContain(field);
    }
  });

  it('pages through every conversation once with small pages', async () => {
    await publishedProfile(api);
    await ingest(
      api,
      Array.from({ length: 23 }, (_, i) => received(`p${String(i).padStart(2, '0')}`, T0 - (i % 4) * MINUTE)),
    );
    for (const sort of ['lastMessageAt:desc', 'lastMessageAt:asc', 'score:desc', 'score:asc', 'name:asc']) {
      const pages = await allPages(api, `/conversations?sort=${sort}&limit=4`);
      const ids = pages.flat().map((i: any) => i.contact.id);
      expect(ids, sort).toHaveLength(23);
      expect(new Set(ids).size, sort).toBe(23);
      expect(pages.length, sort).toBe(6);
    }
  });

  it('ties a cursor to its list: another list, other filters, a wrong value type or an empty cursor are 400s', async () => {
    await publishedProfile(api);
    await ingest(
      api,
      Array.from({ length: 6 }, (_, i) => received(`t${i}`, T0 - i * MINUTE)),
    );
    const first = await api.get('/conversations?sort=score:desc&limit=2');
    const cursor = encodeURIComponent(first.body.nextCursor);
    expect((await api.get(`/conversations?sort=score:desc&limit=2&cursor=${cursor}`)).status).toBe(200);
    for (const [path, message] of [
      [`/contacts?sort=score:desc&limit=2&cursor=${cursor}`, 'conversations list'],
      [`/conversations?sort=score:desc&limit=2&channel=sms&cursor=${cursor}`, 'other filters'],
      ['/conversations?cursor=', 'must not be empty'],
    ] as const) {
      const res = await api.get(path);
      expectError(res, 400, 'validation_failed');
      expect(res.body.error.message).toContain(message);
    }
    // Cursors are signed: an edited one (here, a string where the score goes) is refused.
    const [payload, signature] = first.body.nextCursor.split('.');
    const fields = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    fields[fields.length - 2] = 'not a score';
    const forged = `${Buffer.from(JSON.stringify(fields)).toString('base64url')}.${signature}`;
    expectError(
      await api.get(`/conversations?sort=score:desc&limit=2&cursor=${forged}`),
      400,
      'validation_failed',
    );
  });

  it('says when a single-valued parameter is given twice', async () => {
    const res = await api.get('/conversations?q=a&q=b');
    expectError(res, 400, 'validation_failed');
    expect(res.body.error.details).toEqual([{ path: 'q', message: 'is given more than once; give it once' }]);
  });
});

describe('message details', () => {
  it('cuts a long text without splitting an emoji, and matches channels case-insensitively (custom ones too)', async () => {
    await ingest(api, [
      received('em', T0 - MINUTE, { text: `${'a'.repeat(279)}😀tail`, channel: ' SMS ' }),
      received('tg', T0, { channel: 'Telegram' }),
    ]);
    const em = await conversationOf('em');
    expect(em.lastMessageText).toBe('a'.repeat(279));
    expect(em.lastMessageChannel).toBe('sms');
    const ids = async (query: string) =>
      (await api.get(`/conversations?${query}`)).body.items.map((i: any) => i.contact.id);
    expect(await ids('channel=sms')).toEqual(['em']);
    expect(await ids('channel=SMS')).toEqual(['em']);
    expect(await ids('channel=telegram')).toEqual(['tg']);
  });

  it('POST /conversations/{id}/read takes no body: {} is fine, anything else is named', async () => {
    await ingest(api, [received('rb', T0)]);
    expect((await api.raw('POST', '/conversations/rb/read', '{}')).status).toBe(200);
    const extra = await api.raw('POST', '/conversations/rb/read', '{"x":1}');
    expectError(extra, 400, 'validation_failed');
    expect(extra.body.error.details).toEqual([{ path: 'x', message: 'unknown field' }]);
    expectError(await api.raw('POST', '/conversations/rb/read', 'garbage'), 400, 'validation_failed');
    expectError(await api.raw('POST', '/conversations/rb/read', '[]'), 400, 'validation_failed');
  });
});
