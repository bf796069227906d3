import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { ensureBuilt, ROOT } from '../adapters/history/built-dist.js';

describe('the engine as a library, from plain Node on the built package', () => {
  beforeAll(ensureBuilt, 120_000);

  it('runs function tasks on real time, refuses bad input by field, and exits once stopped', () => {
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'tests/core/fixtures/library-user.mjs')],
      {
        cwd: ROOT,
        encoding: 'utf8',
        timeout: 20_000,
      },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    const lines = result.stdout.trim().split('\n');
    expect(lines[0]).toMatch(/^refused: name: /);
    expect(lines.slice(1)).toEqual([
      'started',
      'run 1 aborted=false',
      'tick succeeded',
      'run 2 aborted=false',
      'tick succeeded',
    ]);
  });

  it('loads zod only for a document the registration fast path cannot vouch for', () => {
    const result = spawnSync(
      process.execPath,
      [join(ROOT, 'tests/core/fixtures/lazy-validation.mjs')],
      { cwd: ROOT, encoding: 'utf8', timeout: 20_000 },
    );
    expect(result.stderr).toBe('');
    expect(result.status).toBe(0);
    expect(result.stdout.trim().split('\n')).toEqual([
      'after import: zod not loaded',
      'after a plain task: zod not loaded',
      'refused: triggers.0.everyMs: Too small: expected number to be >=1000',
      'after a bad task: zod loaded',
    ]);
  });

  it('lets a finished run go although its timeout is an hour away', () => {
    const result = spawnSync(
      process.execPath,
      ['--expose-gc', join(ROOT, 'tests/core/fixtures/released-runs.mjs')],
      { cwd: ROOT, encoding: 'utf8', timeout: 20_000 },
    );
    expect(result.stderr).toBe('');
    expect(result.stdout.trim()).toBe('released');
  });
});
