/**
 * Only addresses of this app are followed after sign-in (no open redirect): `next` is resolved the
 * way the browser would ("/\\evil.com" is another site) and kept only when it stays on this origin.
 */
export function safeNext(next: string | null, origin = window.location.origin): string {
  if (!next) return '/conversations';
  try {
    const url = new URL(next, origin);
    if (url.origin === origin) return url.pathname + url.search + url.hash;
  } catch {
    // not an address at all
  }
  return '/conversations';
}
