import { join } from 'node:path';
import { readFileSync, writeFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { open, tally, tempDir as newTempDir } from './helpers/cli.ts';

const tempDir = () => newTempDir('tally-cli-');

describe('tally CLI', () => {
  it('imports an NDJSON file, reporting rejected lines by number, idempotently', async () => {
    const data = tempDir();
    const setup = await open(data);
    const account = await setup.services.accounts.createAccount('Import');
    await setup.close();

    const file = join(data, 'events.ndjson');
    const lines = [
      JSON.stringify({
        id: 'i1',
        contactId: 'alice',
        type: 'email.opened',
        occurredAt: '2026-01-02T10:00:00Z',
      }),
      '{ not json',
      JSON.stringify({ id: 'i2', contactId: 'alice', type: 'link.clicked' }),
      '',
      JSON.stringify({ id: 'i3', contactId: 'bob', type: 'Not A Type' }),
      JSON.stringify({ id: 'i4', contactId: 'bob', type: 'payment.succeeded', extra: true }),
      JSON.stringify({ id: 'i5', contactId: 'bob', type: 'form.submitted' }),
    ];
    writeFileSync(file, `${lines.join('\n')}\n`);

    const first = await tally(['import', 'events', file, '--data', data, '--account', account.id]);
    expect(first.code).toBe(1);
    expect(first.stdout).toContain('7 lines: 3 accepted, 0 duplicates, 3 rejected');
    expect(first.stderr).toMatch(/line 2: not valid JSON/);
    expect(first.stderr).toMatch(/line 5: type:/);
    expect(first.stderr).toMatch(/line 6: extra: unknown field/);

    const again = await tally(['import', 'events', file, '--data', data]);
    expect(again.stdout).toContain('3 duplicates');

    const check = await open(data);
    const alice = await check.services.events.timeline(account.id, 'alice', { limit: 10 });
    expect(alice.items.map((e) => e.id).sort()).toEqual(['i1', 'i2']);
    await check.close();
  });

  it('fails clearly for a missing file, a directory without a database, or an unknown account', async () => {
    const data = tempDir();
    const missingFile = await tally(['import', 'events', join(data, 'nope.ndjson'), '--data', data]);
    expect(missingFile.code).toBe(1);
    expect(missingFile.stderr).toMatch(/tally: no file .*nope\.ndjson/);

    const file = join(data, 'one.ndjson');
    writeFileSync(file, `${JSON.stringify({ contactId: 'a', type: 'email.opened' })}\n`);
    const noDatabase = await tally(['import', 'events', file, '--data', join(data, 'typo')]);
    expect(noDatabase.code).toBe(1);
    expect(noDatabase.stderr).toMatch(/no Tally database in .*typo/);

    const setup = await open(data);
    await setup.services.accounts.createAccount('Import');
    await setup.close();
    const unknown = await tally(['import', 'events', file, '--data', data, '--account', 'acc_nope']);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/no account acc_nope/);
  });

  it('seeds a demo account with a published profile and a working key', async () => {
    const data = tempDir();
    const result = await tally(['demo', '--data', data, '--contacts', '60', '--events', '600']);
    expect(result.code).toBe(0);
    const key = /API key \(shown once\): (\S+)/.exec(result.stdout)?.[1];
    expect(key).toBeDefined();
    const check = await open(data);
    const principal = await check.services.accounts.authenticate(key!);
    expect(principal).not.toBeNull();
    const profiles = await check.services.profiles.list(principal!.accountId, 10, undefined);
    expect(profiles.items[0]!.status).toBe('published');
    const list = await check.services.lists.list(principal!, {
      scope: 'contacts',
      filters: {},
      sort: 'score:desc',
      limit: 200,
    });
    expect(list.items).toHaveLength(60);
    expect(result.stdout).toContain('60 contacts, 600 events');
    expect(list.items.every((i) => i.score !== null)).toBe(true);
    await check.close();

    const migrate = await tally(['migrate', '--data', data]);
    expect(migrate.stdout).toContain('already up to date');
    const fresh = await tally(['migrate', '--data', tempDir()]);
    expect(fresh.stdout).toContain('Applied migrations: 0001_initial');

    const profileId = profiles.items[0]!.id;
    const listed = await tally(['profiles', 'list', '--data', data]);
    expect(listed.stdout).toContain(`★ ${profileId}  Lead Engagement Score  published v1  5 rules`);
    const published = await tally(['profiles', 'publish', profileId, '--data', data]);
    expect(published.stdout).toContain(`Published ${profileId} as version 2: 60 contacts scored.`);

    const csvFile = join(data, 'scores.csv');
    const exported = await tally([
      'export',
      'scores',
      '--profile',
      profileId,
      '--out',
      csvFile,
      '--data',
      data,
    ]);
    expect(exported.stderr).toContain(`Wrote 60 contacts to ${csvFile}`);
    const lines = readFileSync(csvFile, 'utf8').trim().split('\n');
    expect(lines[0]).toBe('contact_id,name,email,score,tier,version');
    expect(lines).toHaveLength(61);
    const scores = lines.slice(1).map((line) => Number(line.split(',')[3]));
    expect(scores).toEqual([...scores].sort((a, b) => b - a));

    const twice = await tally(['demo', '--data', data, '--contacts', '10', '--events', '10']);
    expect(twice.code).toBe(1);
    expect(twice.stderr).toMatch(/a demo account already exists .*--new-key/);
    const newKey = await tally(['demo', '--data', data, '--new-key']);
    expect(newKey.stdout).toMatch(/API key \(shown once\): tally_/);
  });
});
