import { fileURLToPath } from 'node:url';
import Conf from 'conf';
import { NodeSystemSignals } from '../adapters/system/node-system-signals.js';
import type { TaskdeckService } from '../core/service/taskdeck-service.js';
import { acquireFolderLock } from './instance-lock.js';
import { openTaskdeck } from './open-taskdeck.js';
import { startEndpoint } from './rpc-endpoint.js';

/** What a host is started with (the `serve` flags). */
export interface HostOptions {
  dataDir: string;
  host: string;
  port: number;
  token?: string;
  examples: boolean;
  allowRemote: boolean;
  /** The built window; defaults to dist/renderer next to this file's build. */
  rendererDir?: string;
}

/** A running headless host. */
export interface RunningHost {
  url: string;
  token: string;
  port: number;
  service: TaskdeckService;
  /** Stops firing, gives running work the kill grace period, records what was interrupted. */
  stop(): Promise<void>;
}

/** The headless composition root: the folder lock, Taskdeck itself, and its endpoint. */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const releaseLock = acquireFolderLock(options.dataDir, 'headless');
  let opened: Awaited<ReturnType<typeof openTaskdeck>> | null = null;
  try {
    opened = await openTaskdeck({
      dataDir: options.dataDir,
      Store: Conf,
      signals: new NodeSystemSignals(),
      examples: options.examples,
    });
    const endpoint = await startEndpoint(opened.service, {
      ...options,
      rendererDir:
        options.rendererDir ?? fileURLToPath(new URL('../../renderer/', import.meta.url)),
    });
    const open = opened;
    let stopping: Promise<void> | null = null;
    return {
      url: endpoint.url,
      token: endpoint.token,
      port: endpoint.port,
      service: open.service,
      stop: () =>
        (stopping ??= (async () => {
          await endpoint.close();
          await open.close();
          releaseLock();
        })()),
    };
  } catch (error) {
    await opened?.close();
    releaseLock();
    throw error;
  }
}
