import { mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describeMachine } from '../machine.js';
import { measureCommandRuns } from './command-runs.js';
import { measureHistory } from './history-log.js';
import { measureSamplingCost } from './sampling-cost.js';

// The adapters' benchmarks (DESIGN.md "Performance targets"): command tasks against a bare spawn
// loop, the history log's append rate and first page at 1,000,000 records, and the cost of
// sampling running process trees. One Markdown table, printed and written to
// bench/results/adapters.md. BENCH_COMMAND_RUNS and BENCH_HISTORY_RECORDS make a quick run.

const runs = Number(process.env.BENCH_COMMAND_RUNS ?? 1_000);
const records = Number(process.env.BENCH_HISTORY_RECORDS ?? 1_000_000);

const commands = await measureCommandRuns(runs, 2);
process.stdout.write(`commands: ${JSON.stringify(commands)}\n`);
const history = await measureHistory(records);
process.stdout.write(`history: ${JSON.stringify(history)}\n`);
const sampling = await measureSamplingCost(8, 10);
process.stdout.write(`sampling: ${sampling.toFixed(2)}% of a core\n`);

const ms = (value: number) => `${Math.round(value).toLocaleString('en-US')} ms`;
const met = (ok: boolean) => (ok ? 'yes' : '**NO**');
const rows = [
  ['Metric', 'Taskdeck', 'Baseline', 'Ratio', 'Target', 'Met?'],
  ['---', '---', '---', '---', '---', '---'],
  [
    `${runs.toLocaleString('en-US')} runs of \`true\`, 2 at a time (wall)`,
    ms(commands.taskdeck),
    `${ms(commands.bare)} (bare spawn loop)`,
    `${(commands.taskdeck / commands.bare).toFixed(2)}×`,
    '≤ 1.15×',
    met(commands.taskdeck / commands.bare <= 1.15),
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
    'history: records appended per second (durable)',
    Math.round(history.appendPerSecond).toLocaleString('en-US'),
    '–',
    '–',
    '≥ 50,000',
    met(history.appendPerSecond >= 50_000),
  ],
  [
    `history: open a ${history.records.toLocaleString('en-US')}-record log and show the first page`,
    ms(history.firstPageMs),
    '–',
    '–',
    '≤ 300 ms',
    met(history.firstPageMs <= 300),
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
    'sampling 8 running process trees every second',
    `${sampling.toFixed(2)}% of a core`,
    '–',
    '–',
    '< 2%',
    met(sampling < 2),
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
const results = new URL('../../../bench/results/', import.meta.url);
mkdirSync(fileURLToPath(results), { recursive: true });
writeFileSync(fileURLToPath(new URL('adapters.md', results)), `${markdown}\n`);
process.stdout.write(`\n${markdown}\n`);
