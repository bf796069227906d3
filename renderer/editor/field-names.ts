/**
 * What the editor calls each field of the task document, by the start of its key, for the
 * "To save, fix…" line; more specific keys come before the keys they start with.
 */
const FIELD_NAMES: [string, string][] = [
  ['name', 'Name'],
  ['description', 'Description'],
  ['enabled', 'Enabled'],
  ['action.command', 'Command'],
  ['action.argv', 'Program and arguments'],
  ['action.cwd', 'Working folder'],
  ['action.env', 'Environment'],
  ['action', 'Command'],
  ['triggers', 'Triggers'],
  ['priority', 'Priority'],
  ['tags', 'Tags'],
  ['retry', 'Retries'],
  ['timeoutMs', 'Time limit'],
  ['limits', 'Memory limit'],
  ['overlap', 'When runs overlap'],
  ['maxParallel', 'Parallel runs'],
  ['missedRuns', 'Missed runs'],
  ['dst', 'Daylight saving'],
  ['conditions', 'Conditions'],
  ['notify', 'Desktop notification'],
  ['keepHistory', 'History kept'],
];

/** The editor's name for the field at a document key (`triggers.0.at` is "Trigger 1"). */
export function fieldName(key: string): string {
  const trigger = /^triggers\.(\d+)/.exec(key);
  if (trigger?.[1] !== undefined) return `Trigger ${Number(trigger[1]) + 1}`;
  return FIELD_NAMES.find(([prefix]) => key === prefix || key.startsWith(`${prefix}.`))?.[1] ?? key;
}
