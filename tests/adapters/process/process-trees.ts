import { spawn } from 'node:child_process';
import { afterEach } from 'vitest';
import { childrenOf, forceKill, waitUntil } from './proc-helpers.js';

const groups: number[] = [];
afterEach(() => {
  for (const pgid of groups.splice(0)) forceKill(-pgid);
});

/**
 * Starts `sh -c script` in its own process group, as the runner starts an execution, and waits
 * for it to have `children` children. Every group started is SIGKILLed after each test.
 */
export async function spawnTree(
  script: string,
  children: number,
): Promise<{ root: number; kids: number[] }> {
  const child = spawn('/bin/sh', ['-c', script], { detached: true, stdio: 'ignore' });
  const root = child.pid ?? -1;
  groups.push(root);
  let kids: number[] = [];
  await waitUntil(() => {
    kids = childrenOf(root).map((kid) => kid.pid);
    return kids.length === children;
  }, `${children} children`);
  return { root, kids };
}
