import { parse } from 'csv-parse/sync';
import { afterEach, describe, expect, it } from 'vitest';
import { unguardCsvCell } from '../../src/server/csv.ts';
import {
  type Api,
  allPages,
  expectError,
  expectValidation,
  ingest,
  publishedProfile,
  putContact,
  setup,
} from './api-helpers.ts';

const HEADER = ['id', 'name', 'email', 'phone', 'tags', 'score', 'tier', 'lastInteractionAt'];

const apis: Api[] = [];
afterEach(async () => {
  for (const api of apis.splice(0)) await api.h.close();
});

async function fresh(): Promise<Api> {
  const api = await setup();
  apis.push(api);
  return api;
}

function exportRequest(api: Api, query = '', key: string = api.key) {
  return api.h.tally.app.request(`/api/v1/contacts/export.csv${query}`, {
    headers: { authorization: `Bearer ${key}` },
  });
}

/** The export's rows, parsed by a real CSV parser; the header row is checked and dropped. */
async function exportRows(api: Api, query = '', key?: string): Promise<string[][]> {
  const response = await exportRequest(api, query, key);
  const text = await response.text();
  expect(response.status, text).toBe(200);
  const rows = parse(text) as string[][];
  expect(rows[0]).toEqual(HEADER);
  return rows.slice(1);
}

/** Every item of the JSON list with the same query. */
async function listItems(api: Api, query: string) {
  const sep = query ? '&' : '?';
  return (await allPages(api, `/contacts${query}${sep}limit=200`)).flat();
}

