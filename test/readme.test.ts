import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CONFIG_DOCS } from '../src/server/config.ts';

describe('README', () => {
  it('its configuration table lists exactly the settings the server reads', () => {
    const readme = readFileSync(join(import.meta.dirname, '../README.md'), 'utf8');
    const listed = [...readme.matchAll(/^\| `(TALLY_\w+|DATABASE_URL)` \|/gm)].map((m) => m[1]);
    expect(listed.sort()).toEqual(Object.keys(CONFIG_DOCS).sort());
  });
});
