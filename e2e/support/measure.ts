import type { Page } from '@playwright/test';

/** Frame times while scrolling `selector` down by `step` pixels per frame for `frames` frames. */
export async function scrollFrameTimes(
  page: Page,
  selector: string,
  step: number,
  frames: number,
): Promise<number[]> {
  return page.evaluate(
    ({ selector: target, step: pixels, frames: count }) =>
      new Promise<number[]>((resolve) => {
        const element = document.querySelector(target);
        if (element === null) throw new Error(`${target} not found`);
        const times: number[] = [];
        let last = performance.now();
        const tick = (now: number) => {
          times.push(now - last);
          last = now;
          if (times.length >= count) {
            resolve(times.slice(1));
            return;
          }
          element.scrollTop += pixels;
          requestAnimationFrame(tick);
        };
        requestAnimationFrame(tick);
      }),
    { selector, step, frames },
  );
}

/** The value at quantile `q` (0..1) of `values`. */
export function quantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
}
