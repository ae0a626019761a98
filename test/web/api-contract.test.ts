import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.ts';

// The web app's client names every call "METHOD /path" (web/src/api/endpoints.ts). Each must be an
// operation of the served OpenAPI document, with the query parameters the client may send.
const source = readFileSync(new URL('../../web/src/api/endpoints.ts', import.meta.url), 'utf8');
const calls = [...source.matchAll(/^\s*'(GET|POST|PUT|PATCH|DELETE) (\/[^']*)': \{([^\n]*)\};?$/gm)].map(
  ([, method, path, spec]) => ({ method: method!.toLowerCase(), path: path!, spec: spec! }),
);

let h: Harness;
let document: { paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>> };
beforeAll(async () => {
  h = await startHarness();
  document = (await h.call('GET', '/api/v1/openapi.json')).body;
});
afterAll(() => h.close());

describe("the web app's API client", () => {
  it('names the calls it makes', () => {
    expect(calls.length).toBeGreaterThan(30);
  });

  it.each(calls.map((c) => [`${c.method.toUpperCase()} ${c.path}`, c] as const))(
    '%s is an operation of /api/v1/openapi.json',
    (_name, call) => {
      const operation = document.paths[`/api/v1${call.path}`]?.[call.method];
      expect(operation, `${call.method} ${call.path} is not in the OpenAPI document`).toBeDefined();
      const pathParams = [...call.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const declared = (operation!.parameters ?? []).filter((p) => p.in === 'path').map((p) => p.name);
      expect(declared.sort()).toEqual(pathParams.sort());
    },
  );

  it('sends only query parameters the list endpoints take', () => {
    // The filter names of ListFilters, as the client maps them (unread as 'true').
    const listParams = [
      'profileId',
      'scoreMin',
      'scoreMax',
      'tier',
      'channel',
      'assignedTo',
      'unread',
      'tag',
      'q',
    ];
    for (const path of ['/conversations', '/contacts']) {
      const names = (document.paths[`/api/v1${path}`]!.get!.parameters ?? [])
        .filter((p) => p.in === 'query')
        .map((p) => p.name);
      for (const name of [...listParams, 'sort', 'limit', 'cursor'])
        expect(names, `${path} ?${name}`).toContain(name);
    }
  });
});
