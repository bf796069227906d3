// Renders the SVG sources in assets/src to the PNGs the app and electron-builder use, with
// Debian's Chromium through Playwright (transparent background, exact pixel sizes):
//   assets/tray/tray-<state>.png, tray-<state>@2x.png              16 and 32 px, coloured
//   assets/tray/tray-<state>Template.png, tray-<state>Template@2x.png  macOS template images
//   assets/icon.png (512 px: window, notifications, mac and win packages)
//   assets/icons/<n>x<n>.png (the Linux icon set)
// Usage: node scripts/render-icons.mjs   (CHROMIUM_PATH overrides /usr/bin/chromium)
import { mkdirSync, readFileSync } from 'node:fs';
import { chromium } from '@playwright/test';

const STATES = ['idle', 'running', 'failed', 'paused'];
const LINUX_SIZES = [16, 24, 32, 48, 64, 128, 256, 512];

const jobs = [
  { src: 'icon.svg', out: 'assets/icon.png', size: 512 },
  ...LINUX_SIZES.map((size) => ({
    src: 'icon.svg',
    out: `assets/icons/${size}x${size}.png`,
    size,
  })),
  ...STATES.flatMap((state) => [
    { src: `tray-${state}.svg`, out: `assets/tray/tray-${state}.png`, size: 16 },
    { src: `tray-${state}.svg`, out: `assets/tray/tray-${state}@2x.png`, size: 32 },
    { src: `tray-${state}-template.svg`, out: `assets/tray/tray-${state}Template.png`, size: 16 },
    {
      src: `tray-${state}-template.svg`,
      out: `assets/tray/tray-${state}Template@2x.png`,
      size: 32,
    },
  ]),
];

mkdirSync('assets/tray', { recursive: true });
mkdirSync('assets/icons', { recursive: true });

const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
});
try {
  const page = await browser.newPage({ deviceScaleFactor: 1 });
  for (const job of jobs) {
    const svg = readFileSync(`assets/src/${job.src}`, 'utf8').replace(
      '<svg ',
      `<svg width="${job.size}" height="${job.size}" `,
    );
    await page.setViewportSize({ width: job.size, height: job.size });
    await page.setContent(
      `<!doctype html><html><body style="margin:0;background:transparent">${svg}</body></html>`,
    );
    await page.screenshot({
      path: job.out,
      omitBackground: true,
      clip: { x: 0, y: 0, width: job.size, height: job.size },
    });
    console.log(`${job.out} (${job.size} px)`);
  }
} finally {
  await browser.close();
}
