const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'medium' });
const dayMonth = new Intl.DateTimeFormat(undefined, { day: 'numeric', month: 'short' });

/** A moment as people read it in their locale, e.g. "Mar 3, 2026, 9:00:00 AM". */
export function formatDateTime(ms: number): string {
  return dateTime.format(ms);
}

/** A moment in a given IANA zone, e.g. "Tue, Mar 3, 09:00". */
export function formatInZone(ms: number, timeZone: string): string {
  return new Intl.DateTimeFormat(undefined, {
    timeZone,
    weekday: 'short',
    month: 'short',
    day: 'numeric',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).format(ms);
}

/**
 * How far `target` is from `now` in short words: "in 5 min", "3 h ago", "now"; a week or more
 * away gives the date ("on Mar 3").
 */
export function formatRelative(target: number, now: number): string {
  const diff = target - now;
  const abs = Math.abs(diff);
  if (abs < SECOND) return 'now';
  if (abs >= 7 * DAY) return `on ${dayMonth.format(target)}`;
  const [value, unit] =
    abs < MINUTE
      ? [Math.floor(abs / SECOND), 's']
      : abs < HOUR
        ? [Math.floor(abs / MINUTE), 'min']
        : abs < DAY
          ? [Math.floor(abs / HOUR), 'h']
          : [Math.floor(abs / DAY), 'd'];
  return diff > 0 ? `in ${value} ${unit}` : `${value} ${unit} ago`;
}
