import type { DispatchResult, ScheduleResult } from './case-result.js';
import { describeConfiguration, type Configuration, type Library, type Scenario } from './plan.js';
import type { BenchSettings } from './settings.js';
import type { Outcome } from './spawn-case.js';
import { median } from './stats.js';

/** Every run's outcome of one configuration. */
export interface Measured {
  configuration: Configuration;
  outcomes: Outcome[];
}

const LIBRARIES: readonly Library[] = ['Taskdeck', 'toad-scheduler', 'croner', 'node-cron'];
const INTERVAL_P99_TARGET_MS = 15;
const RSS_TARGET_MB = 100;
const IDLE_CPU_TARGET_MS = 5;
const REGISTRATION_TARGET_MS = 100;
const DISPATCH_TARGET_PER_S = 200_000;

interface Row {
  label: string;
  metric: string;
  cells: Partial<Record<Library, string>>;
  ratio: string;
  target: string;
  met: string;
}

/** The median of one metric over a configuration's runs, and how many runs gave none. */
interface Series {
  value: number;
  runs: number;
  missing: number;
}

type Pick = (result: ScheduleResult) => number | null;

/** A target: its wording, and whether Taskdeck's median meets it (given the reference peer's). */
interface Goal {
  target: string;
  relative: boolean;
  met(taskdeck: number, reference: number): boolean;
}

const integer = (value: number): string => Math.round(value).toLocaleString('en-US');

function ms(value: number): string {
  if (Math.abs(value) >= 100) return `${integer(value)} ms`;
  return `${value.toFixed(Math.abs(value) >= 10 ? 1 : 2)} ms`;
}

const mb = (bytes: number): string => `${integer(bytes / 1_048_576)} MB`;
const verdict = (met: boolean): string => (met ? 'yes' : '**NO**');
const others = (cpuMs: number | null): string =>
  cpuMs === null ? 'others n/a' : `others ${ms(cpuMs)} CPU`;
const cpu: Pick = (r) => r.cpuPer10sMs;
const p50: Pick = (r) => r.lateness?.p50 ?? null;
const p99: Pick = (r) => r.lateness?.p99 ?? null;
const rss: Pick = (r) => r.rssPeakBytes;
const registration: Pick = (r) => r.registrationMs;

function absolute(target: string, met: (taskdeck: number) => boolean): Goal {
  return { target, relative: false, met };
}

/** Builds the Markdown report from what was measured. */
export class Report {
  constructor(
    private readonly measured: readonly Measured[],
    private readonly settings: BenchSettings,
  ) {}

  /** The whole report: header, the table, then notes, failures and every run's figures. */
  render(machine: string): string {
    const rows = [
      ...this.intervalRows('interval-10000', '10,000', true),
      // DESIGN.md sets no targets for a slot limit: the row shows what the ready queue adds.
      ...this.intervalRows('interval-8', '8', false),
      ...this.everySecondRows(),
      ...this.idleRows(),
      ...this.registrationRows(),
      ...this.dispatchRows(),
    ];
    const header = ['Case', 'Metric', ...LIBRARIES, 'Ratio', 'Target', 'Met?'];
    const line = (cells: string[]): string => `| ${cells.join(' | ')} |`;
    return [
      '# Taskdeck engine benchmarks',
      '',
      `Machine: ${machine}`,
      '',
      `Medians of ${this.settings.runs} run(s); every configuration runs in a fresh process ` +
        '(`node --no-memory-reducer --expose-gc`), runs interleaved. Measured windows: ' +
        `${this.settings.seconds} s (cases 1–2), ${this.settings.idleSeconds} s (case 3); CPU is ` +
        'user + system time per 10 s of wall time. Ratio = Taskdeck ÷ the peer its target names ' +
        '(toad-scheduler for intervals, croner for cron).',
      '',
      line(header),
      line(header.map(() => '---')),
      ...rows.map((row) =>
        line([
          row.label,
          row.metric,
          ...LIBRARIES.map((library) => row.cells[library] ?? '–'),
          row.ratio,
          row.target,
          row.met,
        ]),
      ),
      '',
      ...this.notes(),
      ...this.failures(),
      ...this.everyRun(),
    ].join('\n');
  }

  // ---- rows ----------------------------------------------------------------------------------

