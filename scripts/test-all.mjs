// `npm test`: build, static checks and every suite; ends with one line `N passed, N failed`.
// Each static check counts as one test; suites report their own counts through JSON reports.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const reports = '.reports';
rmSync(reports, { recursive: true, force: true });
mkdirSync(reports, { recursive: true });

let passed = 0;
let failed = 0;
const failures = [];

function step(name, command, args, env = {}) {
  const started = Date.now();
  console.log(`\n=== ${name}: ${command} ${args.join(' ')}`);
  const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, ...env } });
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const ok = result.status === 0;
  console.log(
    `=== ${name}: ${ok ? 'ok' : `FAILED (exit ${result.status ?? result.signal})`} in ${seconds} s`,
  );
  return ok;
}

function check(name, command, args) {
  if (step(name, command, args)) passed++;
  else {
    failed++;
    failures.push(name);
  }
}

function vitestSuite(name, command, args) {
  const file = `${reports}/${name.replace(/\W+/g, '-')}.json`;
  const ok = step(name, command, [
    ...args,
    'run',
    '--reporter=default',
    '--reporter=json',
    `--outputFile.json=${file}`,
  ]);
  if (!existsSync(file)) {
    failed++;
    failures.push(`${name} (no report)`);
    return;
  }
  const report = JSON.parse(readFileSync(file, 'utf8'));
  passed += report.numPassedTests;
  failed += report.numFailedTests;
  if (report.numFailedTests > 0 || !ok) failures.push(name);
  if (!ok && report.numFailedTests === 0) {
    failed++;
  }
}

check('build', 'npm', ['run', '--silent', 'build']);
check('typecheck', 'npm', ['run', '--silent', 'typecheck']);
check('lint', 'npm', ['run', '--silent', 'lint']);
check('format', 'npm', ['run', '--silent', 'format:check']);
check('circular imports', 'npm', ['run', '--silent', 'circular']);
check('security scan (electronegativity)', 'node', ['scripts/security-scan.mjs']);
vitestSuite('unit (node 20)', 'node', ['node_modules/vitest/vitest.mjs']);
// Electron 45 runs its main process on Node 24: the same suites run under that line too.
vitestSuite('unit (node 24)', 'npx', ['-y', 'node@24', 'node_modules/vitest/vitest.mjs']);

// The browser journeys: the real window in Chromium against real headless hosts.
{
  const file = `${reports}/e2e.json`;
  const ok = step('e2e (playwright)', 'npx', ['playwright', 'test', '--reporter=list,json'], {
    PLAYWRIGHT_JSON_OUTPUT_NAME: file,
  });
  if (existsSync(file)) {
    const { stats } = JSON.parse(readFileSync(file, 'utf8'));
    passed += stats.expected + stats.flaky;
    failed += stats.unexpected;
    if (stats.flaky > 0) console.log(`e2e: ${stats.flaky} passed only on retry (flaky)`);
    if (stats.skipped > 0) console.log(`e2e: ${stats.skipped} skipped (no Electron binary)`);
    if (stats.unexpected > 0 || !ok) failures.push('e2e');
    if (!ok && stats.unexpected === 0) failed++;
  } else {
    failed++;
    failures.push('e2e (no report)');
  }
}

console.log(
  `\n${failures.length > 0 ? `Failed: ${failures.join(', ')}\n` : ''}${passed} passed, ${failed} failed`,
);
process.exit(failed > 0 || passed === 0 ? 1 : 0);
