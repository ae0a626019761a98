import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type Harness, startHarness } from '../helpers/harness.ts';

let h: Harness | undefined;
let dir: string | undefined;
afterEach(async () => {
  await h?.close();
  h = undefined;
  if (dir) rmSync(dir, { recursive: true, force: true });
});

function builtApp(): string {
  dir = mkdtempSync(join(tmpdir(), 'tally-web-'));
  mkdirSync(join(dir, 'assets'));
  writeFileSync(join(dir, 'index.html'), '<!doctype html><div id="root"></div>');
  writeFileSync(join(dir, 'assets', 'index-abc123.js'), 'console.log("app")');
  writeFileSync(join(dir, 'favicon.svg'), '<svg/>');
  return dir;
}

describe('the web app at /', () => {
  it('serves index.html for every page, with a content security policy and no caching', async () => {
    h = await startHarness({ webDistDir: builtApp() });
    for (const path of [
      '/',
      '/conversations?sort=score:desc&tier=High',
      '/settings/scoring/p_1',
      '/signin',
    ]) {
      const res = await h.call('GET', path);
      expect(res.status, path).toBe(200);
      expect(res.body).toContain('<div id="root">');
      expect(res.headers.get('content-type')).toContain('text/html');
      expect(res.headers.get('cache-control')).toBe('no-cache');
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    }
  });

  it('serves hashed assets cached for a year, and 404s a missing one', async () => {
    h = await startHarness({ webDistDir: builtApp() });
    const asset = await h.call('GET', '/assets/index-abc123.js');
    expect(asset.status).toBe(200);
    expect(asset.body).toBe('console.log("app")');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    expect((await h.call('GET', '/favicon.svg')).status).toBe(200);
    expect((await h.call('GET', '/assets/missing.js')).status).toBe(404);
  });

  it('leaves the server paths to the server: unknown API routes stay JSON 404s', async () => {
    h = await startHarness({ webDistDir: builtApp() });
    const missing = await h.call('GET', '/api/v1/nothing-here');
    expect(missing.status).toBe(404);
    expect(missing.body.error.code).toBe('not_found');
    expect((await h.call('GET', '/healthz')).body).toEqual({ status: 'ok' });
    expect((await h.call('GET', '/docs')).status).toBe(200);
  });

  it('explains how to build the app when it is not built', async () => {
    dir = mkdtempSync(join(tmpdir(), 'tally-web-'));
    h = await startHarness({ webDistDir: dir });
    const res = await h.call('GET', '/');
    expect(res.status).toBe(503);
    expect(res.body).toContain('npm run web:build');
  });
});
