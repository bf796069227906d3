// `npm start`: builds, then launches the desktop app; where the Electron binary is missing (as on
// machines that cannot download it) it says so in one line and starts the headless host instead.
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

execFileSync('npm', ['run', '--silent', 'build'], { stdio: 'inherit' });

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

const binary = electronBinary();
const passThrough = process.argv.slice(2);
const child =
  binary !== null && existsSync('dist/electron/main/main.js')
    ? spawn(binary, ['.', ...passThrough], { stdio: 'inherit' })
    : (console.log(
        'Electron is not installed here (no binary was downloaded); starting the headless host instead.',
      ),
      spawn(process.execPath, ['dist/electron/headless/cli.js', 'serve', ...passThrough], {
        stdio: 'inherit',
      }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal === null ? 0 : 1)));
