// Builds everything `dist/` holds: the engine, adapters and hosts as plain ESM JavaScript that
// Node 20 and Electron's Node 24 both run, and the window.
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, rmSync } from 'node:fs';

const run = (command, args) => execFileSync(command, args, { stdio: 'inherit' });

rmSync('dist', { recursive: true, force: true });
run('npx', ['tsc', '-p', 'tsconfig.build.json']);
chmodSync('dist/electron/headless/cli.js', 0o755);
run('node', ['scripts/build-preload.mjs']);
if (existsSync('renderer/index.html')) run('npx', ['vite', 'build', '--logLevel', 'warn']);
