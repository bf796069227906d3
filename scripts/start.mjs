// `npm start`: builds, then launches the desktop app; where the Electron binary is missing (as on
// machines that cannot download it) it says so in one line and starts the headless host instead.
// `npm start -- --no-build` skips the build (dist/ is already current); other flags go to the
// app or to `taskdeck serve`.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

const args = process.argv.slice(2);
if (!args.includes('--no-build'))
  execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });
const passThrough = args.filter((arg) => arg !== '--no-build');

function electronBinary() {
  try {
    const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
    const pathFile = join(packageDir, 'path.txt');
    if (!existsSync(pathFile)) return null;
    const binary = join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim());
    return existsSync(binary) ? binary : null;
  } catch {
    return null;
  }
}

// The child gets its own process group (POSIX), so a terminal's Ctrl-C reaches it only through
// us: exactly once, however many times npm and the terminal tell us. (On Windows a detached
// child would open a console of its own.)
const options = { stdio: 'inherit', detached: process.platform !== 'win32' };
const binary = electronBinary();
const child =
  binary !== null && existsSync('dist/electron/main/main.js')
    ? spawn(binary, ['.', ...passThrough], options)
    : (console.log(
        'Electron is not installed here (no binary was downloaded); starting the headless host instead.',
      ),
      spawn(process.execPath, ['dist/electron/headless/cli.js', 'serve', ...passThrough], options));

let forwarded = false;
// A closed terminal (SIGHUP) stops Taskdeck gracefully too: its own group would not get it.
for (const [signal, as] of [
  ['SIGINT', 'SIGINT'],
  ['SIGTERM', 'SIGTERM'],
  ['SIGHUP', 'SIGTERM'],
]) {
  process.on(signal, () => {
    if (forwarded) {
      console.error(`npm start: ${signal} again; Taskdeck is still stopping, please wait`);
      return;
    }
    forwarded = true;
    child.kill(as);
  });
}
child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
