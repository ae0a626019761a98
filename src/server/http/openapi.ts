import { z } from 'zod';
import { ErrorSchema } from '../../contracts/common.ts';
import type { AnyRoute, Auth } from './route.ts';
import { SESSION_COOKIE } from './session-cookie.ts';

type JsonSchema = Record<string, unknown>;

/** Converts a zod schema to JSON Schema 2020-12, hoisting named ($defs) schemas into components. */
function toSchema(
  schema: z.ZodType,
  io: 'input' | 'output',
  components: Record<string, JsonSchema>,
): JsonSchema {
  const json = z.toJSONSchema(schema, { io, unrepresentable: 'any', target: 'draft-2020-12' }) as JsonSchema;
  const text = JSON.stringify(json).replaceAll('"#/$defs/', '"#/components/schemas/');
  const {
    $schema: _,
    $defs,
    ...rest
  } = JSON.parse(text) as JsonSchema & { $defs?: Record<string, JsonSchema> };
  Object.assign(components, $defs ?? {});
  return rest;
}

function parameters(
  schema: z.ZodType | undefined,
  where: 'path' | 'query',
  components: Record<string, JsonSchema>,
) {
  if (!schema) return [];
  const json = toSchema(schema, 'input', components) as {
    properties?: Record<string, JsonSchema>;
    required?: string[];
  };
  return Object.entries(json.properties ?? {}).map(([name, property]) => ({
    name,
    in: where,
    required: where === 'path' || (json.required ?? []).includes(name),
    schema: property,
    ...(Array.isArray(property.anyOf) || property.type === 'array' ? { explode: true } : {}),
  }));
}

const SECURITY: Record<Auth, Record<string, never[]>[]> = {
  none: [],
  admin: [{ adminToken: [] }],
  account: [{ apiKey: [] }, { sessionCookie: [] }],
  session: [{ sessionCookie: [] }],
};

/** The OpenAPI 3.1 document of every route, generated from the routes' own schemas. */
export function openApiDocument(routes: readonly AnyRoute[], version: string) {
  const components: Record<string, JsonSchema> = {};
  const errorSchema = toSchema(ErrorSchema, 'output', components);
  const paths: Record<string, Record<string, unknown>> = {};
  for (const route of routes) {
    const body = route.documentedBody ?? route.body;
    const responses: Record<string, unknown> = {};
    for (const [status, doc] of Object.entries(route.responses)) {
      responses[status] = {
        description: doc.description,
        ...(doc.schema && {
          content: {
            [doc.contentType ?? 'application/json']: { schema: toSchema(doc.schema, 'output', components) },
          },
        }),
      };
    }
    responses.default = { description: 'An error', content: { 'application/json': { schema: errorSchema } } };
    const path =
      route.path.startsWith('/api/') || route.path.startsWith('/healthz') || route.path.startsWith('/readyz')
        ? route.path
        : `/api/v1${route.path}`;
    paths[path] ??= {};
    paths[path][route.method] = {
      summary: route.summary,
      ...(route.adminOnly && {
        description: 'Admins only: a member session gets 403 (API keys act as admins).',
      }),
      tags: [route.tag],
      operationId: `${route.method}${route.path.replace(/[{}]/g, '').replace(/[^A-Za-z0-9]+(.)?/g, (_m, ch: string | undefined) => (ch ?? '').toUpperCase())}`,
      security: SECURITY[route.auth],
      parameters: [
        ...parameters(route.params, 'path', components),
        ...parameters(route.query, 'query', components),
      ],
      ...(body && {
        requestBody: {
          required: true,
          content: { 'application/json': { schema: toSchema(body, 'input', components) } },
        },
      }),
      responses,
    };
  }
  return {
    openapi: '3.1.0',
    info: {
      title: 'Tally API',
      version,
      description: 'Contact engagement scoring. Errors are `{ error: { code, message, details? } }`.',
    },
    servers: [{ url: '/' }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        apiKey: { type: 'http', scheme: 'bearer', description: 'An account API key' },
        adminToken: { type: 'http', scheme: 'bearer', description: 'TALLY_ADMIN_TOKEN' },
        sessionCookie: {
          type: 'apiKey',
          in: 'cookie',
          name: SESSION_COOKIE,
          description: 'A signed-in user (POST /api/v1/session)',
        },
      },
    },
  };
}
