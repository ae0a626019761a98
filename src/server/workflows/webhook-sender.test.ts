import { afterEach, describe, expect, it } from 'vitest';
import { type Receiver, startReceiver } from '../../../test/helpers/webhook-receiver.ts';
import { httpWebhookSender } from './webhook-sender.ts';

let receiver: Receiver;
afterEach(async () => receiver?.close());

describe('httpWebhookSender', () => {
  it('refuses private targets at send time too, by address literal and by name (DNS rebinding)', async () => {
    receiver = await startReceiver();
    const send = httpWebhookSender({ timeoutMs: 2000, allowPrivate: false });
    const literal = await send(receiver.url, '{}', {});
    expect(literal).toMatchObject({ statusCode: null, error: expect.stringContaining('private address') });
    const byName = await send(receiver.url.replace('127.0.0.1', 'localhost'), '{}', {});
    expect(byName.statusCode).toBeNull();
    expect(byName.error).toContain('private address');
    expect(receiver.received).toHaveLength(0);
  });

  it('posts the exact body with the given headers when private targets are allowed', async () => {
    receiver = await startReceiver({ replies: [201, 302] });
    const send = httpWebhookSender({ timeoutMs: 2000, allowPrivate: true });
    const body = JSON.stringify({ hello: 'wörld' });
    expect(await send(receiver.url, body, { 'x-test': 'yes' })).toMatchObject({
      statusCode: 201,
      error: null,
    });
    // A redirect is not followed: it is a failed attempt.
    expect(await send(receiver.url, body, {})).toMatchObject({
      statusCode: 302,
      error: expect.stringContaining('HTTP 302'),
    });
    expect(receiver.received[0]!.raw).toBe(body);
    expect(receiver.received[0]!.headers['x-test']).toBe('yes');
    expect(receiver.received[0]!.headers['user-agent']).toBe('Tally-Webhooks/1');
  });
});
