import type { BenchSettings } from './settings.js';

/** A library's column in the results table. */
export type Library = 'Taskdeck' | 'toad-scheduler' | 'croner' | 'node-cron';

/** Which measurement a configuration belongs to. */
export type Scenario = 'interval-10000' | 'interval-8' | 'every-second' | 'tomorrow' | 'dispatch';

/** One configuration: a case script, its arguments, and where its figures go. */
export interface Configuration {
  scenario: Scenario;
  /** The library measured, or null for the harness alone. */
  library: Library | null;
  /** The compiled case script, relative to dist/bench. */
  script: string;
  args: string[];
}

/** Every configuration one run measures, each in its own fresh process. */
export function plan(settings: BenchSettings): Configuration[] {
  const seconds = String(settings.seconds);
  const idle = String(settings.idleSeconds);
  const cron = (
    scenario: Scenario,
    library: Library | null,
    name: string,
    schedule: string,
    window: string,
  ): Configuration => ({
    scenario,
    library,
    script: 'cron-case.js',
    args: [name, schedule, window],
  });
  return [
    {
      scenario: 'interval-10000',
      library: 'Taskdeck',
      script: 'interval-case.js',
      args: ['taskdeck', seconds, '10000'],
    },
    {
      scenario: 'interval-8',
      library: 'Taskdeck',
      script: 'interval-case.js',
      args: ['taskdeck', seconds, '8'],
    },
    {
      scenario: 'interval-10000',
      library: 'toad-scheduler',
      script: 'interval-case.js',
      args: ['toad-scheduler', seconds],
    },
    cron('every-second', 'Taskdeck', 'taskdeck', 'every-second', seconds),
    cron('every-second', 'croner', 'croner', 'every-second', seconds),
    cron('every-second', 'node-cron', 'node-cron', 'every-second', seconds),
    cron('tomorrow', 'Taskdeck', 'taskdeck', 'tomorrow', idle),
    cron('tomorrow', 'croner', 'croner', 'tomorrow', idle),
    cron('tomorrow', 'node-cron', 'node-cron', 'tomorrow', idle),
    cron('tomorrow', null, 'none', 'tomorrow', idle),
    {
      scenario: 'dispatch',
      library: 'Taskdeck',
      script: 'dispatch-case.js',
      args: [String(settings.dispatchExecutions), String(settings.dispatchBudgetSeconds)],
    },
  ];
}

/** A short name for progress lines and the per-run listing. */
export function describeConfiguration(configuration: Configuration): string {
  return `${configuration.scenario} ${configuration.library ?? 'harness alone'}`;
}
