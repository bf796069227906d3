/**
 * Wall-clock arithmetic in IANA zones, on top of Intl. A "wall" time is the local date and time
 * in the zone written as if it were UTC milliseconds, so ordinary arithmetic works on it.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let format = formatters.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(zone, format);
  }
  return format;
}

/** The wall time in `zone` at `instant` (whole seconds; milliseconds carried over). */
export function wallTime(instant: number, zone: string): number {
  if (zone === 'UTC') return instant;
  const parts = formatter(zone).formatToParts(instant);
  let year = 0;
  let month = 1;
  let day = 1;
  let hour = 0;
  let minute = 0;
  let second = 0;
  for (const part of parts) {
    switch (part.type) {
      case 'year':
        year = Number(part.value);
        break;
      case 'month':
        month = Number(part.value);
        break;
      case 'day':
        day = Number(part.value);
        break;
      case 'hour':
        hour = Number(part.value);
        break;
      case 'minute':
        minute = Number(part.value);
        break;
      case 'second':
        second = Number(part.value);
        break;
      default:
        break;
    }
  }
  const wall = Date.UTC(year, month - 1, day, hour, minute, second);
  return wall + (((instant % 1000) + 1000) % 1000);
}

/** The zone's UTC offset at `instant`, in ms (wall = instant + offset). */
export function utcOffset(instant: number, zone: string): number {
  const whole = instant - (((instant % 1000) + 1000) % 1000);
  return wallTime(whole, zone) - whole;
}

/** How long before and after a wall time to look for the offsets around a transition. */
const BRACKET_MS = 36 * 3_600_000;

/**
 * The instants at which the wall clock in `zone` shows `wall`: one normally, none inside a
 * spring-forward gap, two inside a fall-back overlap (ascending). `offsetBefore` is the offset in
 * force before any transition near `wall`, which is what shifting a gap time needs.
 */
export function instantsAtWall(
  wall: number,
  zone: string,
): { instants: number[]; offsetBefore: number } {
  if (zone === 'UTC') return { instants: [wall], offsetBefore: 0 };
  const before = utcOffset(wall - BRACKET_MS, zone);
  const after = utcOffset(wall + BRACKET_MS, zone);
  const instants: number[] = [];
  for (const offset of before === after ? [before] : [before, after]) {
    const instant = wall - offset;
    if (utcOffset(instant, zone) === offset) instants.push(instant);
  }
  if (instants.length === 0 && before === after) {
    // Two transitions within three days (rare, e.g. politics): fall back to a direct search.
    const guess = wall - utcOffset(wall, zone);
    const offset = utcOffset(guess, zone);
    if (wallTime(wall - offset, zone) === wall) instants.push(wall - offset);
  }
  instants.sort((a, b) => a - b);
  return { instants, offsetBefore: before };
}
