import { timingSafeEqual } from 'node:crypto';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { type AccountsService, type Principal, requireAdmin } from '../accounts/accounts.service.ts';
import type { Clock } from '../clock.ts';
import { AppError } from '../errors.ts';
import type { Logger } from '../jobs/job-runner.ts';
import type { Metrics } from '../metrics.ts';
import type { SessionsService } from '../users/sessions.service.ts';
import { mountDocs } from './docs-page.ts';
import { errorResponse, statusOf, toAppError } from './errors.ts';
import { openApiDocument } from './openapi.ts';
import { mountWebApp } from './web-app.ts';
import { rateLimiter } from './rate-limit.ts';
import { isCrossOrigin } from './request-origin.ts';
import { type AnyRoute, honoPath, parseRequest } from './route.ts';
import { clearSessionCookie, readSessionToken } from './session-cookie.ts';

const MAX_BODY_BYTES = 1024 * 1024;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

function bearer(header: string | undefined): string | null {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(header ?? '');
  return match ? match[1]! : null;
}

function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

export function createHttpApp(deps: {
  routes: readonly AnyRoute[];
  accounts: AccountsService;
  sessions: SessionsService;
  adminToken: string | undefined;
  rateLimit: { perSecond: number; burst: number };
  clock: Clock;
  log: Logger;
  ready: () => Promise<boolean>;
  version: string;
  metrics: Metrics;
  /** The built web app served at / (web/dist). */
  webDistDir: string;
}) {
  const app = new Hono();
  const limiter = rateLimiter({ ...deps.rateLimit, now: () => deps.clock.now() });
  const document = openApiDocument(deps.routes, deps.version);

  app.onError((error, c) => {
    const appError = toAppError(error);
    if (appError.code === 'internal')
      deps.log.error('request failed', {
        path: c.req.path,
        error: String(error),
        stack: (error as Error).stack,
      });
    return errorResponse(c, appError);
  });
  app.notFound((c) => errorResponse(c, new AppError('not_found', `no route ${c.req.method} ${c.req.path}`)));

  app.use(
    '/api/*',
    bodyLimit({
      maxSize: MAX_BODY_BYTES,
      onError: (c) =>
        errorResponse(c, new AppError('payload_too_large', 'the request body is larger than 1 MiB')),
    }),
  );

  app.get('/healthz', (c) => c.json({ status: 'ok' }));
  app.get('/readyz', async (c) => {
    const ready = await deps.ready().catch(() => false);
    return c.json({ status: ready ? 'ready' : 'not ready' }, ready ? 200 : 503);
  });
  app.get('/api/v1/openapi.json', (c) => c.json(document));
  app.get('/metrics', async (c) =>
    c.body(await deps.metrics.registry.metrics(), 200, { 'content-type': deps.metrics.registry.contentType }),
  );
  app.get('/docs/', (c) => c.redirect('/docs'));
  mountDocs(app);

  /**
   * Who is calling: the admin token, an API key (Authorization: Bearer), or a signed-in user (the
   * session cookie). Unsafe requests a browser sends with its cookie must come from our own origin
   * (beside SameSite=Strict); that holds for the credential-less sign-in and setup routes too.
   */
  async function authorize(route: AnyRoute, c: Context): Promise<Principal | null> {
    const token = bearer(c.req.header('authorization'));
    const byCookie = route.auth === 'session' || (route.auth === 'account' && !token);
    if ((byCookie || route.auth === 'none') && !SAFE_METHODS.has(c.req.method) && isCrossOrigin(c))
      throw new AppError('forbidden', 'cross-origin requests may not change anything here');
    if (route.auth === 'none') return null;
    if (route.auth === 'admin') {
      if (!deps.adminToken)
        throw new AppError('forbidden', 'admin endpoints are off: set TALLY_ADMIN_TOKEN to enable them');
      if (!token || !sameSecret(token, deps.adminToken))
        throw new AppError('unauthorized', 'a valid admin token is required');
      return null;
    }
    if (token && !byCookie) {
      const principal = await deps.accounts.authenticate(token);
      if (!principal) throw new AppError('unauthorized', 'the API key is not valid or was revoked');
      return principal;
    }
    const session = readSessionToken(c);
    if (!session)
      throw new AppError(
        'unauthorized',
        route.auth === 'session'
          ? 'not signed in'
          : 'send an API key as Authorization: Bearer <key>, or sign in',
      );
    try {
      return await deps.sessions.authenticate(session);
    } catch (error) {
      if (error instanceof AppError && error.code === 'unauthorized') clearSessionCookie(c);
      throw error;
    }
  }

  for (const route of deps.routes) {
    app.on(route.method.toUpperCase(), `/api/v1${honoPath(route.path)}`, async (c) => {
      const started = performance.now();
      try {
        const response = await handle(route, c);
        deps.metrics.observeRequest(
          route.method,
          route.path,
          response.status,
          (performance.now() - started) / 1000,
        );
        return response;
      } catch (error) {
        const status = statusOf(toAppError(error).code);
        deps.metrics.observeRequest(route.method, route.path, status, (performance.now() - started) / 1000);
        throw error;
      }
    });
  }

  // After the API: every other GET is a page of the web app.
  mountWebApp(app, deps.webDistDir);

  /** Auth, rate limit, validation, then the route's handler. */
  async function handle(route: AnyRoute, c: Context): Promise<Response> {
    const principal = await authorize(route, c);
    if (principal && route.adminOnly) requireAdmin(principal);
    if (principal) {
      const wait = limiter.take(principal.apiKeyId ?? `user:${principal.userId}`);
      if (wait > 0)
        throw new AppError(
          'rate_limited',
          `too many requests for this ${principal.apiKeyId ? 'API key' : 'user'}; retry after ${wait} s`,
          undefined,
          { retryAfterSeconds: wait },
        );
    }
    const input = await parseRequest(route, c);
    return route.handler(c, { ...input, principal: principal as Principal });
  }
  return app;
}
