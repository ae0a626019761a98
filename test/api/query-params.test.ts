import { afterEach, describe, expect, it } from 'vitest';
import { type Api, ingest, setup } from './api-helpers.ts';

let api: Api;
afterEach(async () => {
  await api?.h.close();
});

describe('query parameters and reserved ids', () => {
  it.each(['0x10', '1e1', ' 16', '16.0', '', 'ten'])(
    'rejects limit=%j as not a plain whole number',
    async (limit) => {
      api = await setup();
      const res = await api.get(`/contacts?limit=${encodeURIComponent(limit)}`);
      expect(res.status).toBe(400);
      expect(res.body.error.details[0].path).toBe('limit');
    },
  );

  it('reads a plain decimal limit and score bounds', async () => {
    api = await setup();
    await ingest(api, [
      { contactId: 'a', type: 'email.opened' },
      { contactId: 'b', type: 'email.opened' },
    ]);
    const res = await api.get('/contacts?limit=1');
    expect(res.status).toBe(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.nextCursor).not.toBeNull();
    expect((await api.get('/contacts?scoreMin=1e3')).status).toBe(400);
  });

  it('rejects events for the reserved contact id export.csv', async () => {
    api = await setup();
    const res = await api.post('/events', { events: [{ contactId: 'export.csv', type: 'email.opened' }] });
    expect(res.status).toBe(200);
    expect(res.body.accepted).toBe(0);
    expect(res.body.rejected[0].error.details[0].path).toBe('contactId');
  });
});
