import type { Context } from 'hono';
import { z } from 'zod';
import type { Principal } from '../accounts/accounts.service.ts';
import { AppError } from '../errors.ts';
import { issuesToDetails, validationError } from '../validation.ts';

/**
 * `account`: an API key or a signed-in user; `session`: a signed-in user only; `admin`: the admin
 * token; `none`: anyone (setup, signing in).
 */
export type Auth = 'account' | 'session' | 'admin' | 'none';

interface ResponseDoc {
  description: string;
  schema?: z.ZodType;
  contentType?: string;
}

/**
 * One route, described once: the same zod schemas validate the request and generate the OpenAPI
 * document. `path` uses OpenAPI's `{param}` form under /api/v1.
 */
export interface RouteDef<P extends z.ZodType, Q extends z.ZodType, B extends z.ZodType> {
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  summary: string;
  tag: string;
  auth: Auth;
  /** Only admins (and API keys, which act as admins) may call it; members get 403. */
  adminOnly?: true;
  params?: P;
  query?: Q;
  body?: B;
  /** Documents a body validated by the handler itself (e.g. events, validated item by item). */
  documentedBody?: z.ZodType;
  responses: Record<number, ResponseDoc>;
  handler: (
    c: Context,
    input: { params: z.infer<P>; query: z.infer<Q>; body: z.infer<B>; principal: Principal },
  ) => Promise<Response>;
}

// biome-ignore lint/suspicious/noExplicitAny: a registry of routes with differing schemas
export type AnyRoute = RouteDef<any, any, any>;

export function defineRoute<
  P extends z.ZodType = z.ZodUndefined,
  Q extends z.ZodType = z.ZodUndefined,
  B extends z.ZodType = z.ZodUndefined,
>(route: RouteDef<P, Q, B>): RouteDef<P, Q, B> {
  return route;
}

function parseWith<T extends z.ZodType>(schema: T, value: unknown, prefix: string): z.infer<T> {
  const parsed = schema.safeParse(value);
  if (!parsed.success) throw validationError(issuesToDetails(parsed.error.issues, prefix));
  return parsed.data;
}

/** Query string as an object: a repeated key becomes a list (schemas say which keys may repeat). */
function queryObject(c: Context): Record<string, string | string[]> {
  const all = c.req.queries();
  return Object.fromEntries(
    Object.entries(all).map(([key, values]) => [key, values.length === 1 ? values[0]! : values]),
  );
}

/** Reads a JSON body: 415 without a JSON content type, 400 naming the problem when it does not parse. */
export async function readJson(c: Context): Promise<unknown> {
  const type = c.req.header('content-type') ?? '';
  if (!/^application\/(.+\+)?json\b/i.test(type.trim()))
    throw new AppError(
      'unsupported_media_type',
      'the body must be JSON, sent with Content-Type: application/json',
    );
  const text = await c.req.text();
  if (text.trim() === '')
    throw new AppError('validation_failed', 'body: is empty; send a JSON object', [
      { path: '', message: 'is empty' },
    ]);
  try {
    return JSON.parse(text);
  } catch (error) {
    const message = `is not valid JSON (${(error as Error).message})`;
    throw new AppError('validation_failed', `body: ${message}`, [{ path: '', message }]);
  }
}

/** A query parameter given twice where the schema takes one value gets a message that says so. */
function parseQuery(schema: z.ZodType, query: Record<string, string | string[]>) {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const details = issuesToDetails(parsed.error.issues, '').map((detail) =>
    Array.isArray(query[detail.path])
      ? { ...detail, message: 'is given more than once; give it once' }
      : detail,
  );
  throw validationError(details);
}

/**
 * A route without a body schema takes no body: an empty one or `{}` is fine, anything else is named
 * (unknown JSON fields are rejected everywhere, not dropped).
 */
async function rejectUnexpectedBody(c: Context): Promise<void> {
  const text = await c.req.text();
  if (text.trim() === '') return;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    throw validationError([{ path: '', message: 'this endpoint takes no body' }]);
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value))
    throw validationError([{ path: '', message: 'this endpoint takes no body' }]);
  const keys = Object.keys(value);
  if (keys.length > 0) throw validationError(keys.map((key) => ({ path: key, message: 'unknown field' })));
}

export async function parseRequest(route: AnyRoute, c: Context) {
  const params = route.params ? parseWith(route.params, c.req.param(), '') : undefined;
  const query = route.query
    ? parseQuery(route.query, queryObject(c))
    : (() => {
        const extra = Object.keys(queryObject(c));
        if (extra.length > 0)
          throw validationError(extra.map((key) => ({ path: key, message: 'unknown query parameter' })));
        return undefined;
      })();
  const body = route.body ? parseWith(route.body, await readJson(c), '') : undefined;
  if (!route.body && !route.documentedBody && route.method !== 'get') await rejectUnexpectedBody(c);
  return { params, query, body };
}

export const honoPath = (path: string): string => path.replace(/\{(\w+)\}/g, ':$1');

export { z };
