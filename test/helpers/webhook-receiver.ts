import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';

export interface Received {
  headers: IncomingHttpHeaders;
  /** The exact bytes received, as text. */
  raw: string;
  body: any;
  at: number;
}

/** What the receiver answers one request with: a status, or `hang` (never answer). */
export type Reply = number | 'hang';

/**
 * A real HTTP receiver on 127.0.0.1 that records every POST. `replies` are used in order, one per
 * request, then 200. Tracks the most requests it held open at once.
 */
export async function startReceiver(options: { replies?: Reply[]; delayMs?: number } = {}) {
  const received: Received[] = [];
  const replies = [...(options.replies ?? [])];
  let open = 0;
  let maxOpen = 0;
  const hanging = new Set<import('node:http').ServerResponse>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const raw = Buffer.concat(chunks).toString('utf8');
      received.push({ headers: req.headers, raw, body: JSON.parse(raw), at: Date.now() });
      const reply = replies.shift() ?? 200;
      if (reply === 'hang') {
        hanging.add(res);
        return;
      }
      open++;
      maxOpen = Math.max(maxOpen, open);
      setTimeout(() => {
        open--;
        res.writeHead(reply, { 'content-type': 'text/plain' }).end(reply >= 400 ? 'receiver says no' : 'ok');
      }, options.delayMs ?? 0);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    url: `http://127.0.0.1:${port}/hooks/tally`,
    received,
    get maxOpen() {
      return maxOpen;
    },
    /** Queue more replies. */
    reply(...more: Reply[]) {
      replies.push(...more);
    },
    async close() {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export type Receiver = Awaited<ReturnType<typeof startReceiver>>;
