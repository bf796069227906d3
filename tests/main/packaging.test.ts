import { execFile } from 'node:child_process';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { extractFile, listPackage } from '@electron/asar';
import { validateConfiguration } from 'app-builder-lib/out/util/config/config.js';
import type { Configuration } from 'app-builder-lib';
import { DebugLogger } from 'builder-util';
import { load } from 'js-yaml';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeTempDir, removeDir } from './temp-dir.js';

const run = promisify(execFile);

async function config(): Promise<Configuration> {
  return load(await readFile('electron-builder.yml', 'utf8')) as Configuration;
}

describe('electron-builder.yml', () => {
  it('passes electron-builder’s own validation, which does reject a wrong key', async () => {
    const valid = await config();
    await expect(validateConfiguration(valid, new DebugLogger(false))).resolves.toBeUndefined();
    expect(valid).toMatchObject({
      appId: 'dev.taskdeck.app',
      productName: 'Taskdeck',
      asar: true,
      linux: { target: ['AppImage', 'deb'], category: 'Utility' },
      mac: { target: 'dmg' },
      win: { target: 'nsis' },
    });
    const typo = { ...(await config()), productname: 'Taskdeck' } as Configuration;
    await expect(validateConfiguration(typo, new DebugLogger(false))).rejects.toThrow(
      /unknown property 'productname'/,
    );
    const nested = {
      ...(await config()),
      linux: { ...valid.linux, categry: 'Utility' },
    } as Configuration;
    await expect(validateConfiguration(nested, new DebugLogger(false))).rejects.toThrow(
      /configuration\.linux/,
    );
  });
});

describe('a packaging dry run (Electron binary unavailable: stand-in)', () => {
  let work: string;
  let files: string[];
  beforeAll(async () => {
    for (const built of [
      'dist/electron/main/main.js',
      'dist/electron/preload.cjs',
      'dist/renderer/index.html',
    ])
      if (!existsSync(built)) throw new Error(`${built} is missing: run npm run build first`);
    work = await makeTempDir('package');
    // electron-builder copies this folder as the Electron it packages; a stub stands in.
    const stub = join(work, 'electron-dist');
    await mkdir(stub);
    await writeFile(join(stub, 'electron'), '#!/bin/sh\nexit 0\n');
    await chmod(join(stub, 'electron'), 0o755);
    await run(
      'npx',
      [
        'electron-builder',
        '--linux',
        'dir',
        `-c.electronDist=${stub}`,
        `-c.directories.output=${join(work, 'out')}`,
      ],
      { env: { ...process.env, CI: 'true' }, maxBuffer: 16 * 1024 * 1024 },
    );
    files = listPackage(join(work, 'out/linux-unpacked/resources/app.asar'), { isPack: false }).map(
      (f) => f.replaceAll('\\', '/'),
    );
  }, 120_000);
  afterAll(async () => {
    await removeDir(work);
  });

  it('packs the main process, the preload, the window and the icons', () => {
    for (const file of [
      '/package.json',
      '/dist/electron/main/main.js',
      '/dist/electron/preload.cjs',
      '/dist/electron/headless/open-taskdeck.js',
      '/dist/shared/api.js',
      '/dist/renderer/index.html',
      '/assets/icon.png',
      '/assets/tray/tray-idle.png',
      '/assets/tray/tray-failed@2x.png',
      '/assets/tray/tray-pausedTemplate@2x.png',
    ])
      expect(files, file).toContain(file);
    expect(existsSync(join(work, 'out/linux-unpacked/taskdeck'))).toBe(true);
  });

  it('packs no sources, tests, maps or declarations', () => {
    const own = files.filter((f) => !f.startsWith('/node_modules/'));
    const stray = own.filter(
      (f) =>
        /\.(ts|tsx|map|mts|cts)$/.test(f) ||
        /^\/(electron|renderer|shared|tests|e2e|bench|scripts|security|assets\/src)(\/|$)/.test(
          f,
        ) ||
        f.startsWith('/dist/bench') ||
        f.includes('.test.'),
    );
    expect(stray).toEqual([]);
  });

  it('packs production dependencies only', async () => {
    const manifest = JSON.parse(await readFile('package.json', 'utf8')) as {
      dependencies: Record<string, string>;
      devDependencies: Record<string, string>;
    };
    for (const name of [
      'zod',
      'cron-parser',
      'electron-store',
      'conf',
      'ws',
      'pidusage',
      'tree-kill',
    ])
      expect(files, name).toContain(`/node_modules/${name}/package.json`);
    const devOnly = Object.keys(manifest.devDependencies).filter(
      (name) => !(name in manifest.dependencies),
    );
    const packed = devOnly.filter((name) => files.includes(`/node_modules/${name}/package.json`));
    expect(packed).toEqual([]);
    const packaged = JSON.parse(
      extractFile(join(work, 'out/linux-unpacked/resources/app.asar'), 'package.json').toString(
        'utf8',
      ),
    ) as { main: string; type: string };
    expect(packaged).toMatchObject({ main: 'dist/electron/main/main.js', type: 'module' });
  });
});
