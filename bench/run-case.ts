/**
 * Runs a case script's main function, then exits: 0 once it has printed its result, 1 (with the
 * error on stderr) when it threw. Exiting is explicit because the libraries' timers would keep
 * the process alive.
 */
export function runCase(main: () => Promise<void>): void {
  main().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
