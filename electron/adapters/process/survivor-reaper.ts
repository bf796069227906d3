import { readStartToken } from './start-token.js';
import { terminateTree } from './terminate-tree.js';

/** A recorded execution's process group and its leader's start token. */
export interface SurvivorEntry {
  pgid: number;
  startToken: string | null;
}

/** Whether the group's leader is still the process that was recorded (never a reused pid). */
function stillOurs(entry: SurvivorEntry, platform: NodeJS.Platform): boolean {
  if (entry.startToken === null) return false;
  return readStartToken(entry.pgid, platform) === entry.startToken;
}

/**
 * After a crash, ends the process groups of executions that were running: each group whose
 * leader still exists with the recorded start token (see readStartToken) gets SIGTERM, then
 * SIGKILL after `graceMs`. Entries without a token (Windows, so no proof of identity) are left
 * alone. Resolves with the entries it ended; never rejects.
 */
export async function reapSurvivors(
  entries: readonly SurvivorEntry[],
  graceMs: number,
  platform: NodeJS.Platform = process.platform,
): Promise<SurvivorEntry[]> {
  const survivors = entries.filter((entry) => stillOurs(entry, platform));
  await Promise.all(
    survivors.map((entry) =>
      terminateTree(
        { pid: entry.pgid, pgid: entry.pgid, startToken: entry.startToken },
        graceMs,
        platform,
      ),
    ),
  );
  return survivors;
}
