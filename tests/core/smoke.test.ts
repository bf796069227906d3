import { describe, expect, it } from 'vitest';
import { createScheduler, FakeClock } from '../../electron/core/index.js';

describe('smoke', () => {
  it('runs interval function tasks on the fake clock', async () => {
    const clock = new FakeClock('2026-01-01T00:00:00Z');
    const s = createScheduler({ maxRunningTasks: 2, clock });
    const runs: number[] = [];
    s.addTask({
      name: 'a',
      triggers: [{ type: 'interval', everyMs: 1000 }],
      action: {
        type: 'function',
        run: (ctx) => {
          runs.push(ctx.scheduledAt);
        },
      },
    });
    await s.start();
    for (let i = 0; i < 5; i++) {
      clock.advance(1000);
      await new Promise((r) => setImmediate(r));
    }
    expect(runs.map((t) => t - Date.parse('2026-01-01T00:00:00Z'))).toEqual([
      1000, 2000, 3000, 4000, 5000,
    ]);
    await s.stop();
  });
});
