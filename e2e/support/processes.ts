import { execFileSync } from 'node:child_process';

/**
 * Live processes (zombies excluded: nothing can run in them) whose command line contains
 * `marker`, from the OS process table.
 */
export function processesMatching(marker: string): string[] {
  const table = execFileSync('ps', ['-eo', 'stat=,args='], { encoding: 'utf8' });
  return table
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.includes(marker) && !line.startsWith('Z') && !line.includes('ps -eo'));
}
