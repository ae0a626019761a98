import { Validator } from '@seriousme/openapi-schema-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Api, setup } from './api-helpers.ts';

/** The published contract is generated from the zod schemas; a standard validator keeps it well formed. */
let api: Api;
beforeAll(async () => {
  api = await setup();
});
afterAll(() => api.h.close());

describe('GET /api/v1/openapi.json', () => {
  it('is a valid OpenAPI 3.1 document (checked by an independent validator)', async () => {
    const document = (await api.get('/openapi.json', null)).body;
    const result = await new Validator().validate(document);
    expect(result.errors ?? [], JSON.stringify(result.errors, null, 2)?.slice(0, 2000)).toEqual([]);
    expect(result.valid).toBe(true);
    // The validator does reject a broken document (so the check above can fail).
    const broken = { ...document, paths: { '/x': { get: { responses: { 200: { description: 1 } } } } } };
    expect((await new Validator().validate(broken)).valid).toBe(false);
  });
});
