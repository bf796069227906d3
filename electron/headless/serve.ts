import { startHost, type HostOptions } from './host.js';

/**
 * `taskdeck serve`: starts the host, prints exactly one line on stdout once it listens (logs go
 * to stderr), and exits 0 after a graceful stop on SIGINT or SIGTERM.
 */
export async function serve(options: HostOptions): Promise<void> {
  const host = await startHost(options);
  process.stdout.write(`Taskdeck listening on ${host.url}/?token=${host.token}\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      console.error(`Taskdeck: ${signal} received; stopping (running tasks get the grace period)`);
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      void host.stop().then(resolve);
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
