import type { Context } from 'hono';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';

/** The web app's sign-in: an opaque token the browser keeps and JavaScript cannot read. */
export const SESSION_COOKIE = 'tally_session';

/** Whether the browser reached us over https (directly or through a proxy that says so). */
function overHttps(c: Context): boolean {
  const forwarded = c.req.header('x-forwarded-proto')?.split(',')[0]?.trim().toLowerCase();
  return forwarded === 'https' || new URL(c.req.url).protocol === 'https:';
}

export function readSessionToken(c: Context): string | null {
  const token = getCookie(c, SESSION_COOKIE);
  return token && token.length <= 200 ? token : null;
}

export function setSessionCookie(c: Context, token: string, maxAgeSeconds: number): void {
  setCookie(c, SESSION_COOKIE, token, {
    httpOnly: true,
    sameSite: 'Strict',
    path: '/',
    maxAge: maxAgeSeconds,
    secure: overHttps(c),
  });
}

export function clearSessionCookie(c: Context): void {
  deleteCookie(c, SESSION_COOKIE, { httpOnly: true, sameSite: 'Strict', path: '/', secure: overHttps(c) });
}
