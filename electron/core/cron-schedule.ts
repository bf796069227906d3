import { CronExpressionParser, type CronExpression } from 'cron-parser';
import type { DstPolicy } from '../../shared/schemas/task.js';
import { instantsAtWall, utcOffset } from './zoned-time.js';

const BRACKET_MS = 36 * 3_600_000;
const CACHE_LIMIT = 50_000;
/** More than this many candidate wall times without a fire means the policy skips them all. */
const MAX_SCAN = 10_000;

/**
 * Distinct expressions kept parsed (a few KB each). A host that has seen more (tasks edited over
 * months) starts the cache over rather than keep every expression it ever planned.
 */
const PARSED_LIMIT = 20_000;
const parsed = new Map<string, { expression: CronExpression; hourly: boolean }>();

/**
 * The parsed expression, parsed once per process (throws when it is not a cron expression): the
 * registration fast path checks expressions with it, so checking and planning parse once.
 */
export function parsedCron(expression: string): { expression: CronExpression; hourly: boolean } {
  let hit = parsed.get(expression);
  if (hit === undefined) {
    // Matching runs on wall times written as UTC, where no DST exists; zones are handled here.
    const cron = CronExpressionParser.parse(expression, { tz: 'UTC', currentDate: new Date(0) });
    hit = { expression: cron, hourly: cron.fields.hour.values.length === 24 };
    if (parsed.size >= PARSED_LIMIT) parsed.clear();
    parsed.set(expression, hit);
  }
  return hit;
}

function nextWall(cron: CronExpression, after: number): number | null {
  // cron-parser works in whole seconds; start from the second that contains `after`.
  cron.reset(new Date(after - (((after % 1000) + 1000) % 1000)));
  if (!cron.hasNext()) return null;
  return cron.next().getTime();
}

/**
 * The DST policy in force: the task's own, else shift gap times and run repeated times once —
 * except expressions whose hour field is `*`, which keep firing in real elapsed time (both
 * passes of a repeated hour), as people expect of "every N minutes".
 */
export function effectiveDst(expression: string, dst: DstPolicy | undefined): DstPolicy {
  if (dst !== undefined) return dst;
  return { gap: 'shift', overlap: parsedCron(expression).hourly ? 'both' : 'first' };
}

function maxOffset(zone: string, ...instants: number[]): number {
  return Math.max(...instants.map((instant) => utcOffset(instant, zone)));
}

function compute(expression: string, zone: string, after: number, dst: DstPolicy): number | null {
  const { expression: cron } = parsedCron(expression);
  // Start early enough to see wall times a transition near `after` repeats (fall-back ahead) or
  // shifts past it (a spring-forward gap just behind).
  const lowestOffset = Math.min(
    utcOffset(after - BRACKET_MS, zone),
    utcOffset(after, zone),
    utcOffset(after + BRACKET_MS, zone),
  );
  let wall: number | null = after + lowestOffset;
  let best: number | null = null;
  let highest = 0;
  for (let scanned = 0; scanned < MAX_SCAN; scanned++) {
    wall = nextWall(cron, wall);
    if (wall === null) break;
    const { instants, offsetBefore } = instantsAtWall(wall, zone);
    let candidates: number[];
    if (instants.length === 0) candidates = dst.gap === 'shift' ? [wall - offsetBefore] : [];
    else if (instants.length === 2 && dst.overlap === 'first') candidates = instants.slice(0, 1);
    else candidates = instants;
    for (const candidate of candidates) {
      if (candidate > after && (best === null || candidate < best)) {
        best = candidate;
        highest = maxOffset(zone, best - BRACKET_MS, best);
      }
    }
    // Every later wall time is at least a second later; past this point none can fire earlier.
    if (best !== null && wall + 1000 - highest >= best) break;
  }
  return best;
}

const cache = new Map<string, number | null>();

/**
 * The first instant strictly after `after` at which the cron expression fires in `zone`, under
 * the DST policy; null if it never fires again. Cached per (expression, zone, policy, after), so
 * ten thousand tasks on one expression cost one computation per fire.
 */
export function nextCronFire(
  expression: string,
  zone: string,
  after: number,
  dst: DstPolicy | undefined,
): number | null {
  // Cron fires on whole seconds, so the next fire after any moment of a second is the same:
  // keying by the second lets every task registered within it share one computation.
  const second = after - (((after % 1000) + 1000) % 1000);
  // Tasks on one expression fire together and ask the same question back to back: answer a
  // repeat without building a key at all.
  const last = lastAnswer;
  if (
    last !== null &&
    last.second === second &&
    last.expression === expression &&
    last.zone === zone &&
    last.dst === dst
  ) {
    return last.next;
  }
  const policy = effectiveDst(expression, dst);
  const key = `${expression}\u0000${zone}\u0000${policy.gap}${policy.overlap}\u0000${second}`;
  let next = cache.get(key);
  if (next === undefined) {
    next = compute(expression, zone, second, policy);
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, next);
  }
  lastAnswer = { expression, zone, dst, second, next };
  return next;
}

let lastAnswer: {
  expression: string;
  zone: string;
  dst: DstPolicy | undefined;
  second: number;
  next: number | null;
} | null = null;
