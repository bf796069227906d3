import { spawn } from 'node:child_process';
import { afterEach } from 'vitest';
import { childrenOf, forceKill, waitUntil } from './proc-helpers.js';

const groups: number[] = [];
afterEach(() => {
  for (const pgid of groups.splice(0)) forceKill(-pgid);
});

/**
 * Starts `sh -c script` in its own process group, as the runner starts an execution, and returns
 * its pid at once. Every group started is SIGKILLed after each test.
 */
export function spawnGroup(script: string): number {
  const child = spawn('/bin/sh', ['-c', script], { detached: true, stdio: 'ignore' });
  const root = child.pid ?? -1;
  groups.push(root);
  return root;
}

/** Starts a group (see spawnGroup) and waits for it to have `children` children. */
export async function spawnTree(
  script: string,
  children: number,
): Promise<{ root: number; kids: number[] }> {
  const root = spawnGroup(script);
  let kids: number[] = [];
  await waitUntil(() => {
    kids = childrenOf(root).map((kid) => kid.pid);
    return kids.length === children;
  }, `${children} children`);
  return { root, kids };
}
