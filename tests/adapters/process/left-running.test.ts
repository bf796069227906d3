import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import Conf from 'conf';
import { afterEach, describe, expect, it } from 'vitest';
import { NodeSystemSignals } from '../../../electron/adapters/system/node-system-signals.js';
import { DATA_DIR_VARIABLE, openTaskdeck } from '../../../electron/headless/open-taskdeck.js';
import { eventually } from '../../support/eventually.js';
import { forceKill, isGone } from './proc-helpers.js';

/** Live processes whose environment says they were started by the Taskdeck on `dataDir`. */
function startedOn(dataDir: string): number[] {
  const wanted = `${DATA_DIR_VARIABLE}=${resolve(dataDir)}`;
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .filter((pid) => {
      try {
        return readFileSync(`/proc/${pid}/environ`, 'latin1').split('\0').includes(wanted);
      } catch {
        return false;
      }
    })
    .filter((pid) => !isGone(pid));
}

let dataDir = '';
afterEach(async () => {
  for (const pid of startedOn(dataDir)) forceKill(pid);
  await rm(dataDir, { recursive: true, force: true });
});

describe.skipIf(process.platform !== 'linux')('what a finished run leaves running', () => {
  it('is still running after Taskdeck stops and starts again on the folder', async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'taskdeck-left-running-'));
    const open = () =>
      openTaskdeck({ dataDir, Store: Conf, signals: new NodeSystemSignals(), examples: false });
    const first = await open();
    const task = await first.service.invoke('tasks.create', {
      name: 'start a server',
      triggers: [{ type: 'event', event: 'manual' }],
      action: { type: 'command', command: 'nohup sleep 100 > /dev/null 2>&1 &' },
    });
    const { executionId } = await first.service.invoke('tasks.runNow', { id: task.id });
    await eventually(async () =>
      (await first.service.invoke('executions.get', { id: executionId })).status === 'succeeded'
        ? true
        : undefined,
    );
    const server = startedOn(dataDir);
    expect(server).toHaveLength(1);
    await first.close();

    const second = await open();
    try {
      expect(startedOn(dataDir)).toEqual(server);
    } finally {
      await second.close();
    }
  });
});
