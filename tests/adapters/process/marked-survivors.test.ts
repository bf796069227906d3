import { afterEach, describe, expect, it } from 'vitest';
import { ChildProcessRunner } from '../../../electron/adapters/process/child-process-runner.js';
import { reapMarked } from '../../../electron/adapters/process/marked-survivors.js';
import { childrenOf, forceKill, groupOf, isGone, waitUntil } from './proc-helpers.js';

const groups: number[] = [];
afterEach(() => {
  for (const pgid of groups.splice(0)) forceKill(-pgid);
});

const environment: Record<string, string> = {};
for (const [key, value] of Object.entries(process.env))
  if (value !== undefined) environment[key] = value;

/** Starts a command through the real runner with a data-folder marker, then "crashes" (forgets it). */
async function leftRunning(
  folder: string,
  command: string,
  executionId: string = crypto.randomUUID(),
): Promise<number> {
  const runner = new ChildProcessRunner({ environment, markers: { TASKDECK_DATA_DIR: folder } });
  const started = runner.start({
    executionId,
    action: { type: 'command', command },
    outputTailBytes: 1_024,
    killGraceMs: 1_000,
    onOutput: () => undefined,
  });
  const pid = started.pid ?? -1;
  groups.push(pid);
  // Its shell and both sleeps, however many shells stand between them; slow under a loaded CI.
  await waitUntil(() => groupOf(pid).length >= 3, 'the command to start its children', 30_000);
  return pid;
}

const live = (pid: number) => childrenOf(pid).filter((child) => child.state !== 'Z');

describe.skipIf(process.platform !== 'linux')('reapMarked', () => {
  it('ends the processes of the executions it is told are survivors, on its folder only', async () => {
    const crashed = crypto.randomUUID();
    const ours = await leftRunning(
      '/tmp/taskdeck-folder-a',
      'sleep 100 & sleep 100 & wait',
      crashed,
    );
    const oursChildren = childrenOf(ours).map((child) => child.pid);
    // A run that ended left this in the background on purpose: it is not a survivor.
    const finished = crypto.randomUUID();
    const kept = await leftRunning(
      '/tmp/taskdeck-folder-a',
      'sleep 100 & sleep 100 & wait',
      finished,
    );
    const other = await leftRunning(
      '/tmp/taskdeck-folder-b',
      'sleep 100 & sleep 100 & wait',
      crashed,
    );
    const asked: (string | null)[] = [];

    const found = await reapMarked('TASKDECK_DATA_DIR', '/tmp/taskdeck-folder-a', 2_000, (id) => {
      asked.push(id);
      return id === crashed;
    });

    expect(found).toBe(3);
    // Once per execution, however many processes it has.
    expect(asked.sort()).toEqual([crashed, finished].sort());
    await waitUntil(
      () => isGone(ours) && oursChildren.every(isGone),
      'the left-over tree to be gone',
    );
    expect(isGone(kept)).toBe(false);
    expect(live(kept)).toHaveLength(2);
    // Another folder's work (another Taskdeck's) is not touched, whatever its execution id.
    expect(isGone(other)).toBe(false);
    expect(live(other)).toHaveLength(2);
  });

  it('asks about a marked process without an execution id as null', async () => {
    const pid = await leftRunning(
      '/tmp/taskdeck-folder-c',
      'env -u TASKDECK_EXECUTION_ID sh -c "sleep 100 & sleep 100 & wait"',
    );
    const asked = new Set<string | null>();
    await reapMarked('TASKDECK_DATA_DIR', '/tmp/taskdeck-folder-c', 2_000, (id) => {
      asked.add(id);
      return false;
    });
    expect(asked.has(null)).toBe(true);
    expect(isGone(pid)).toBe(false);
  });

  it('the runner sets the execution id on every command, and the task cannot override markers', async () => {
    const runner = new ChildProcessRunner({ environment, markers: { TASKDECK_DATA_DIR: '/data' } });
    const chunks: string[] = [];
    const started = runner.start({
      executionId: '6a1c8e2b-0000-4000-8000-000000000001',
      action: {
        type: 'command',
        command: 'echo "$TASKDECK_EXECUTION_ID $TASKDECK_DATA_DIR"',
        env: { TASKDECK_DATA_DIR: '/elsewhere' },
      },
      outputTailBytes: 1_024,
      killGraceMs: 1_000,
      onOutput: (output) => chunks.push(...output.map((chunk) => chunk.text)),
    });
    await started.done;
    expect(chunks.join('')).toBe('6a1c8e2b-0000-4000-8000-000000000001 /data\n');
  });
});
