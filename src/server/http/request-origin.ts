import type { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * A browser request sent from another site: its Origin names a host other than ours. Requests
 * without Origin (curl, same-origin GET) pass; `Origin: null` (sandboxed or opaque) does not.
 */
export function isCrossOrigin(c: Context): boolean {
  const origin = c.req.header('origin');
  if (origin === undefined) return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return true;
  }
  const hosts = [
    new URL(c.req.url).host,
    c.req.header('x-forwarded-host')?.split(',')[0]?.trim().toLowerCase(),
  ];
  return !hosts.includes(originHost.toLowerCase());
}

/**
 * The peer's address as the socket saw it (a reverse proxy's, behind one). Forwarded headers are not
 * trusted here: any client can write them.
 */
export function clientAddress(c: Context): string {
  const incoming = (c.env as { incoming?: IncomingMessage } | undefined)?.incoming;
  return incoming?.socket?.remoteAddress ?? 'unknown';
}
