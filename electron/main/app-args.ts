import { resolve } from 'node:path';

/** What the desktop app takes on its command line. */
export interface AppArgs {
  /** `--data-dir D`: another data folder (tests, a second profile); null for the default. */
  dataDir: string | null;
  /** `--no-examples`: no example tasks on the first start. */
  examples: boolean;
  /** `--hidden`: start in the tray without showing the window (launch at login). */
  hidden: boolean;
}

/**
 * Reads the app's own flags from `argv` (Electron's, so Chromium switches and the app path are
 * there too and are ignored). `--data-dir=D` and `--data-dir D` both work; a relative folder is
 * taken from `cwd`.
 */
export function parseAppArgs(argv: readonly string[], cwd: string = process.cwd()): AppArgs {
  const args: AppArgs = { dataDir: null, examples: true, hidden: false };
  for (let index = 0; index < argv.length; index++) {
    const arg = argv[index] ?? '';
    if (arg === '--no-examples') args.examples = false;
    else if (arg === '--hidden') args.hidden = true;
    else if (arg.startsWith('--data-dir=')) args.dataDir = arg.slice('--data-dir='.length);
    else if (arg === '--data-dir') {
      const next = argv[index + 1];
      if (next !== undefined && !next.startsWith('--')) {
        args.dataDir = next;
        index++;
      }
    }
  }
  if (args.dataDir !== null) args.dataDir = args.dataDir === '' ? null : resolve(cwd, args.dataDir);
  return args;
}