  private intervalRows(scenario: Scenario, limit: string, targeted: boolean): Row[] {
    const label = `1. 10k intervals of 1 s, Taskdeck max ${limit} running`;
    const sources = { Taskdeck: scenario, 'toad-scheduler': 'interval-10000' } as const;
    const row = (metric: string, pick: Pick, format: (value: number) => string, goal?: Goal) =>
      this.metricRow(
        label,
        metric,
        sources,
        'toad-scheduler',
        pick,
        format,
        targeted ? goal : undefined,
      );
    return [
      row('CPU per 10 s', cpu, ms, {
        target: '≤ toad-scheduler',
        relative: true,
        met: (mine, peer) => mine <= peer,
      }),
      row('lateness p50', p50, ms),
      row(
        'lateness p99',
        p99,
        ms,
        absolute(`≤ ${INTERVAL_P99_TARGET_MS} ms`, (mine) => mine <= INTERVAL_P99_TARGET_MS),
      ),
      row(
        'RSS peak',
        rss,
        mb,
        absolute(`≤ ${RSS_TARGET_MB} MB`, (mine) => mine <= RSS_TARGET_MB * 1_048_576),
      ),
      this.deliveredRow(label, sources),
    ];
  }

  private everySecondRows(): Row[] {
    const label = '2. 10k cron `* * * * * *`';
    const sources = {
      Taskdeck: 'every-second',
      croner: 'every-second',
      'node-cron': 'every-second',
    } as const;
    const half: Goal = {
      target: '≤ ½ croner',
      relative: true,
      met: (mine, peer) => mine <= peer / 2,
    };
    const row = (metric: string, pick: Pick, format: (value: number) => string, goal?: Goal) =>
      this.metricRow(label, metric, sources, 'croner', pick, format, goal);
    return [
      row('CPU per 10 s', cpu, ms, half),
      row('lateness p50', p50, ms),
      row('lateness p99', p99, ms, half),
      row('RSS peak', rss, mb),
      this.deliveredRow(label, sources),
      this.metricRow(
        label,
        'slots the library reported missed',
        { 'node-cron': 'every-second' },
        null,
        (r) => r.reportedMissed,
        integer,
      ),
    ];
  }

  /**
   * The idle target is the engine's own cost: what the case's process spends with no library
   * (its timers, the RSS sampler, V8) is taken off before comparing, since no engine can go
   * below it. The cells stay as measured.
   */
  private idleRows(): Row[] {
    const floor = this.series('tomorrow', null, cpu);
    const harness = floor !== null && floor.runs > 0 ? floor.value : Number.NaN;
    return [
      this.metricRow(
        '3. 10k daily cron, none due (idle)',
        'CPU per 10 s',
        { Taskdeck: 'tomorrow', croner: 'tomorrow', 'node-cron': 'tomorrow' },
        'croner',
        cpu,
        ms,
        absolute(
          `≤ ${IDLE_CPU_TARGET_MS} ms above the harness alone`,
          (mine) => mine - harness <= IDLE_CPU_TARGET_MS,
        ),
      ),
    ];
  }

  private registrationRows(): Row[] {
    const label = '4. registering 10k jobs (thread blocked)';
    const goal = absolute(
      `≤ ${REGISTRATION_TARGET_MS} ms`,
      (mine) => mine <= REGISTRATION_TARGET_MS,
    );
    return [
      this.metricRow(
        label,
        'interval, every 1 s',
        { Taskdeck: 'interval-10000', 'toad-scheduler': 'interval-10000' },
        'toad-scheduler',
        registration,
        ms,
        goal,
      ),
      this.metricRow(
        label,
        'cron `* * * * * *`',
        { Taskdeck: 'every-second', croner: 'every-second', 'node-cron': 'every-second' },
        'croner',
        registration,
        ms,
        goal,
      ),
      this.metricRow(
        label,
        'cron, daily',
        { Taskdeck: 'tomorrow', croner: 'tomorrow', 'node-cron': 'tomorrow' },
        'croner',
        registration,
        ms,
        goal,
      ),
    ];
  }

