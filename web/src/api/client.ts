import type { EndpointKey, Endpoints } from './endpoints.ts';

/** An error answered by the API: `{ error: { code, message, details } }`, or a network failure. */
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: { path: string; message: string }[];
  constructor(status: number, code: string, message: string, details: ApiError['details'] = []) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.details = details;
  }

  /** The message with the first field detail, e.g. "points: must not be zero". */
  get explanation(): string {
    const first = this.details[0];
    return first ? `${first.path ? `${first.path}: ` : ''}${first.message}` : this.message;
  }
}

type PathParamNames<P extends string> = P extends `${string}{${infer Name}}${infer Rest}`
  ? Name | PathParamNames<Rest>
  : never;
type PathOf<K extends string> = K extends `${string} ${infer P}` ? P : never;

type Spec<K extends EndpointKey> = Endpoints[K];
export type ResponseOf<K extends EndpointKey> = Spec<K>['response'];
export type QueryOf<K extends EndpointKey> = Spec<K> extends { query: infer Q } ? Q : never;
export type BodyOf<K extends EndpointKey> = Spec<K> extends { body: infer B } ? B : never;

export type CallOptions<K extends EndpointKey> = ([PathParamNames<PathOf<K>>] extends [never]
  ? { params?: undefined }
  : { params: Record<PathParamNames<PathOf<K>>, string> }) &
  (Spec<K> extends { query: infer Q } ? { query?: Q } : { query?: undefined }) &
  (Spec<K> extends { body: infer B } ? { body: B } : { body?: undefined }) & { signal?: AbortSignal };

/** Builds /api/v1 URLs: path parameters encoded, arrays as repeated parameters, empty values left out. */
export function apiUrl(path: string, params?: Record<string, string>, query?: object): string {
  const filled = path.replace(/\{(\w+)\}/g, (_, name: string) => {
    const value = params?.[name];
    if (value === undefined) throw new Error(`missing path parameter ${name} for ${path}`);
    return encodeURIComponent(value);
  });
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query ?? {})) {
    if (value === undefined || value === null || value === '') continue;
    for (const item of Array.isArray(value) ? value : [value]) search.append(key, String(item));
  }
  const qs = search.toString();
  return `/api/v1${filled}${qs ? `?${qs}` : ''}`;
}

let onUnauthorized: () => void = () => {};
/** Called when the API answers 401 to a signed-in request (the session ended). */
export function setUnauthorizedHandler(handler: () => void): void {
  onUnauthorized = handler;
}

/** Calls one endpoint of the API with the session cookie; throws ApiError for any error answer. */
export async function call<K extends EndpointKey>(
  key: K,
  ...[options]: [PathParamNames<PathOf<K>>] extends [never]
    ? Spec<K> extends { body: unknown }
      ? [CallOptions<K>]
      : [CallOptions<K>?]
    : [CallOptions<K>]
): Promise<ResponseOf<K>> {
  const [method, path] = (key as string).split(' ') as [string, string];
  const opts = (options ?? {}) as {
    params?: Record<string, string>;
    query?: object;
    body?: unknown;
    signal?: AbortSignal;
  };
  let response: Response;
  try {
    response = await fetch(apiUrl(path, opts.params, opts.query), {
      method,
      credentials: 'same-origin',
      headers: opts.body === undefined ? {} : { 'content-type': 'application/json' },
      body: opts.body === undefined ? undefined : JSON.stringify(opts.body),
      signal: opts.signal,
    });
  } catch (error) {
    if ((error as Error).name === 'AbortError') throw error;
    throw new ApiError(0, 'network', 'Tally could not be reached. Check your connection and try again.');
  }
  if (response.status === 204) return undefined as ResponseOf<K>;
  const payload = await response.json().catch(() => null);
  if (!response.ok) {
    const error = payload?.error;
    if (response.status === 401 && key !== 'POST /session' && key !== 'GET /session') onUnauthorized();
    throw new ApiError(
      response.status,
      error?.code ?? 'internal',
      error?.message ?? `the server answered ${response.status}`,
      error?.details ?? [],
    );
  }
  return payload as ResponseOf<K>;
}
