import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine } from '../machine.js';
import { measureCommandRuns } from './command-runs.js';
import { measureHistory } from './history-log.js';
import { measureSamplingCost } from './sampling-cost.js';

// The adapters' benchmarks (DESIGN.md "Performance targets"): command tasks through the service
// against a bare spawn loop, the history log's append rate and first page, and the cost of
// sampling running process trees. One Markdown table, printed and written to adapters.md in
// BENCH_RESULTS_DIR (default bench/results/); the process exits 1 when a target is missed.
// Knobs for a quick run: BENCH_COMMAND_RUNS (1,000), BENCH_HISTORY_EXECUTIONS (500,000: two
// records each, so the 1,000,000 records of the target) and BENCH_SAMPLING_SECONDS (10).

const count = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const runs = count('BENCH_COMMAND_RUNS', 1_000);
const executions = count('BENCH_HISTORY_EXECUTIONS', 500_000);
const samplingSeconds = count('BENCH_SAMPLING_SECONDS', 10);
const resultsDir =
  process.env.BENCH_RESULTS_DIR ??
  fileURLToPath(new URL('../../../bench/results/', import.meta.url));

const commands = await measureCommandRuns(runs, 2);
process.stdout.write(`commands: ${JSON.stringify(commands)}\n`);
const history = await measureHistory(executions);
process.stdout.write(`history: ${JSON.stringify(history)}\n`);
const sampling = await measureSamplingCost(8, samplingSeconds);
process.stdout.write(`sampling: ${sampling.toFixed(2)}% of a core\n`);

const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
const n = (value: number) => Math.round(value).toLocaleString('en-US');
const missed: string[] = [];
/** A target's cell, remembering the misses for the exit code. */
const met = (what: string, ok: boolean) => {
  if (!ok) missed.push(what);
  return ok ? 'yes' : '**NO**';
};
const ratio = commands.taskdeck / commands.bare;
const rows = [
  ['Metric', 'Taskdeck', 'Baseline', 'Ratio', 'Target', 'Met?'],
  ['---', '---', '---', '---', '---', '---'],
  [
    `${n(runs)} runs of \`true\`, 2 at a time, through the service (history, task and state files, output capture, sampling every second; wall)`,
    ms(commands.taskdeck),
    `${ms(commands.bare)} (bare spawn loop)`,
    `${ratio.toFixed(2)}×`,
    '≤ 1.15×',
    met('command runs', ratio <= 1.15),
  ],
  [
    'the same against a bare loop with its own process group (detached, as Taskdeck needs for tree kills)',
    ms(commands.taskdeck),
    `${ms(commands.bareDetached)} (bare detached loop)`,
    `${(commands.taskdeck / commands.bareDetached).toFixed(2)}×`,
    '–',
    '–',
  ],
  [
    `history: records (start and end lines) appended per second, durable; ${n(history.executions)} realistic executions (output tails, one sample a second), ${n(history.bytes / 1_048_576)} MB`,
    n(history.appendPerSecond),
    '–',
    '–',
    '≥ 50,000',
    met('history append', history.appendPerSecond >= 50_000),
  ],
  [
    `history: open that log of ${n(history.records)} records (${n(history.executions)} executions) and show the first page`,
    ms(history.firstPageMs),
    '–',
    '–',
    '≤ 300 ms',
    met('history first page', history.firstPageMs <= 300),
  ],
  [
    'history: process RSS after that open',
    `${Math.round(history.rssAfterOpenBytes / 1_048_576)} MB`,
    '–',
    '–',
    'flat with history size',
    '–',
  ],
  [
    `sampling 8 running process trees every second (${samplingSeconds} s)`,
    `${sampling.toFixed(2)}% of a core`,
    '–',
    '–',
    '< 2%',
    met('sampling', sampling < 2),
  ],
];
const machine = describeMachine(new Date());
const markdown = [
  '# Taskdeck adapter benchmarks',
  '',
  `Machine: ${machine}`,
  '',
  ...rows.map((row) => `| ${row.join(' | ')} |`),
].join('\n');
mkdirSync(resultsDir, { recursive: true });
writeFileSync(join(resultsDir, 'adapters.md'), `${markdown}\n`);
process.stdout.write(`\n${markdown}\n`);
if (missed.length > 0) {
  process.stdout.write(`\nMissed: ${missed.join(', ')}\n`);
  process.exitCode = 1;
}
