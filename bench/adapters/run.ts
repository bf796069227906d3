import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describeMachine } from '../machine.js';
import { measureCommandRuns } from './command-runs.js';
import { measureHistory } from './history-log.js';
import { measureSamplingCost } from './sampling-cost.js';

// The adapters' benchmarks (DESIGN.md "Performance targets"): command tasks through the service
// against a bare spawn loop, the history log's append rate and first page, and the cost of
// sampling running process trees, and what a fresh process holds once it has opened the log at a
// hundredth, a tenth and all of its size. One Markdown table, printed and written to adapters.md in
// BENCH_RESULTS_DIR (default bench/results/); the process exits 1 when a target is missed.
// Knobs for a quick run: BENCH_COMMAND_RUNS (1,000), BENCH_HISTORY_EXECUTIONS (500,000: two
// records each, so the 1,000,000 records of the target), BENCH_SAMPLING_SECONDS (10) and
// BENCH_COMMAND_ROUNDS (5: interleaved rounds of the command-run comparison).

const count = (name: string, fallback: number) => Number(process.env[name] ?? fallback);
const runs = count('BENCH_COMMAND_RUNS', 1_000);
const executions = count('BENCH_HISTORY_EXECUTIONS', 500_000);
const samplingSeconds = count('BENCH_SAMPLING_SECONDS', 10);
const rounds = count('BENCH_COMMAND_ROUNDS', 5);
const resultsDir =
  process.env.BENCH_RESULTS_DIR ??
  fileURLToPath(new URL('../../../bench/results/', import.meta.url));

const commands = await measureCommandRuns(runs, 2, rounds);
process.stdout.write(`commands: ${JSON.stringify(commands)}\n`);
// The log is opened in a fresh process at a hundredth, a tenth and all of its executions.
const checkpoints = [...new Set([executions / 100, executions / 10, executions].map(Math.round))];
const history = await measureHistory(
  executions,
  checkpoints.filter((checkpoint) => checkpoint > 0),
);
process.stdout.write(`history: ${JSON.stringify(history)}\n`);
const sampling = await measureSamplingCost(8, samplingSeconds);
process.stdout.write(`sampling: ${sampling.toFixed(2)}% of a core\n`);

const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
const mb = (bytes: number) => `${(bytes / 1_048_576).toFixed(1)} MB`;
const n = (value: number) => Math.round(value).toLocaleString('en-US');
const missed: string[] = [];
/** A target's cell, remembering the misses for the exit code. */
const met = (what: string, ok: boolean) => {
  if (!ok) missed.push(what);
  return ok ? 'yes' : '**NO**';
};
const ratio = commands.ratio;
/**
 * How much more a fresh process may hold after opening the largest log than the smallest. The
 * store keeps per task aggregates bounded by their windows (at most 192 hourly and 400 daily
 * buckets of 36 bytes, and a few hundred 16-byte duration buckets: under 30 KB a task), which fill
 * as the log grows from 1.4 hours to 5.8 days of runs, and 12 bytes per task per sealed segment.
 * For RealisticRuns' 200 tasks that is about 2 MB of aggregates and 0.35 MB of segment summaries
 * between a hundredth of the log and all of it. Anything kept per execution, even 8 bytes, would
 * add 4 MB over the 495,000 more executions, and fail it.
 */
const HELD_MARGIN_BYTES = 3 * 1_048_576;
const rows = [
  ['Metric', 'Taskdeck', 'Baseline', 'Ratio', 'Target', 'Met?'],
  ['---', '---', '---', '---', '---', '---'],
  [
    `${n(runs)} runs of \`true\`, 2 at a time, through the service (history, task and state files, output capture, sampling every second; wall, median of ${rounds} interleaved rounds; ratio = median of the rounds' ratios: ${commands.ratios.map((r) => r.toFixed(2)).join(', ')})`,
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
  ...history.openMemory.map((size, i, sizes) => {
    const smallest = sizes[0] ?? size;
    const grown = size.heldBytes - smallest.heldBytes;
    return [
      `history: a fresh process opens the log at ${n(size.records)} records and shows the first page; memory held after a GC (JS heap + array buffers), and RSS`,
      `${mb(size.heldBytes)} held; RSS ${mb(size.rssBytes)}`,
      i === 0 ? '–' : `${mb(smallest.heldBytes)} held at ${n(smallest.records)} records`,
      i === 0 ? '–' : `${grown >= 0 ? '+' : ''}${mb(grown)}`,
      i === 0 ? '–' : `≤ +${mb(HELD_MARGIN_BYTES)}`,
      i === 0
        ? '–'
        : met(`history memory at ${n(size.records)} records`, grown <= HELD_MARGIN_BYTES),
    ];
  }),
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
