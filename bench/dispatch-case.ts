import { createScheduler, FakeClock } from 'taskdeck/core';
import { intArg } from './case-args.js';
import { printResult } from './case-result.js';
import { watchOthersCpu } from './machine-load.js';
import { runCase } from './run-case.js';

// Case 5: the ready queue. A batch of no-op function executions with mixed priorities fires
// while all tasks are paused (so the whole batch waits in the queue at one instant), then
// resuming dispatches it through 8 slots; every start is checked against the promised order.
// Usage: dispatch-case.js <executions> <budget seconds>

const SLOTS = 8;
/** The batch fires over this many consecutive milliseconds, so fire time orders too. */
const FIRE_TIMES = 16;
const FIRST_FIRE = Date.parse('2026-01-05T00:00:00Z');
const HOUR_MS = 3_600_000;

/** A small seeded generator (mulberry32), so every run queues the same batch. */
function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/**
 * Throws unless `order` starts with the batch sorted by priority (high first), then fire time,
 * then arrival — which, for one fire time, is the order the tasks were added in.
 */
function checkOrder(
  order: Int32Array,
  count: number,
  priority: Int8Array,
  fireAt: Int32Array,
): void {
  const expected = Int32Array.from({ length: priority.length }, (_, index) => index).sort(
    (a, b) =>
      (priority[b] as number) - (priority[a] as number) ||
      (fireAt[a] as number) - (fireAt[b] as number) ||
      a - b,
  );
  const describe = (index: number): string =>
    `task #${index} (priority ${priority[index] ?? '?'}, fire +${fireAt[index] ?? '?'} ms)`;
  for (let position = 0; position < count; position++) {
    const got = order[position] as number;
    const want = expected[position] as number;
    if (got !== want) {
      throw new Error(
        `Dispatch order is wrong at start ${position + 1}: ${describe(got)} started where ${describe(want)} was due`,
      );
    }
  }
}

runCase(async () => {
  const executions = intArg(0, 'executions');
  const budgetMs = intArg(1, 'budget seconds') * 1_000;
  const clock = new FakeClock(FIRST_FIRE - 60_000);
  const scheduler = createScheduler({ maxRunningTasks: SLOTS, clock });
  const random = seededRandom(20_261_123);
  const priority = new Int8Array(executions);
  const fireAt = new Int32Array(executions);
  const order = new Int32Array(executions);
  let started = 0;
  let submitMs = 0;
  let resumedAt = Infinity;
  let othersCpu: () => number | null = () => null;

  const report = (complete: boolean): void => {
    const dispatchMs = performance.now() - resumedAt;
    checkOrder(order, started, priority, fireAt);
    printResult({
      kind: 'dispatch',
      executions,
      started,
      complete,
      submitMs,
      dispatchMs,
      orderChecked: started,
      othersCpuMs: othersCpu(),
    });
  };

  for (let index = 0; index < executions; index++) {
    priority[index] = Math.floor(random() * 201) - 100;
    fireAt[index] = Math.floor(random() * FIRE_TIMES);
    scheduler.addTask({
      name: `job ${index}`,
      priority: priority[index],
      triggers: [
        {
          type: 'interval',
          everyMs: HOUR_MS,
          startAt: new Date(FIRST_FIRE + (fireAt[index] as number)).toISOString(),
        },
      ],
      action: {
        type: 'function',
        run: () => {
          order[started++] = index;
          if (performance.now() - resumedAt > budgetMs) {
            // The engine is mid-dispatch and cannot be interrupted: report the prefix and leave.
            report(false);
            process.exit(0);
          }
        },
      },
    });
  }
  await scheduler.start();
  scheduler.pause();
  const submitFrom = performance.now();
  clock.advanceTo(FIRST_FIRE + FIRE_TIMES);
  submitMs = performance.now() - submitFrom;
  const queued = scheduler.engine.status().queued;
  if (queued !== executions) {
    throw new Error(`Expected ${executions} queued executions, found ${queued}`);
  }

  othersCpu = watchOthersCpu();
  resumedAt = performance.now();
  scheduler.resume();
  // Each no-op settles in a microtask that starts the next one: a macrotask runs after all.
  await new Promise((resolve) => setImmediate(resolve));
  if (started !== executions) {
    throw new Error(`Only ${started} of ${executions} executions started`);
  }
  report(true);
});
