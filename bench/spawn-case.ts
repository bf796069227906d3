import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseResult, type CaseResult } from './case-result.js';

/**
 * A configuration's outcome in one run: its result, or why there is none. `timedOut` marks a
 * process that was still running at the time limit (a library that cannot keep up never ends
 * its window) rather than one that failed.
 */
export type Outcome =
  { ok: true; result: CaseResult } | { ok: false; crash: string; timedOut: boolean };

/** Keeps the last part of a child's stderr for the report. */
function tail(text: string): string {
  const lines = text.trim().split('\n');
  return lines.slice(-12).join('\n');
}

/**
 * Runs one case script in a fresh Node process (no memory reducer, so a one-off start-up GC
 * does not land in an idle window; `gc` exposed so each case collects before measuring) and
 * reads its result line. A non-zero exit or a missing result is a crash; the time limit is not.
 */
export function spawnCase(script: string, args: string[], timeLimitMs: number): Promise<Outcome> {
  const path = fileURLToPath(new URL(script, import.meta.url));
  return new Promise((resolve) => {
    const child = spawn(process.execPath, ['--no-memory-reducer', '--expose-gc', path, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      stderr += chunk;
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill('SIGKILL');
    }, timeLimitMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      resolve({ ok: false, crash: `could not start: ${error.message}`, timedOut: false });
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const result = code === 0 ? parseResult(stdout) : null;
      if (result !== null) resolve({ ok: true, result });
      else if (timedOut) {
        resolve({
          ok: false,
          crash: `still running after the ${timeLimitMs / 1_000} s time limit; stopped`,
          timedOut: true,
        });
      } else {
        const how = signal !== null ? `killed by ${signal}` : `exit ${code ?? '?'}`;
        resolve({
          ok: false,
          crash: `${how}: ${tail(stderr) || 'no result line'}`,
          timedOut: false,
        });
      }
    });
  });
}
