import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeMachine } from './machine.js';
import { describeConfiguration, plan } from './plan.js';
import { Report, type Measured } from './report.js';
import { readSettings } from './settings.js';
import { spawnCase } from './spawn-case.js';

// `npm run bench`: every configuration in a fresh process, BENCH_RUNS times, runs interleaved so
// that a noisy stretch of the machine hits every library alike; then one Markdown table, printed
// and written to bench/results/latest.md (raw outcomes in latest.json). Exits non-zero only when
// a case crashed (a wrong dispatch order is a crash); a case that overran its time limit is
// reported, not fatal.

/** A case that takes this much longer than its windows is hung, not slow. */
const SLACK_MS = 180_000;

const settings = readSettings();
const configurations = plan(settings);
const measured: Measured[] = configurations.map((configuration) => ({
  configuration,
  outcomes: [],
}));
const timeLimitMs =
  Math.max(settings.seconds, settings.idleSeconds, settings.dispatchBudgetSeconds) * 1_000 +
  SLACK_MS;

for (let run = 1; run <= settings.runs; run++) {
  for (const entry of measured) {
    const name = describeConfiguration(entry.configuration);
    process.stdout.write(`[run ${run}/${settings.runs}] ${name} … `);
    const outcome = await spawnCase(
      entry.configuration.script,
      entry.configuration.args,
      timeLimitMs,
    );
    entry.outcomes.push(outcome);
    if (!outcome.ok) {
      process.stdout.write(`${outcome.timedOut ? 'NO RESULT' : 'CRASHED'}: ${outcome.crash}\n`);
    } else if (outcome.result.kind === 'dispatch') {
      const r = outcome.result;
      process.stdout.write(
        `${Math.round((r.started / r.dispatchMs) * 1_000)}/s, ${r.started} of ${r.executions} started\n`,
      );
    } else {
      const r = outcome.result;
      process.stdout.write(
        `CPU ${r.cpuPer10sMs.toFixed(1)} ms/10 s, p99 ${r.lateness?.p99.toFixed(1) ?? '–'} ms, ` +
          `${r.delivered}/${r.expected} fires, registration ${r.registrationMs.toFixed(0)} ms\n`,
      );
    }
  }
}

const machine = describeMachine(new Date());
// What profiling found so far, kept by hand next to the code, goes with every run's figures.
const profiles = readFileSync(
  fileURLToPath(new URL('../../bench/profiles.md', import.meta.url)),
  'utf8',
);
const markdown = `${new Report(measured, settings).render(machine)}\n${profiles.trimEnd()}`;
const results = new URL('../../bench/results/', import.meta.url);
mkdirSync(fileURLToPath(results), { recursive: true });
const file = fileURLToPath(new URL('latest.md', results));
writeFileSync(file, `${markdown}\n`);
// The raw outcomes too, so runs before and after an engine change can be compared in detail.
writeFileSync(
  fileURLToPath(new URL('latest.json', results)),
  `${JSON.stringify({ machine, settings, measured }, null, 2)}\n`,
);
process.stdout.write(`\n${markdown}\n\nWritten to ${file} (raw outcomes in latest.json)\n`);
const crashed = measured.some((entry) =>
  entry.outcomes.some((outcome) => !outcome.ok && !outcome.timedOut),
);
process.exitCode = crashed ? 1 : 0;
