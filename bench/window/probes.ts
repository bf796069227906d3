import type { Page } from '@playwright/test';
import type { PageGlobals } from './page-globals.js';

/** Frame-to-frame times (ms) the page managed over `durationMs`, from requestAnimationFrame. */
export function frameTimes(page: Page, durationMs: number): Promise<number[]> {
  return page.evaluate(
    (ms) =>
      new Promise<number[]>((resolve) => {
        const g = globalThis as unknown as PageGlobals;
        const times: number[] = [];
        let last = g.performance.now();
        const end = last + ms;
        const tick = (now: number) => {
          times.push(now - last);
          last = now;
          if (now < end) g.requestAnimationFrame(tick);
          else resolve(times);
        };
        g.requestAnimationFrame(tick);
      }),
    durationMs,
  );
}

/** Frame times while scrolling `selector` down `step` pixels a frame for `frames` frames. */
export function scrollFrameTimes(
  page: Page,
  selector: string,
  step: number,
  frames: number,
): Promise<number[]> {
  return page.evaluate(
    ({ selector: target, step: pixels, frames: count }) =>
      new Promise<number[]>((resolve, reject) => {
        const g = globalThis as unknown as PageGlobals;
        const element = g.document.querySelector(target);
        if (element === null) {
          reject(new Error(`${target} not found`));
          return;
        }
        element.scrollTop = 0;
        const times: number[] = [];
        let last = g.performance.now();
        const tick = (now: number) => {
          times.push(now - last);
          last = now;
          if (times.length > count) {
            resolve(times.slice(1));
            return;
          }
          element.scrollTop += pixels;
          g.requestAnimationFrame(tick);
        };
        g.requestAnimationFrame(tick);
      }),
    { selector, step, frames },
  );
}

/**
 * Reloads the page and returns what `probe` answers at the first animation frame where it
 * answers at all: probes return `performance.now()` (ms since navigation began) once ready.
 */
export async function reloadUntil(
  page: Page,
  probe: (arg: number) => number | false,
  arg: number,
): Promise<number> {
  await page.reload({ waitUntil: 'commit' });
  const handle = await page.waitForFunction(probe, arg, { polling: 'raf', timeout: 60_000 });
  return Number(await handle.jsonValue());
}

/**
 * Clicks the sidebar link to `screen` in the page itself and returns how long (ms) until that
 * screen's heading is there and a frame has been drawn with it.
 */
export function clickToScreen(page: Page, screen: string): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const g = globalThis as unknown as PageGlobals;
        const link = g.document.querySelector(
          `nav[aria-label="Main"] a[href="#/${name.toLowerCase()}"]`,
        );
        if (link === null) {
          reject(new Error(`no link to ${name}`));
          return;
        }
        const start = g.performance.now();
        link.click();
        const check = () => {
          const heading = g.document.querySelector('main h1');
          if (heading?.textContent !== name) {
            g.requestAnimationFrame(check);
            return;
          }
          g.requestAnimationFrame(() => {
            resolve(g.performance.now() - start);
          });
        };
        check();
      }),
    screen,
  );
}

/** Counts the API events the page receives over its WebSocket (JSON-RPC `event` batches). */
export function countEvents(page: Page): { count(): number } {
  let events = 0;
  page.on('websocket', (socket) => {
    socket.on('framereceived', ({ payload }) => {
      if (typeof payload !== 'string' || !payload.includes('"method":"event"')) return;
      const message = JSON.parse(payload) as { params?: { events?: unknown[] } };
      events += message.params?.events?.length ?? 0;
    });
  });
  return { count: () => events };
}
