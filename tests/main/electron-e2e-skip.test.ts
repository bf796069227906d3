import { execFile } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { describe, expect, it } from 'vitest';

interface ReportTest {
  status: string;
  annotations: { type: string; description?: string }[];
}
interface ReportSuite {
  specs?: { title: string; tests: ReportTest[] }[];
  suites?: ReportSuite[];
}

function tests(suite: ReportSuite): { title: string; test: ReportTest }[] {
  return [
    ...(suite.specs ?? []).flatMap((spec) =>
      spec.tests.map((test) => ({ title: spec.title, test })),
    ),
    ...(suite.suites ?? []).flatMap(tests),
  ];
}

/** Whether `npm install` downloaded Electron here (as e2e/electron/app.spec.ts decides). */
function hasElectronBinary(): boolean {
  const packageDir = dirname(createRequire(import.meta.url).resolve('electron/package.json'));
  const pathFile = join(packageDir, 'path.txt');
  return (
    existsSync(pathFile) &&
    existsSync(join(packageDir, 'dist', readFileSync(pathFile, 'utf8').trim()))
  );
}

describe('the Playwright Electron project', () => {
  it.skipIf(hasElectronBinary())(
    'reports every test skipped with the reason "no Electron binary" where there is none',
    async () => {
      const report = await new Promise<string>((resolve, reject) => {
        execFile(
          process.execPath,
          ['node_modules/@playwright/test/cli.js', 'test', '--project=electron', '--reporter=json'],
          { maxBuffer: 16 * 1024 * 1024 },
          (error, stdout, stderr) => {
            if (error !== null) reject(new Error(`playwright failed: ${stderr}`));
            else resolve(stdout);
          },
        );
      });
      const { suites } = JSON.parse(report) as { suites: ReportSuite[] };
      const found = suites.flatMap(tests);
      expect(found.length).toBeGreaterThan(0);
      for (const { title, test } of found) {
        expect(test.status, title).toBe('skipped');
        expect(
          test.annotations.filter((a) => a.type === 'skip').map((a) => a.description),
          title,
        ).toEqual(['no Electron binary']);
      }
    },
  );
});