describe('GET /contacts/export.csv', () => {
  it('streams CSV with its header row, as an attachment named by the date', async () => {
    const api = await fresh();
    const empty = await exportRequest(api);
    expect(empty.status).toBe(200);
    expect(empty.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(empty.headers.get('content-disposition')).toBe('attachment; filename="contacts-2026-06-01.csv"');
    expect(await empty.text()).toBe(`${HEADER.join(',')}\n`);

    await putContact(api, 'c1', { name: 'Ann', email: 'ann@x.test', phone: '555', tags: ['a', 'b'] });
    expect(await exportRows(api)).toEqual([['c1', 'Ann', 'ann@x.test', '555', 'a;b', '', '', '']]);
  });

  it('is not taken by /contacts/{id}, and the id export.csv cannot be created', async () => {
    const api = await fresh();
    const res = await api.get('/contacts/export.csv');
    expect(res.status).toBe(200);
    expectValidation(await api.put('/contacts/export.csv', { name: 'x' }), 'id');
    const doc = await api.get('/openapi.json');
    expect(Object.keys(doc.body.paths['/api/v1/contacts/export.csv'].get.responses[200].content)).toEqual([
      'text/csv',
    ]);
  });

  it('writes scores, tiers and the last interaction of a published profile', async () => {
    const api = await fresh();
    const profile = await publishedProfile(api, {
      rules: [{ id: 'open', kind: 'event', eventType: 'email.opened', points: 30 }],
    });
    await putContact(api, 'hot');
    await putContact(api, 'cold');
    await ingest(api, [{ contactId: 'hot', type: 'email.opened' }]);
    const rows = await exportRows(api, `?sort=score:desc&profileId=${profile.id}`);
    const json = await listItems(api, '?sort=score:desc');
    expect(rows.map((r) => r[0])).toEqual(['hot', 'cold']);
    expect(rows.map((r) => [r[5], r[6], r[7]])).toEqual(
      json.map((item) => [String(item.score.score), item.score.tier, item.contact.lastInteractionAt ?? '']),
    );
    expect(rows[0]!.slice(5, 7)).toEqual(['30', 'Medium']);
    expect(rows[0]![7]).toBe('2026-06-01T12:00:00.000Z');
  });

  it('keeps awkward text intact (quotes, commas, newlines, unicode) and guards formula-looking cells', async () => {
    const api = await fresh();
    const awkward = [
      { id: 'q1', name: 'Say "hi", world', email: "o'neil@x.test", phone: '+1 555 0100', tags: ['x,y', 'z'] },
      { id: 'q2', name: 'line one\nline two\r\nline three', email: '=cmd@x.test', phone: '-5', tags: [] },
      { id: 'q3', name: '=HYPERLINK("http://evil.test","click")', email: null, phone: null, tags: ['=1+1'] },
      { id: 'q4', name: 'Élodie 😀 中文', email: '+tag@x.test', phone: '\t007', tags: ['ünï'] },
      { id: 'q5', name: "'=already guarded", email: '-dash@x.test', phone: "'", tags: ['@tag'] },
      { id: '-dash', name: '@SUM(A1)', email: null, phone: '', tags: [] },
    ];
    for (const { id, ...body } of awkward) await putContact(api, id, body);
    const rows = await exportRows(api, '?sort=name:asc');
    expect(rows.map((r) => unguardCsvCell(r[0]!)).sort()).toEqual(awkward.map((c) => c.id).sort());
    for (const contact of awkward) {
      const row = rows.find((r) => unguardCsvCell(r[0]!) === contact.id)!;
      expect(row.map(unguardCsvCell).slice(0, 5)).toEqual([
        contact.id,
        contact.name ?? '',
        contact.email ?? '',
        contact.phone ?? '',
        contact.tags.join(';'),
      ]);
    }
    // The guard is the documented one: a leading ' before = + - @ (a tab, a CR), nothing else.
    const q3 = rows.find((r) => r[0] === 'q3')!;
    expect(q3[1]).toBe(`'=HYPERLINK("http://evil.test","click")`);
    expect(q3[4]).toBe(`'=1+1`);
    const q1 = rows.find((r) => r[0] === 'q1')!;
    expect(q1[3]).toBe("'+1 555 0100");
    const q2 = rows.find((r) => r[0] === 'q2')!;
    expect([q2[2], q2[3]]).toEqual(["'=cmd@x.test", "'-5"]);
    expect(rows.find((r) => r[0] === "'-dash")?.[1]).toBe("'@SUM(A1)");
    for (const row of rows)
      for (const cell of row) expect(cell, JSON.stringify(row)).not.toMatch(/^[=+\-@\t\r]/);
  });

  it('applies the same filters and sort as the JSON list', async () => {
    const api = await fresh();
    const profile = await publishedProfile(api, {
      rules: [{ id: 'open', kind: 'event', eventType: 'email.opened', points: 10 }],
    });
    const names = ['Ann Smith', 'Bob', 'Carla Smithers', 'Dee', 'eve smith'];
    const events: unknown[] = [];
    for (let i = 0; i < 25; i++) {
      const id = `c${String(i).padStart(2, '0')}`;
      await putContact(api, id, {
        name: names[i % names.length],
        tags: [['vip'], ['lead'], ['vip', 'lead'], []][i % 4],
      });
      for (let k = 0; k < i % 6; k++) events.push({ contactId: id, type: 'email.opened' });
    }
    await ingest(api, events);
    for (const query of [
      '',
      '?tag=vip',
      '?tag=vip&tag=lead',
      '?scoreMin=20',
      '?scoreMin=10&scoreMax=30&sort=score:asc',
      '?q=smith',
      '?q=SMITH&tag=lead&sort=name:asc',
      '?tier=Medium&tier=Low',
      `?profileId=${profile.id}&sort=score:desc`,
    ]) {
      const rows = await exportRows(api, query);
      const json = await listItems(api, query);
      expect(
        rows.map((r) => r[0]),
        query,
      ).toEqual(json.map((item) => item.contact.id));
      expect(
        rows.map((r) => r[5]),
        query,
      ).toEqual(json.map((item) => String(item.score.score)));
    }
    expect((await exportRows(api, '?tag=vip')).length).toBeGreaterThan(0);
    expect((await exportRows(api, '?q=nobody-has-this')).length).toBe(0);
  });

  it('answers a bad filter with a JSON error before any CSV', async () => {
    const api = await fresh();
    await putContact(api, 'c1');
    const json = async (query: string) => {
      const res = await api.get(`/contacts/export.csv${query}`);
      expect(res.headers.get('content-type')).toMatch(/^application\/json/);
      return res;
    };
    expectValidation(await json('?scoreMin=abc'), 'scoreMin');
    expectValidation(await json('?sort=sideways'), 'sort');
    expectValidation(await json('?channel=no%20such%20channel'), 'channel.0');
    expectValidation(await json('?limit=10'), 'limit');
    expectValidation(await json('?cursor=abc'), 'cursor');
    expectValidation(await json('?profileId=nope'), 'profileId');
    // Score filters on a profile that is not published: nothing to filter by.
    const draft = await api.post('/profiles', { name: 'Draft', rules: [] });
    expectError(await json(`?profileId=${draft.body.id}&scoreMin=1`), 409, 'conflict');
    const published = await publishedProfile(api);
    expectValidation(await json(`?profileId=${published.id}&tier=Nope`), 'tier');
    expectError(await api.get('/contacts/export.csv', null), 401, 'unauthorized');
  });

  it("never includes another account's contacts", async () => {
    const api = await fresh();
    const other = await api.h.account('Other');
    await putContact(api, 'mine', { name: 'Mine', tags: ['shared'] });
    const res = await api.put('/contacts/theirs', { name: 'Theirs', tags: ['shared'] }, other);
    expect(res.status).toBe(201);
    expect((await exportRows(api)).map((r) => r[0])).toEqual(['mine']);
    expect((await exportRows(api, '?tag=shared&q=theirs')).map((r) => r[0])).toEqual([]);
    expect((await exportRows(api, '', other)).map((r) => r[0])).toEqual(['theirs']);
  });

  it('exports every page of a long list once, even while scores change during the export', async () => {
    const api = await fresh();
    await publishedProfile(api, {
      rules: [{ id: 'open', kind: 'event', eventType: 'email.opened', points: 1 }],
    });
    const ids: string[] = [];
    for (let i = 0; i < 530; i++) {
      const id = `c${String(i).padStart(3, '0')}`;
      ids.push(id);
      await putContact(api, id, { name: `Person ${i}` });
    }
    const events = ids.flatMap((id, i) =>
      Array.from({ length: i % 5 }, () => ({ contactId: id, type: 'email.opened' })),
    );
    for (let i = 0; i < events.length; i += 1000) await ingest(api, events.slice(i, i + 1000));
    const whole = await exportRows(api);
    expect(whole.map((r) => r[0])).toEqual((await listItems(api, '')).map((item) => item.contact.id));
    expect(new Set(whole.map((r) => r[0])).size).toBe(530);

    // Read the first page, then move scores around before the remaining pages are read.
    const response = await exportRequest(api, '?sort=score:desc');
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const decoder = new TextDecoder();
    const first = await reader.read();
    let text = decoder.decode(first.value, { stream: true });
    await ingest(
      api,
      ids.slice(300).map((id) => ({ contactId: id, type: 'email.opened' })),
    );
    for (;;) {
      const chunk = await reader.read();
      if (chunk.done) break;
      text += decoder.decode(chunk.value, { stream: true });
    }
    const rows = (parse(text) as string[][]).slice(1);
    expect(rows).toHaveLength(530);
    expect(new Set(rows.map((r) => r[0])).size).toBe(530);
  });

  it('breaks the transfer, rather than ending the file early, when a later page fails', async () => {
    const api = await fresh();
    const profile = await publishedProfile(api);
    for (let i = 0; i < 450; i++) await putContact(api, `c${String(i).padStart(3, '0')}`);
    const response = await exportRequest(api, '?sort=score:desc');
    const reader = response.body!.getReader();
    expect((await reader.read()).done).toBe(false);
    // Republishing invalidates the export's cursor (its scores are of the old version).
    expect((await api.patch(`/profiles/${profile.id}`, { maxScore: 90 })).status).toBe(200);
    expect((await api.post(`/profiles/${profile.id}/publish`)).status).toBe(202);
    await api.h.tally.runner.runOnce();
    await expect(
      (async () => {
        for (;;) if ((await reader.read()).done) return 'complete';
      })(),
    ).rejects.toThrow(/republished/);
  });
});
