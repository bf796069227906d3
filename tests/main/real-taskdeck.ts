import Conf from 'conf';
import { NodeSystemSignals } from '../../electron/adapters/system/node-system-signals.js';
import { openTaskdeck, type OpenTaskdeck } from '../../electron/headless/open-taskdeck.js';
import { makeTempDir, removeDir } from './temp-dir.js';

/** A real Taskdeck (stores, processes, service) on a fresh data folder, without examples. */
export interface RealTaskdeck extends OpenTaskdeck {
  dataDir: string;
  /** Stops it and removes its folder. */
  dispose(): Promise<void>;
}

/** Opens the same composition the app and headless use, with conf as the store class. */
export async function openRealTaskdeck(label: string): Promise<RealTaskdeck> {
  const dataDir = await makeTempDir(label);
  const opened = await openTaskdeck({
    dataDir,
    Store: Conf,
    signals: new NodeSystemSignals(),
    examples: false,
  });
  return {
    ...opened,
    dataDir,
    dispose: async () => {
      await opened.close();
      await removeDir(dataDir);
    },
  };
}

/** A minimal valid task document that runs `command`. */
export function commandTask(name: string, command: string) {
  return {
    name,
    triggers: [{ type: 'event' as const, event: 'manual' as const }],
    action: { type: 'command' as const, command },
  };
}
