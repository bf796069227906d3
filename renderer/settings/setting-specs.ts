import { settingsShape, type Settings } from '../../shared/schemas/settings.js';

type NumericKey = {
  [K in keyof Settings]: Settings[K] extends number ? K : never;
}[keyof Settings];
type ToggleKey = Exclude<keyof Settings, NumericKey>;

/** A numeric setting as the form shows it: in a friendly unit, with its bounds. */
export interface NumberSpec {
  kind: 'number';
  key: NumericKey;
  label: string;
  /** The unit shown after the field, e.g. "s". */
  unit: string;
  /** Stored value = shown value × scale (seconds shown for milliseconds stored: 1,000). */
  scale: number;
  /** Step of the shown value. */
  step: number;
  help: string;
}

/** An on/off setting. */
export interface ToggleSpec {
  kind: 'toggle';
  key: ToggleKey;
  label: string;
  help: string;
}

/** Every setting of API.md, in the order the settings screen shows them. */
export const SETTING_SPECS: readonly (NumberSpec | ToggleSpec)[] = [
  {
    kind: 'number',
    key: 'maxRunningTasks',
    label: 'Tasks running at once',
    unit: 'tasks',
    scale: 1,
    step: 1,
    help: 'More fired tasks wait in the queue, highest priority first.',
  },
  {
    kind: 'number',
    key: 'sampleIntervalMs',
    label: 'Resource sampling interval',
    unit: 's',
    scale: 1_000,
    step: 0.25,
    help: 'How often the CPU and memory of running tasks are read. Shorter is finer but costs more.',
  },
  {
    kind: 'number',
    key: 'outputTailBytes',
    label: 'Output kept per run',
    unit: 'KB',
    scale: 1_024,
    step: 1,
    help: 'The end of each run’s output that is kept; earlier output is dropped.',
  },
  {
    kind: 'number',
    key: 'killGraceMs',
    label: 'Grace period before a forced stop',
    unit: 's',
    scale: 1_000,
    step: 0.5,
    help: 'When a run is cancelled or times out, it gets this long to exit before it is killed.',
  },
  {
    kind: 'number',
    key: 'historyMaxAgeDays',
    label: 'Keep run history for',
    unit: 'days',
    scale: 1,
    step: 1,
    help: 'Older runs are removed, in addition to each task’s own limit on runs kept.',
  },
  {
    kind: 'toggle',
    key: 'notifications',
    label: 'Desktop notifications',
    help: 'Notify when a task fails (or always, as each task chooses). Desktop app only.',
  },
  {
    kind: 'toggle',
    key: 'closeToTray',
    label: 'Keep running in the tray when the window closes',
    help: 'Tasks run only while Taskdeck runs. Desktop app only.',
  },
  {
    kind: 'toggle',
    key: 'launchAtLogin',
    label: 'Start Taskdeck when you log in',
    help: 'So schedules fire without opening Taskdeck first. Desktop app only.',
  },
];

/** A numeric setting's bounds and default as stored, from the shared schema itself. */
export function boundsOf(key: NumericKey): { min: number; max: number; fallback: number } {
  const schema = settingsShape[key];
  const number = schema.unwrap();
  return {
    min: number.minValue ?? 0,
    max: number.maxValue ?? Number.MAX_SAFE_INTEGER,
    fallback: schema.parse(undefined),
  };
}

/** A stored value in the shown unit, without float noise (0.25, not 0.25000000000000006). */
export function toShown(spec: NumberSpec, stored: number): number {
  return Number((stored / spec.scale).toFixed(4));
}

/** A shown value as stored (whole units of the schema). */
export function toStored(spec: NumberSpec, shown: number): number {
  return Math.round(shown * spec.scale);
}

const shownText = (spec: NumberSpec, stored: number) => toShown(spec, stored).toLocaleString();

/** "1 to 64 tasks" — a setting's range in its shown unit. */
export function describeRange(spec: NumberSpec): string {
  const { min, max } = boundsOf(spec.key);
  return `${shownText(spec, min)} to ${shownText(spec, max)} ${spec.unit}`;
}

/** "1 to 64 tasks, default 4" — a setting's bounds and default in its shown unit. */
export function describeBounds(spec: NumberSpec): string {
  return `${describeRange(spec)}, default ${shownText(spec, boundsOf(spec.key).fallback)}`;
}

/** A shown value checked against the setting's bounds; the stored value, or why not. */
export function checkNumber(
  spec: NumberSpec,
  text: string,
): { ok: true; stored: number } | { ok: false; message: string } {
  const shown = Number(text.trim());
  if (text.trim() === '' || !Number.isFinite(shown))
    return { ok: false, message: 'Enter a number' };
  const stored = toStored(spec, shown);
  const { min, max } = boundsOf(spec.key);
  if (stored < min || stored > max) return { ok: false, message: `Must be ${describeRange(spec)}` };
  if (spec.scale === 1 && !Number.isInteger(shown))
    return { ok: false, message: 'Must be a whole number' };
  return { ok: true, stored };
}
