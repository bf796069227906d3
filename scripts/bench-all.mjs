// Runs every benchmark suite, each to its end even when one misses a target (exit 1), so one
// missed target never hides the figures of the others; exits 1 if any suite did.
import { spawnSync } from 'node:child_process';

const suites = ['dist/bench/run.js', 'dist/bench/adapters/run.js', 'dist/bench/window/run.js'];
let failed = 0;
for (const suite of suites) {
  const { status } = spawnSync(process.execPath, [suite], { stdio: 'inherit' });
  if (status !== 0) {
    failed++;
    console.error(`bench: ${suite} exited ${status ?? 'by a signal'}`);
  }
}
process.exitCode = failed === 0 ? 0 : 1;
