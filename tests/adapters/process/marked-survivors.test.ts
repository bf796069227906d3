import { afterEach, describe, expect, it } from 'vitest';
import { ChildProcessRunner } from '../../../electron/adapters/process/child-process-runner.js';
import { reapMarked } from '../../../electron/adapters/process/marked-survivors.js';
import { childrenOf, forceKill, isGone, waitUntil } from './proc-helpers.js';

const groups: number[] = [];
afterEach(() => {
  for (const pgid of groups.splice(0)) forceKill(-pgid);
});

const environment: Record<string, string> = {};
for (const [key, value] of Object.entries(process.env))
  if (value !== undefined) environment[key] = value;

/** Starts a command through the real runner with a data-folder marker, then "crashes" (forgets it). */
async function leftRunning(folder: string, command: string): Promise<number> {
  const runner = new ChildProcessRunner({ environment, markers: { TASKDECK_DATA_DIR: folder } });
  const started = runner.start({
    executionId: crypto.randomUUID(),
    action: { type: 'command', command },
    outputTailBytes: 1_024,
    killGraceMs: 1_000,
    onOutput: () => undefined,
  });
  const pid = started.pid ?? -1;
  groups.push(pid);
  await waitUntil(() => childrenOf(pid).length >= 2, 'the command to start its children');
  return pid;
}

describe.skipIf(process.platform !== 'linux')('reapMarked', () => {
  it('ends everything a crashed Taskdeck left on its folder, whether or not its start was recorded', async () => {
    const ours = await leftRunning('/tmp/taskdeck-folder-a', 'sleep 100 & sleep 100 & wait');
    const other = await leftRunning('/tmp/taskdeck-folder-b', 'sleep 100 & sleep 100 & wait');
    const oursChildren = childrenOf(ours).map((child) => child.pid);
    const found = await reapMarked('TASKDECK_DATA_DIR', '/tmp/taskdeck-folder-a', 2_000);
    expect(found).toBe(3);
    await waitUntil(
      () => isGone(ours) && oursChildren.every(isGone),
      'the left-over tree to be gone',
    );
    // Another folder's work (another Taskdeck's) is not touched.
    expect(isGone(other)).toBe(false);
    expect(childrenOf(other).filter((child) => child.state !== 'Z')).toHaveLength(2);
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
