import { join } from 'node:path';
import { writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { open, tally, tempDir as newTempDir } from './helpers/cli.ts';

const tempDir = () => newTempDir('tally-import-contacts-');
import type { Tally } from '../src/server/main.ts';

/** A data directory with one account (and what `prepare` adds); returns the directory and the account. */
async function dataDir(prepare?: (tally: Tally, accountId: string) => Promise<void>) {
  const data = tempDir();
  const setup = await open(data);
  const account = await setup.services.accounts.createAccount('Import');
  await prepare?.(setup, account.id);
  await setup.close();
  return { data, accountId: account.id, apiKey: account.apiKey };
}

function csvFile(data: string, text: string, name = 'contacts.csv'): string {
  const file = join(data, name);
  writeFileSync(file, text);
  return file;
}

/** Reads contacts back through the service (the API's shape). */
async function contacts(data: string, accountId: string, ids: string[]) {
  const check = await open(data);
  try {
    const found: Record<string, Awaited<ReturnType<Tally['services']['contacts']['get']>>> = {};
    for (const id of ids) found[id] = await check.services.contacts.get(accountId, id);
    return found;
  } finally {
    await check.close();
  }
}

const user = (accountId: string, id: string, email: string) => ({
  id,
  account_id: accountId,
  name: id,
  email,
  password_hash: 'not-a-real-hash',
  role: 'member' as const,
  created_at: Date.parse('2026-01-01T00:00:00Z'),
});

describe('tally import contacts', () => {
  it('maps header variants, splits names and tags, resolves owners by email, reads dnd flags', async () => {
    const { data, accountId } = await dataDir(async (t, accountId) => {
      await t.repos.users.insert(user(accountId, 'usr_owner', 'owner@acme.test'));
    });
    const file = csvFile(
      data,
      [
        'Contact ID,First Name,Last Name,E-mail Address,Phone Number,Tags,Owner,Created At,DND,dnd_email,DND.SMS,dnd live chat,Score,Notes',
        'c1,Ann,Smith,ann@x.test,+1 555 0100,"vip, lead;  big ",OWNER@acme.test,2026-01-02,no,yes,1,TRUE,99,hello',
        'c2,,Jones,,,,usr_owner,2026-01-02 10:30,,,,,,',
        'c3,Solo,,,,,,2026-01-02T10:30:00+02:00,yes,false,0,,,',
      ].join('\n'),
    );
    const result = await tally(['import', 'contacts', file, '--data', data]);
    expect(result.stderr).toContain('ignored columns: Score, Notes\n');
    expect(result.stdout).toBe(`Imported ${file}: 3 created, 0 updated, 0 unchanged, 0 rejected\n`);
    expect(result.code).toBe(0);

    const { c1, c2, c3 } = await contacts(data, accountId, ['c1', 'c2', 'c3']);
    expect(c1).toMatchObject({
      name: 'Ann Smith',
      email: 'ann@x.test',
      phone: '+1 555 0100',
      tags: ['vip', 'lead', 'big'],
      assignedTo: 'usr_owner',
      createdAt: '2026-01-02T00:00:00.000Z',
      dnd: { all: false, email: true, sms: true, live_chat: true },
    });
    expect(c2).toMatchObject({
      name: 'Jones',
      email: null,
      tags: [],
      assignedTo: 'usr_owner',
      createdAt: '2026-01-02T10:30:00.000Z',
      dnd: {},
    });
    expect(c3).toMatchObject({
      name: 'Solo',
      assignedTo: null,
      createdAt: '2026-01-02T08:30:00.000Z',
      dnd: { all: true, email: false, sms: false },
    });

    // Other spellings: a full name wins over first/last (which are then ignored), camelCase ids.
    const second = csvFile(
      data,
      'contactId,Full Name,first_name,email,MOBILE,assignedTo,created\nc1,Ann B. Smith,Nope,ann@y.test,,,\n',
      'second.csv',
    );
    const again = await tally(['import', 'contacts', second, '--data', data]);
    expect(again.stderr).toContain('ignored columns: first_name\n');
    expect(again.stdout).toContain('0 created, 1 updated, 0 unchanged, 0 rejected');
    const { c1: updated } = await contacts(data, accountId, ['c1']);
    // Columns present replace stored values (an empty cell clears); absent ones are left alone.
    expect(updated).toMatchObject({
      name: 'Ann B. Smith',
      email: 'ann@y.test',
      phone: null,
      assignedTo: null,
      tags: ['vip', 'lead', 'big'],
      createdAt: '2026-01-02T00:00:00.000Z',
    });
  });

  it('keeps awkward text exactly: quotes, commas, newlines, unicode, BOM, CRLF, the formula guard', async () => {
    const { data, accountId } = await dataDir();
    const rows = [
      'id,name,email,phone,tags',
      'q1,"Say ""hi"", world","o\'neil@x.test",\'+1 555,"x;y"',
      'q2,"line one\r\nline two\nline three",\'=cmd@x.test,\'-5,',
      'q3,\'=HYPERLINK(""http://evil.test""),\'+tag@x.test,\'\',',
      'q4,Élodie 😀 中文,\'-dash@x.test,"\'\t007",ünï',
      "q5,'''=two guards,x@y.test,y,",
    ];
    const file = csvFile(data, `\uFEFF${rows.join('\r\n')}\r\n`);
    const result = await tally(['import', 'contacts', file, '--data', data]);
    expect(result.stdout, result.stderr).toContain('5 created, 0 updated, 0 unchanged, 0 rejected');
    const found = await contacts(data, accountId, ['q1', 'q2', 'q3', 'q4', 'q5']);
    const pick = (c: (typeof found)[string]) => [c.name, c.email, c.phone, c.tags];
    expect(pick(found.q1!)).toEqual(['Say "hi", world', "o'neil@x.test", '+1 555', ['x', 'y']]);
    expect(pick(found.q2!)).toEqual(['line one\r\nline two\nline three', '=cmd@x.test', '-5', []]);
    // q3's quotes are raw text inside an unquoted cell: kept as they are.
    expect(pick(found.q3!)).toEqual(['=HYPERLINK(""http://evil.test"")', '+tag@x.test', "''", []]);
    expect(pick(found.q4!)).toEqual(['Élodie 😀 中文', '-dash@x.test', '\t007', ['ünï']]);
    expect(pick(found.q5!)).toEqual(["''=two guards", 'x@y.test', 'y', []]);
  });

  it('rejects bad rows by the line their record starts on, imports the rest', async () => {
    const { data, accountId } = await dataDir();
    const lines = [
      /* 1 */ 'id,name,email,createdAt,dnd',
      /* 2 */ 'ok1,Ann,,,',
      /* 3 */ 'ok2,"multi',
      /* 4 */ 'line',
      /* 5 */ 'name",,,',
      /* 6 */ 'bad id,X,,,',
      /* 7 */ `ok3,Y,${'e'.repeat(321)},,`,
      /* 8 */ 'ok4,Z,,not-a-date,',
      /* 9 */ 'ok5,W,,,maybe',
      /* 10 */ '',
      /* 11 */ 'ok6,V,,2999-01-01T00:00:00Z,',
      /* 12 */ 'export.csv,R,,,',
      /* 13 */ 'ok7,too,many,cells,,x',
      /* 14 */ ',no id,,,',
      /* 15 */ `"ok8","${'n'.repeat(201)}",,,`,
      /* 16 */ 'ok9,"Quoted ""x"", fine",,2026-05-01,1',
    ];
    const file = csvFile(data, `${lines.join('\n')}\n`);
    const result = await tally(['import', 'contacts', file, '--data', data]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain(': 3 created, 0 updated, 0 unchanged, 9 rejected');
    const reported = result.stderr.trim().split('\n');
    expect(reported.map((l) => l.split(':')[0])).toEqual([
      'line 6',
      'line 7',
      'line 8',
      'line 9',
      'line 11',
      'line 12',
      'line 13',
      'line 14',
      'line 15',
    ]);
    expect(reported[0]).toMatch(/^line 6: id: must be 1–128 characters/);
    expect(reported[1]).toMatch(/^line 7: email: /);
    expect(reported[2]).toMatch(/^line 8: createdAt: must be an ISO-8601 date-time/);
    expect(reported[3]).toBe('line 9: dnd.all: must be true, false, yes, no, 1 or 0 (or empty)');
    expect(reported[4]).toBe('line 11: createdAt: is more than 5 minutes in the future');
    expect(reported[5]).toBe('line 12: id: "export.csv" is reserved');
    expect(reported[6]).toBe('line 13: has 6 cells where the header has 5');
    expect(reported[7]).toBe('line 14: id: is empty');
    expect(reported[8]).toMatch(/^line 15: name: /);
    const found = await contacts(data, accountId, ['ok1', 'ok2', 'ok9']);
    expect(found.ok2!.name).toBe('multi\nline\nname');
    expect(found.ok9).toMatchObject({ name: 'Quoted "x", fine', dnd: { all: true } });
  });

  it('counts lines across batches and CRLF files, caps the listing, and stops at a quote never closed', async () => {
    const { data } = await dataDir();
    const rows = ['id,name'];
    for (let i = 0; i < 2600; i++) rows.push(i % 40 === 39 ? `bad id ${i},"x\r\n"` : `c${i},"Name\r\n${i}"`);
    rows.push('last,"never closed');
    rows.push('after,ignored');
    const file = csvFile(data, rows.join('\r\n'));
    const result = await tally(['import', 'contacts', file, '--data', data]);
    expect(result.code).toBe(1);
    // Row i (0-based) starts on line 2 + 2i: every good record spans two lines.
    const reported = result.stderr.trim().split('\n');
    expect(reported[0]).toMatch(/^line 80: id: /);
    expect(reported[49]).toMatch(new RegExp(`^line ${2 + 2 * (50 * 40 - 1)}: id: `));
    expect(reported[50]).toBe('… and 15 more rejected rows');
    expect(reported[51]).toBe(
      `line ${2 + 2 * 2600}: a quoted cell is never closed; the rest of the file was not read`,
    );
    expect(result.stdout).toContain(': 2535 created, 0 updated, 0 unchanged, 66 rejected');
  });

  it('re-importing the same file changes nothing', async () => {
    const { data, accountId } = await dataDir();
    const file = csvFile(
      data,
      'id,name,email,tags,dnd email,created\na,Ann,ann@x.test,vip;lead,yes,2026-01-01\nb,Bob,,,,\n',
    );
    const first = await tally(['import', 'contacts', file, '--data', data]);
    expect(first.stdout).toContain('2 created, 0 updated, 0 unchanged, 0 rejected');
    const before = await contacts(data, accountId, ['a', 'b']);
    const second = await tally(['import', 'contacts', file, '--data', data]);
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('0 created, 0 updated, 2 unchanged, 0 rejected');
    expect(await contacts(data, accountId, ['a', 'b'])).toEqual(before);
  });

  it('assigns by user id or email of the same account only', async () => {
    const { data, accountId } = await dataDir(async (t, accountId) => {
      await t.repos.users.insert(user(accountId, 'usr_mine', 'mine@acme.test'));
      const other = await t.services.accounts.createAccount('Other');
      await t.repos.users.insert(user(other.id, 'usr_theirs', 'theirs@other.test'));
    });
    const file = csvFile(
      data,
      'id,owner\na,usr_mine\nb, Mine@Acme.test \nc,theirs@other.test\nd,usr_theirs\ne,\n',
    );
    const result = await tally(['import', 'contacts', file, '--data', data, '--account', accountId]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(
      'line 4: assignedTo: no user "theirs@other.test" in this account (by id or email)',
    );
    expect(result.stderr).toContain('line 5: assignedTo: no user "usr_theirs" in this account');
    expect(result.stdout).toContain('3 created, 0 updated, 0 unchanged, 2 rejected');
    const found = await contacts(data, accountId, ['a', 'b', 'e']);
    expect([found.a!.assignedTo, found.b!.assignedTo, found.e!.assignedTo]).toEqual([
      'usr_mine',
      'usr_mine',
      null,
    ]);
  });

  it('rescores state rules as PUT does', async () => {
    let profileId = '';
    const { data, accountId } = await dataDir(async (t, accountId) => {
      const profile = await t.services.profiles.create(accountId, {
        name: 'State',
        rules: [
          { kind: 'state', when: { field: 'tags', op: 'contains', value: 'vip' }, points: 30 },
          { kind: 'state', when: { field: 'dnd.email', op: 'eq', value: true }, points: 5 },
        ],
      } as never);
      profileId = profile.id;
      await t.services.profiles.publish(accountId, profile.id);
      await t.runner.runOnce();
      await t.services.contacts.upsert(accountId, 'old', { tags: ['vip'] });
    });
    const scoreOf = async (ids: string[]) => {
      const found = await contacts(data, accountId, ids);
      return ids.map((id) => found[id]!.scores[profileId]?.score);
    };
    expect(await scoreOf(['old'])).toEqual([30]);
    const first = csvFile(data, 'id,tags,dnd email\nold,,no\nnew,vip,\n', 'first.csv');
    expect((await tally(['import', 'contacts', first, '--data', data])).code).toBe(0);
    expect(await scoreOf(['old', 'new'])).toEqual([0, 30]);
    const second = csvFile(data, 'id,tags,dnd email\nnew,lead,yes\n', 'second.csv');
    expect((await tally(['import', 'contacts', second, '--data', data])).code).toBe(0);
    expect(await scoreOf(['old', 'new'])).toEqual([0, 5]);
  });

  it('refuses a file without an id column or without a header (exit code 2)', async () => {
    const { data } = await dataDir();
    const noId = await tally([
      'import',
      'contacts',
      csvFile(data, 'name,email\nAnn,ann@x.test\n', 'noid.csv'),
      '--data',
      data,
    ]);
    expect(noId.code).toBe(2);
    expect(noId.stderr).toMatch(/noid\.csv has no id column .*found: name, email/);
    const empty = await tally(['import', 'contacts', csvFile(data, '\n\n', 'empty.csv'), '--data', data]);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toMatch(/empty\.csv is empty: it has no header row/);
    const missing = await tally(['import', 'contacts', join(data, 'nope.csv'), '--data', data]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no file .*nope\.csv/);
  });

  it('round-trips: export.csv imported into a fresh data directory gives the same contacts', async () => {
    const awkward: Record<string, { name?: string; email?: string; phone?: string; tags?: string[] }> = {
      plain: { name: 'Ann', email: 'ann@x.test', phone: '555 0100', tags: ['vip', 'lead'] },
      quotes: { name: 'Say "hi", world\nsecond line', email: "o'neil@x.test", tags: ['ünï'] },
      formula: {
        name: '=HYPERLINK("http://evil.test")',
        email: '=cmd@x.test',
        phone: '+1 555',
        tags: ['=x'],
      },
      minus: { name: '-5', phone: '-2+3', tags: [] },
      guarded: { name: "'=already", email: '+tag@x.test', phone: "it's" },
      '-id': { name: 'Élodie 😀 中文', email: '-dash@x.test', phone: '\rcr' },
      '@id': {},
    };
    const source = await dataDir(async (t, accountId) => {
      for (const [id, body] of Object.entries(awkward)) await t.services.contacts.upsert(accountId, id, body);
    });
    const exporter = await open(source.data);
    const response = await exporter.app.request('/api/v1/contacts/export.csv?sort=name:asc', {
      headers: { authorization: `Bearer ${source.apiKey}` },
    });
    const text = await response.text();
    await exporter.close();
    expect(response.status, text).toBe(200);

    const target = await dataDir();
    const file = csvFile(target.data, text, 'export.csv');
    const result = await tally(['import', 'contacts', file, '--data', target.data]);
    expect(result.stderr).toBe('ignored columns: score, tier, lastInteractionAt\n');
    expect(result.stdout).toContain(
      `${Object.keys(awkward).length} created, 0 updated, 0 unchanged, 0 rejected`,
    );
    expect(result.code).toBe(0);

    const ids = Object.keys(awkward);
    const before = await contacts(source.data, source.accountId, ids);
    const after = await contacts(target.data, target.accountId, ids);
    const shape = (c: (typeof before)[string]) => ({
      id: c.id,
      name: c.name,
      email: c.email,
      phone: c.phone,
      tags: c.tags,
    });
    for (const id of ids) expect(shape(after[id]!), id).toEqual(shape(before[id]!));
  });
});
