import Conf from 'conf';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { JsonlHistoryStore } from '../../electron/adapters/history/jsonl-history-store.js';
import { ConfTaskStore } from '../../electron/adapters/stores/conf-task-store.js';
import { DEFAULT_SETTINGS } from '../../shared/schemas/settings.js';
import { DAY_MS, run, traceEntry } from '../adapters/history/records.js';
import { makeTask } from '../adapters/stores/task-data.js';
import { eventually } from '../support/eventually.js';
import { openService, removeDir, type ServiceFixture } from './service-fixture.js';

let fixture: ServiceFixture | null = null;
let dir = '';
afterEach(async () => {
  await fixture?.close();
  fixture = null;
  removeDir(dir);
});

describe('housekeeping', () => {
  it("runs through the engine at start and keeps exactly each task's newest keepHistory runs within historyMaxAgeDays", async () => {
    dir = mkdtempSync(join(tmpdir(), 'taskdeck-housekeeping-'));
    const now = Date.now();
    const few = makeTask('keeps three', { keepHistory: 3 });
    const many = makeTask('keeps the default');
    const tasks = new ConfTaskStore({ Store: Conf, cwd: dir });
    await tasks.load();
    await tasks.save({
      tasks: [few, many],
      settings: { ...DEFAULT_SETTINGS, historyMaxAgeDays: 30 },
    });
    // A run `daysAgo` days before now, `i` seconds apart from its neighbours.
    const at = (daysAgo: number, i = 0) => now - daysAgo * DAY_MS + i * 1_000;
    const ofFew = Array.from({ length: 6 }, (_, i) => run(few.id, at(1, i)));
    const ofMany = [
      run(many.id, at(45)),
      run(many.id, at(31)),
      run(many.id, at(29)),
      run(many.id, at(2)),
    ];
    // Small segments: retention rewrites sealed ones as well as the newest.
    const seed = new JsonlHistoryStore({ dir, segmentBytes: 2 * 1024 });
    await seed.open();
    for (const record of [...ofMany.slice(0, 2), ...ofFew, ...ofMany.slice(2)]) {
      seed.recordEnd(record);
    }
    seed.recordTrace(traceEntry(few.id, at(40)));
    seed.recordTrace(traceEntry(few.id, at(1)));
    await seed.close();
    const seeded = ofFew.length + ofMany.length;

    fixture = await openService(dir);
    const { service } = fixture;
    // Its only trigger that fires now is app.start: wait for the history to shrink.
    const left = await eventually(async () => {
      const page = await service.invoke('executions.list', { limit: 100 });
      return page.items.length < seeded ? page.items : undefined;
    }, 10_000);

    const ids = (records: readonly { id: string }[]) => records.map((r) => r.id);
    const expected = [...ofFew.slice(-3), ofMany[2]!, ofMany[3]!].sort(
      (a, b) => (b.endedAt ?? 0) - (a.endedAt ?? 0),
    );
    expect(left.map((e) => e.id).sort()).toEqual(ids(expected).sort());
    expect(
      ids((await service.invoke('executions.list', { taskId: few.id, limit: 10 })).items),
    ).toEqual(ids(ofFew.slice(-3).reverse()));
    expect(
      ids((await service.invoke('executions.list', { taskId: many.id, limit: 10 })).items),
    ).toEqual(ids([ofMany[3]!, ofMany[2]!]));
    const trace = await service.invoke('tasks.trace', { id: few.id, limit: 10 });
    expect(trace.map((entry) => Date.parse(entry.t))).toEqual([at(1)]);
    await expect(service.invoke('executions.get', { id: ofMany[0]!.id })).rejects.toThrow(
      /No execution/,
    );
    // Taskdeck's own work is not the person's: no task and no execution of it shows.
    expect((await service.invoke('tasks.list', {})).map((task) => task.id).sort()).toEqual(
      [few.id, many.id].sort(),
    );
  });
});
