import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { isIP } from 'node:net';
import { guardedLookup, isPrivateAddress } from './address-guard.ts';

/** How one POST went: a status code, or an error (timeout, refused, connection reset …). */
export interface SendResult {
  statusCode: number | null;
  error: string | null;
  durationMs: number;
  /** The target may not be called at all (a private address): trying again cannot help. */
  refused?: boolean;
}

/** The outbound HTTP port: tests and the bench use the real one against a local receiver. */
export type WebhookSender = (
  url: string,
  body: string,
  headers: Record<string, string>,
) => Promise<SendResult>;

const MAX_RESPONSE_TEXT = 200;
const IDLE_SOCKET_MS = 4_000;

/**
 * POSTs with a whole-request timeout (connect, send, response headers and body), never following
 * redirects (a redirect is a non-2xx answer), refusing private addresses unless allowed (checked at
 * connect time, see guardedLookup). Keeps the first bytes of an error response for the delivery log.
 */
export function httpWebhookSender(options: { timeoutMs: number; allowPrivate: boolean }): WebhookSender {
  const lookup = guardedLookup(options.allowPrivate);
  // Connections stay open between deliveries to the same receiver (a new TCP/TLS handshake per POST costs
  // more than the POST: 1,350 → 2,100 deliveries/s in the bench); each new connection goes through the
  // guarded lookup. An idle one is closed after 4 s, before common servers drop it (Node's 5 s), so a
  // delivery rarely meets a connection the receiver is closing (it would be retried like any failure).
  const agents = {
    'http:': new HttpAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
    'https:': new HttpsAgent({ keepAlive: true, timeout: IDLE_SOCKET_MS }),
  };
  return (url, body, headers) => {
    const target = new URL(url);
    const literal = target.hostname.replace(/^\[|\]$/g, '');
    // An address literal is never looked up, so the guard in `lookup` would not see it.
    if (!options.allowPrivate && isIP(literal) && isPrivateAddress(literal))
      return Promise.resolve({
        statusCode: null,
        error: `refused: ${literal} is a private address`,
        durationMs: 0,
        refused: true,
      });
    return new Promise<SendResult>((resolve) => {
      const started = performance.now();
      const done = (statusCode: number | null, error: string | null, refused = false) => {
        clearTimeout(timer);
        resolve({ statusCode, error, durationMs: Math.round(performance.now() - started), refused });
      };
      const send = target.protocol === 'https:' ? httpsRequest : httpRequest;
      const req = send(target, {
        method: 'POST',
        headers: {
          ...headers,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          'user-agent': 'Tally-Webhooks/1',
        },
        lookup: lookup as never,
        agent: agents[target.protocol as 'http:' | 'https:'],
      });
      const timer = setTimeout(() => {
        req.destroy(new Error(`timed out after ${options.timeoutMs} ms`));
      }, options.timeoutMs);
      req.on('error', (error: NodeJS.ErrnoException) => done(null, error.message, error.code === 'EPRIVATE'));
      req.on('response', (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          if (text.length < MAX_RESPONSE_TEXT) text += chunk;
        });
        res.on('error', (error) => done(null, error.message));
        res.on('end', () => {
          const code = res.statusCode ?? 0;
          const ok = code >= 200 && code < 300;
          done(code, ok ? null : `HTTP ${code}${text ? `: ${text.slice(0, MAX_RESPONSE_TEXT)}` : ''}`);
        });
      });
      req.end(body);
    });
  };
}
