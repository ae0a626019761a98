import { createHmac } from 'node:crypto';
import { expect } from 'vitest';
import { type Api, setup } from '../api/api-helpers.ts';
import { type Received, type Reply, startReceiver } from '../helpers/webhook-receiver.ts';

/** A Tally whose webhooks may call the local receiver, and that receiver. */
export async function setupWithReceiver(
  options: { env?: Record<string, string>; replies?: Reply[]; delayMs?: number } = {},
) {
  const api = await setup({ env: { TALLY_WEBHOOK_ALLOW_PRIVATE: 'true', ...options.env } });
  const receiver = await startReceiver({ replies: options.replies, delayMs: options.delayMs });
  return {
    api,
    receiver,
    async close() {
      await receiver.close();
      await api.h.close();
    },
  };
}

export async function createWorkflow(api: Api, body: Record<string, unknown>) {
  const res = await api.post('/workflows', { name: 'Workflow', ...body });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body;
}

export const webhook = (url: string, secret?: string) => ({
  type: 'webhook',
  url,
  ...(secret && { secret }),
});

/** Carries out every due run (deliveries and actions) until none is due. */
export async function deliverAll(api: Api) {
  for (let round = 0; round < 20; round++) if ((await api.h.tally.deliveries.runOnce()) === 0) return;
  throw new Error('runs kept coming for 20 rounds');
}

export async function runsOf(api: Api, workflowId: string, query = '') {
  const res = await api.get(`/workflows/${workflowId}/runs?limit=200${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body.items as any[];
}

const hmacHex = (secret: string, text: string) => createHmac('sha256', secret).update(text).digest('hex');

/** Checks both signatures of a received delivery the way a receiver would, from the raw bytes. */
export function expectSigned(request: Received, secret: string) {
  expect(request.headers['x-tally-signature']).toBe(`sha256=${hmacHex(secret, request.raw)}`);
  const timestamp = request.headers['x-tally-timestamp'] as string;
  expect(timestamp).toMatch(/^\d+$/);
  expect(request.headers['x-tally-timestamp-signature']).toBe(
    `sha256=${hmacHex(secret, `${timestamp}.${request.raw}`)}`,
  );
  expect(request.headers['content-type']).toBe('application/json');
}
