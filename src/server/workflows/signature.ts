import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * The headers that sign a webhook body. `X-Tally-Signature: sha256=<hex HMAC-SHA256(secret, body)>`
 * covers the exact bytes sent. Against replay, `X-Tally-Timestamp` (Unix seconds of this attempt) is
 * signed together with the body in `X-Tally-Timestamp-Signature: sha256=<hex HMAC(secret, "<t>.<body>")>`:
 * a receiver that checks it and refuses timestamps older than a few minutes cannot be fed an old request.
 */
export function signatureHeaders(
  secret: string,
  body: string,
  timestampSeconds: number,
): Record<string, string> {
  return {
    'x-tally-signature': `sha256=${hmac(secret, body)}`,
    'x-tally-timestamp': String(timestampSeconds),
    'x-tally-timestamp-signature': `sha256=${hmac(secret, `${timestampSeconds}.${body}`)}`,
  };
}

function hmac(secret: string, text: string): string {
  return createHmac('sha256', secret).update(text, 'utf8').digest('hex');
}

/** Verifies an `X-Tally-Signature` header (what a receiver does; used by tests and the bench). */
export function verifySignature(secret: string, body: string, header: string | undefined): boolean {
  const expected = Buffer.from(`sha256=${hmac(secret, body)}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}
