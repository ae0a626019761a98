import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { serveStatic } from '@hono/node-server/serve-static';
import type { Hono } from 'hono';

/** Where `npm install` (the `prepare` script) builds the web app. */
export const WEB_DIST_DIR = fileURLToPath(new URL('../../../web/dist', import.meta.url));

/** Paths the server itself answers; everything else under / is a page of the single-page app. */
const SERVER_PATHS = /^\/(api|docs|metrics|healthz|readyz)(\/|$)/;

// Mantine writes its theme variables into a <style> element, hence 'unsafe-inline' for styles only.
const PAGE_HEADERS = {
  'content-type': 'text/html; charset=utf-8',
  'cache-control': 'no-cache',
  'content-security-policy':
    "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
    "connect-src 'self'; font-src 'self' data:; frame-ancestors 'none'; base-uri 'self'; form-action 'self'",
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'same-origin',
};

const NOT_BUILT = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Tally</title></head>
<body style="font-family:system-ui;max-width:40rem;margin:4rem auto;padding:0 1rem">
<h1>The web app is not built</h1><p>Run <code>npm run web:build</code> (it runs on <code>npm install</code>) and
reload. The API works meanwhile: see the <a href="/docs">API reference</a>.</p></body></html>`;

/**
 * Serves the built web app: hashed assets cached for a year, and index.html (never cached) for every
 * other GET outside the server's own paths, so deep links like /contacts?tier=High load the app.
 */
export function mountWebApp(app: Hono, distDir: string): void {
  // Read on every request (half a kilobyte): a rebuilt app is served without a restart.
  const indexPath = join(distDir, 'index.html');
  app.use('/assets/*', async (c, next) => {
    await next();
    if (c.res.status === 200) c.res.headers.set('cache-control', 'public, max-age=31536000, immutable');
  });
  app.use('/assets/*', serveStatic({ root: distDir }));
  app.get('/favicon.svg', serveStatic({ root: distDir }));
  app.get('*', async (c, next) => {
    if (SERVER_PATHS.test(c.req.path) || c.req.path.startsWith('/assets/')) return next();
    if (!existsSync(indexPath)) return c.html(NOT_BUILT, 503);
    return c.body(await readFile(indexPath, 'utf8'), 200, PAGE_HEADERS);
  });
}