  private dispatchRows(): Row[] {
    const executions = this.settings.dispatchExecutions;
    const label = `5. ready queue: ${integer(executions)} no-ops, 8 slots`;
    const runs = this.dispatchResults();
    const crashes = this.outcomes('dispatch', 'Taskdeck').flatMap((outcome) =>
      outcome.ok ? [] : [outcome.crash],
    );
    const orderWrong = crashes.some((crash) => crash.includes('order is wrong'));
    const rate = median(runs.map((r) => (r.started / r.dispatchMs) * 1_000));
    const cut = runs.filter((r) => !r.complete);
    let rateCell =
      runs.length > 0
        ? `${integer(rate)}/s`
        : crashes.length > 0
          ? 'no result (see Failures)'
          : '–';
    if (cut.length > 0) {
      rateCell +=
        ` (in ${cut.length} run(s) the ${this.settings.dispatchBudgetSeconds} s budget ran out after ` +
        `${integer(median(cut.map((r) => r.started)))} starts; rate over those)`;
    }
    let orderCell = '–';
    if (orderWrong) orderCell = '**WRONG** (see Failures)';
    else if (runs.length > 0)
      orderCell = `exact (${integer(median(runs.map((r) => r.orderChecked)))} starts checked per run)`;
    const submitted = median(runs.map((r) => (r.executions / r.submitMs) * 1_000));
    return [
      {
        label,
        metric: 'dispatches per second',
        cells: { Taskdeck: rateCell },
        ratio: '–',
        target: `≥ ${integer(DISPATCH_TARGET_PER_S)}/s`,
        met: verdict(runs.length > 0 && cut.length === 0 && rate >= DISPATCH_TARGET_PER_S),
      },
      {
        label,
        metric: 'start order: priority, then fire time, then arrival',
        cells: { Taskdeck: orderCell },
        ratio: '–',
        target: 'exact',
        met: verdict(!orderWrong && runs.length > 0),
      },
      {
        label,
        metric: 'batch fired into the queue, per second',
        cells: { Taskdeck: runs.length > 0 ? `${integer(submitted)}/s` : '–' },
        ratio: '–',
        target: '–',
        met: '–',
      },
    ];
  }

  // ---- helpers -------------------------------------------------------------------------------

  private metricRow(
    label: string,
    metric: string,
    sources: Partial<Record<Library, Scenario>>,
    reference: Library | null,
    pick: Pick,
    format: (value: number) => string,
    goal?: Goal,
  ): Row {
    const seriesOf = (library: Library): Series | null => {
      const scenario = sources[library];
      return scenario === undefined ? null : this.series(scenario, library, pick);
    };
    const cells: Partial<Record<Library, string>> = {};
    for (const library of LIBRARIES) {
      if (sources[library] !== undefined) cells[library] = this.cell(seriesOf(library), format);
    }
    const mine = seriesOf('Taskdeck');
    const theirs = reference === null ? null : seriesOf(reference);
    const known = (series: Series | null): series is Series => series !== null && series.runs > 0;
    let met = '–';
    if (goal !== undefined) {
      if (!known(mine)) met = '**NO** (not measured)';
      else if (goal.relative && !known(theirs)) met = 'unknown (peer not measured)';
      else met = verdict(goal.met(mine.value, theirs?.value ?? Number.NaN));
    }
    return {
      label,
      metric,
      cells,
      ratio:
        known(mine) && known(theirs) && theirs.value !== 0
          ? `${(mine.value / theirs.value).toFixed(2)}×`
          : '–',
      target: goal?.target ?? '–',
      met,
    };
  }

  private deliveredRow(label: string, sources: Partial<Record<Library, Scenario>>): Row {
    const cells: Partial<Record<Library, string>> = {};
    let allDelivered = false;
    for (const library of LIBRARIES) {
      const scenario = sources[library];
      if (scenario === undefined) continue;
      const results = this.scheduleResults(scenario, library);
      if (results.length === 0) {
        cells[library] =
          this.outcomes(scenario, library).length > 0 ? 'no result (see Failures)' : '–';
        continue;
      }
      const off = results.filter((r) => r.delivered !== r.expected).length;
      cells[library] =
        `${integer(median(results.map((r) => r.delivered)))} / ${integer(median(results.map((r) => r.expected)))}` +
        (off > 0 ? ` (${off} of ${results.length} runs not all)` : '');
      if (library === 'Taskdeck') allDelivered = off === 0;
    }
    return {
      label,
      metric: 'fires delivered / due',
      cells,
      ratio: '–',
      target: 'all, every run',
      met: verdict(allDelivered),
    };
  }

  private outcomes(scenario: Scenario, library: Library | null): Outcome[] {
    return (
      this.measured.find(
        (m) => m.configuration.scenario === scenario && m.configuration.library === library,
      )?.outcomes ?? []
    );
  }

  private scheduleResults(scenario: Scenario, library: Library | null): ScheduleResult[] {
    return this.outcomes(scenario, library).flatMap((outcome) =>
      outcome.ok && outcome.result.kind === 'schedule' ? [outcome.result] : [],
    );
  }

  private dispatchResults(): DispatchResult[] {
    return this.outcomes('dispatch', 'Taskdeck').flatMap((outcome) =>
      outcome.ok && outcome.result.kind === 'dispatch' ? [outcome.result] : [],
    );
  }

