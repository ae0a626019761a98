import type { Context } from 'hono';
import { SessionCreateSchema, SessionSchema, SetupSchema, SetupStatusSchema } from '../../contracts/users.ts';
import { clientAddress } from '../http/request-origin.ts';
import { defineRoute } from '../http/route.ts';
import { clearSessionCookie, readSessionToken, setSessionCookie } from '../http/session-cookie.ts';
import type { OpenedSession, SessionsService } from './sessions.service.ts';
import type { SetupService } from './setup.service.ts';

/** Sets the cookie of a new session and answers with the session. */
function signedIn(c: Context, opened: OpenedSession, status: 200 | 201) {
  setSessionCookie(c, opened.token, opened.maxAgeSeconds);
  return c.json(opened.session, status);
}

/** Routes with auth 'session' only run with a valid cookie, so the token is there. */
const tokenOf = (c: Context): string => readSessionToken(c)!;

export function sessionsRoutes(sessions: SessionsService, setup: SetupService) {
  return [
    defineRoute({
      method: 'post',
      path: '/session',
      summary: 'Sign in: sets the session cookie (HttpOnly, SameSite=Strict)',
      tag: 'Users',
      auth: 'none',
      body: SessionCreateSchema,
      responses: { 200: { description: 'Signed in', schema: SessionSchema } },
      handler: async (c, { body }) => signedIn(c, await sessions.signIn(body, clientAddress(c)), 200),
    }),
    defineRoute({
      method: 'get',
      path: '/session',
      summary: 'The signed-in user',
      tag: 'Users',
      auth: 'session',
      responses: { 200: { description: 'The session', schema: SessionSchema } },
      handler: async (c) => c.json(await sessions.current(tokenOf(c))),
    }),
    defineRoute({
      method: 'delete',
      path: '/session',
      summary: 'Sign out: ends the session and clears the cookie',
      tag: 'Users',
      auth: 'session',
      responses: { 204: { description: 'Signed out' } },
      handler: async (c) => {
        await sessions.signOut(tokenOf(c));
        clearSessionCookie(c);
        return c.body(null, 204);
      },
    }),
    defineRoute({
      method: 'get',
      path: '/setup',
      summary: 'Whether the installation still needs its first admin',
      tag: 'Users',
      auth: 'none',
      responses: { 200: { description: 'Setup status', schema: SetupStatusSchema } },
      handler: async (c) => c.json({ needed: await setup.needed() }),
    }),
    defineRoute({
      method: 'post',
      path: '/setup',
      summary:
        'Create the account and its first admin on an empty installation (no account yet), and sign them in',
      tag: 'Users',
      auth: 'none',
      body: SetupSchema,
      responses: { 201: { description: 'Signed in as the new admin', schema: SessionSchema } },
      handler: async (c, { body }) => signedIn(c, await setup.run(body), 201),
    }),
  ];
}
