import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterEach } from 'vitest';
import { loadConfig } from '../../src/server/config.ts';
import { createTally } from '../../src/server/main.ts';

const CLI = join(import.meta.dirname, '../../src/cli/main.ts');
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary directory, removed after the test. */
export function tempDir(prefix = 'tally-cli-'): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  dirs.push(dir);
  return dir;
}

/** Runs the real `tally` CLI (a separate process) and collects its exit code and output. */
export async function tally(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(process.execPath, [CLI, ...args], {
      env: { ...process.env, TALLY_LOG_LEVEL: 'error' },
    });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Opens a data directory in this process (to prepare or check what the CLI did). */
export function open(dataDir: string) {
  return createTally({ config: loadConfig({ TALLY_DATA_DIR: dataDir, TALLY_LOG_LEVEL: 'silent' }) });
}
