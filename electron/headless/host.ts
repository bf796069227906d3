import { fileURLToPath } from 'node:url';
import Conf from 'conf';
import { NodeSystemSignals } from '../adapters/system/node-system-signals.js';
import type { TaskdeckService } from '../core/service/taskdeck-service.js';
import { acquireFolderLock } from './instance-lock.js';
import { openTaskdeck, type OpenTaskdeck } from './open-taskdeck.js';
import { bindEndpoint, type BoundEndpoint } from './rpc-endpoint.js';

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

/**
 * The headless composition root: the folder lock, the port, Taskdeck itself, then the API on
 * the port. The port is bound before Taskdeck opens, so a busy port fails the start before any
 * job (a catch-up run, an `app.start` trigger) has run.
 */
export async function startHost(options: HostOptions): Promise<RunningHost> {
  const releaseLock = acquireFolderLock(options.dataDir, 'headless');
  let bound: BoundEndpoint | null = null;
  let opened: OpenTaskdeck | null = null;
  try {
    bound = await bindEndpoint({
      ...options,
      rendererDir:
        options.rendererDir ?? fileURLToPath(new URL('../../renderer/', import.meta.url)),
    });
    opened = await openTaskdeck({
      dataDir: options.dataDir,
      Store: Conf,
      signals: new NodeSystemSignals(),
      examples: options.examples,
    });
    const endpoint = bound.serve(opened.service);
    const open = opened;
    let stopping: Promise<void> | null = null;
    return {
      url: endpoint.url,
      token: endpoint.token,
      port: endpoint.port,
      service: open.service,
      stop: () =>
        (stopping ??= (async () => {
          try {
            await endpoint.close();
            await open.close();
          } finally {
            // Even when a store fails to close: a lock left behind would only name a dead pid,
            // but the next start should not have to say why it took over.
            releaseLock();
          }
        })()),
    };
  } catch (error) {
    try {
      await opened?.close();
      await bound?.close();
    } finally {
      releaseLock();
    }
    throw error;
  }
}