  private series(scenario: Scenario, library: Library | null, pick: Pick): Series | null {
    const outcomes = this.outcomes(scenario, library);
    if (outcomes.length === 0) return null;
    const values = this.scheduleResults(scenario, library)
      .map(pick)
      .filter((value): value is number => value !== null);
    return { value: median(values), runs: values.length, missing: outcomes.length - values.length };
  }

  private cell(series: Series | null, format: (value: number) => string): string {
    if (series === null) return '–';
    if (series.runs === 0) return 'no result (see Failures)';
    return format(series.value) + (series.missing > 0 ? ` (${series.missing} run(s) without)` : '');
  }

  // ---- sections ------------------------------------------------------------------------------

  private notes(): string[] {
    const floor = this.series('tomorrow', null, cpu);
    return [
      '## How to read it',
      '',
      `- Harness alone (the idle case's process with no library): ${this.cell(floor, ms)} CPU per 10 s; ` +
        `the case 3 figures include it, and its target applies net of it (Taskdeck's median minus this one, at most ${IDLE_CPU_TARGET_MS} ms).`,
      '- The "max 8 running" rows have no targets (DESIGN.md sets none for a slot limit): they show ' +
        "what the ready queue's admission adds when fires outnumber the slots; every fire must still " +
        'be delivered.',
      '- Lateness = wall time when the job function runs − the time it was due, over every fire due in ' +
        'the window. Due times: Taskdeck `ctx.scheduledAt`; toad-scheduler the time the job was added + ' +
        'k × period (the rule Taskdeck follows; toad drifts because Node re-arms `setInterval` from when ' +
        'its callback ran); croner the first slot after its previous run (its own planning rule; it does ' +
        'not expose due times); node-cron `ctx.date` (the slot it says it runs).',
      '- Fires delivered / due counts the fires due in the window that ran by 2 s after it. node-cron ' +
        'skips a slot it reaches more than 1 s late and reports it (`execution:missed`); croner plans ' +
        'from its previous run, so a run over 1 s late silently loses the slots in between.',
      '- Registration: one synchronous loop adding 10,000 jobs to a started scheduler; Taskdeck validates ' +
        'every task document in full: plainly valid ones by a direct reader that a property test holds ' +
        "to the zod schema's exact answers, anything else by zod itself.",
      '- Case 5 fires the batch (priorities -100..100 from a seeded generator) over 16 consecutive ms ' +
        'while all tasks are paused, then resumes; ' +
        'dispatches per second = executions started and ended ÷ wall time from resume to the last end. ' +
        'Every start is checked against the batch sorted by priority, fire time and arrival; a wrong ' +
        'order fails the bench.',
      '',
    ];
  }

  private failures(): string[] {
    const lines = this.measured.flatMap(({ configuration, outcomes }) =>
      outcomes.flatMap((outcome, index) =>
        outcome.ok
          ? []
          : [
              `- ${describeConfiguration(configuration)}, run ${index + 1}: ${outcome.crash.replaceAll('\n', ' ⏎ ')}`,
            ],
      ),
    );
    return lines.length === 0
      ? []
      : [
          '## Failures',
          '',
          'Runs without a result. A run stopped at the time limit had not finished its window: ' +
            'the library could not keep up on this machine at that moment (see "others" below).',
          '',
          ...lines,
          '',
        ];
  }

  private everyRun(): string[] {
    const lines = this.measured.map(({ configuration, outcomes }) => {
      const figures = outcomes.map((outcome) => {
        if (!outcome.ok) return outcome.timedOut ? 'no result (time limit)' : 'crashed';
        const r = outcome.result;
        if (r.kind === 'dispatch') {
          return `${integer((r.started / r.dispatchMs) * 1_000)}/s (${integer(r.started)} of ${integer(r.executions)} in ${ms(r.dispatchMs)}, ${others(r.othersCpuMs)})`;
        }
        const late = r.lateness === null ? 'no fires' : `p99 ${ms(r.lateness.p99)}`;
        return `CPU ${ms(r.cpuPer10sMs)}, ${late}, ${integer(r.delivered)}/${integer(r.expected)}, reg ${ms(r.registrationMs)}, RSS ${mb(r.rssPeakBytes)}, ${others(r.othersCpuMs)}`;
      });
      return `- ${describeConfiguration(configuration)}: ${figures.join('; ')}`;
    });
    return [
      '## Every run',
      '',
      '"others" is the CPU the rest of the machine used during the measured window (all cores): a ' +
        'high figure marks a run other processes competed with.',
      '',
      ...lines,
      '',
    ];
  }
}
