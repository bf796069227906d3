import { startHost, type HostOptions } from './host.js';
import { isWildcardHost } from './listen-address.js';

/**
 * `taskdeck serve`: starts the host, prints exactly one line on stdout once it listens (logs go
 * to stderr), and resolves after a graceful stop on SIGINT or SIGTERM. Signals that come while
 * it stops are ignored: a second Ctrl-C must not kill it half-way, leaving the lock,
 * `endpoint.json` and unrecorded runs behind. A stop that fails rejects with one line.
 */
export async function serve(options: HostOptions): Promise<void> {
  const host = await startHost(options);
  process.stdout.write(
    `Taskdeck listening on ${host.url}/?token=${encodeURIComponent(host.token)}\n`,
  );
  if (isWildcardHost(options.host)) {
    console.error(
      `Taskdeck: accepting connections on every interface (port ${host.port}); other machines need the token`,
    );
  }
  const stopped = new Promise<void>((resolve, reject) => {
    let stopping = false;
    const onSignal = (signal: NodeJS.Signals) => {
      // Ignored, not logged: conf's atomic writes (when-exit) raise the first signal once more
      // after their own clean-up, so a repeat comes on every stop, not only from a person.
      if (stopping) return;
      stopping = true;
      console.error(
        `Taskdeck: ${signal} received; stopping (running tasks get the grace period; further signals are ignored until then)`,
      );
      host.stop().then(resolve, reject);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
  });
  try {
    await stopped;
  } catch (error) {
    const why = error instanceof Error ? error.message : String(error);
    throw new Error(`Taskdeck could not stop cleanly: ${why.split('\n')[0] ?? ''}`, {
      cause: error,
    });
  }
}
