import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from './temp-dir.js';

/** Runs scripts/security-scan.mjs and resolves with its exit code and output. */
function scan(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, ['scripts/security-scan.mjs', ...args], (error, stdout, stderr) => {
      resolve({ code: error === null ? 0 : (error.code as number | null), stdout, stderr });
    });
  });
}

let work: string;
beforeAll(async () => {
  work = await makeTempDir('scan');
  await mkdir(join(work, 'electron'));
  // What the window must never be: no isolation, no sandbox, remote content, no guards.
  await writeFile(
    join(work, 'electron', 'main.ts'),
    [
      "import { BrowserWindow } from 'electron';",
      'export function open(): BrowserWindow {',
      "  const window = new BrowserWindow({ webPreferences: { contextIsolation: false, sandbox: false, preload: 'p.cjs' } });",
      "  void window.loadURL('http://example.com/');",
      '  return window;',
      '}',
      '',
    ].join('\n'),
  );
  await mkdir(join(work, 'broken', 'electron'), { recursive: true });
  await writeFile(join(work, 'broken', 'electron', 'half.ts'), 'export const limit = ;\n');
  await writeFile(
    join(work, 'allowlist.json'),
    JSON.stringify({
      allow: [
        {
          check: 'PRELOAD_JS_CHECK',
          file: 'electron/main.ts',
          reason: 'A fixture entry: allowlisted findings pass.',
        },
      ],
    }),
  );
  await writeFile(
    join(work, 'no-reason.json'),
    JSON.stringify({
      allow: [{ check: 'PRELOAD_JS_CHECK', file: 'electron/main.ts', reason: '' }],
    }),
  );
});
afterAll(async () => {
  await removeDir(work);
});

describe('the electronegativity gate', () => {
  it('fails on HIGH and MEDIUM findings unless allowlisted with a reason', async () => {
    const result = await scan([
      '--input',
      join(work, 'electron'),
      '--allowlist',
      join(work, 'allowlist.json'),
    ]);
    expect(result.code, result.stderr).toBe(1);
    const line = (check: string) =>
      result.stdout.split('\n').find((l) => l.includes(` ${check} `)) ?? '';
    expect(line('CONTEXT_ISOLATION_JS_CHECK')).toMatch(
      /^BLOCKING +HIGH +CONTEXT_ISOLATION_JS_CHECK electron\/main\.ts:3:/,
    );
    expect(line('SANDBOX_JS_CHECK')).toMatch(/^BLOCKING +MEDIUM/);
    expect(line('HTTP_RESOURCES_JS_CHECK')).toMatch(/^BLOCKING/);
    expect(line('LIMIT_NAVIGATION_GLOBAL_CHECK')).toMatch(/^BLOCKING +HIGH/);
    expect(line('PRELOAD_JS_CHECK')).toMatch(/^allowed +MEDIUM/);
    expect(result.stdout).toMatch(/allowed because: A fixture entry/);
    expect(result.stdout).toMatch(/findings, \d+ blocking/);
    // The scanner that ran is the devDependency, pinned exactly (never fetched per run).
    const pinned = (
      JSON.parse(readFileSync('package.json', 'utf8')) as {
        devDependencies: Record<string, string>;
      }
    ).devDependencies['@doyensec/electronegativity'];
    expect(pinned).toMatch(/^\d+\.\d+\.\d+$/);
    expect(result.stdout).toContain(`Electronegativity ${pinned ?? '?'} over `);
  }, 30_000);

  it('fails on a file the scanner could not parse, since none of its checks saw it', async () => {
    const result = await scan(['--input', join(work, 'broken', 'electron')]);
    expect(result.code, result.stderr).toBe(1);
    expect(result.stdout).toMatch(/^BLOCKING unparsed +electron\/half\.ts — Unexpected token/m);
  }, 30_000);

  it('refuses an allowlist entry without a reason before scanning', async () => {
    const result = await scan([
      '--input',
      join(work, 'electron'),
      '--allowlist',
      join(work, 'no-reason.json'),
    ]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/needs a reason/);
  });
});
