import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { writeFileAtomic } from '../adapters/stores/atomic-file.js';
import type { WindowPlacement } from './security.js';

/** A rectangle on the screen, as Electron gives work areas and bounds. */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** What is remembered of the window between runs. */
export interface WindowState {
  x: number;
  y: number;
  width: number;
  height: number;
  maximized: boolean;
}

/** The window's size the first time. */
export const DEFAULT_SIZE = { width: 1200, height: 800 };
/** The window's smallest size: the task list and its detail still fit. */
export const MIN_SIZE = { width: 720, height: 480 };
/** How much of the title bar must be on a screen for saved bounds to be used as they are. */
const GRAB_HEIGHT = 32;
const GRAB_WIDTH = 120;

const windowStateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
  maximized: z.boolean(),
});

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x),
    height: Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y),
  };
}

/**
 * Where the window opens: the saved bounds when enough of their title bar is on one of the
 * screens' work areas (so it can be grabbed), else the saved size centred by the system. Sizes
 * are kept between `MIN_SIZE` and the largest work area; anything unreadable gives the default.
 */
export function restorePlacement(
  saved: unknown,
  workAreas: readonly Rect[],
): { placement: WindowPlacement; maximized: boolean } {
  const parsed = windowStateSchema.safeParse(saved);
  const largest = workAreas.reduce<Rect | null>(
    (best, area) =>
      best === null || area.width * area.height > best.width * best.height ? area : best,
    null,
  );
  const fit = (value: number, min: number, max: number | undefined) =>
    Math.max(min, Math.min(value, max ?? value));
  if (!parsed.success) {
    return {
      placement: {
        width: fit(DEFAULT_SIZE.width, MIN_SIZE.width, largest?.width),
        height: fit(DEFAULT_SIZE.height, MIN_SIZE.height, largest?.height),
      },
      maximized: false,
    };
  }
  const state = parsed.data;
  const width = fit(state.width, MIN_SIZE.width, largest?.width);
  const height = fit(state.height, MIN_SIZE.height, largest?.height);
  const titleBar: Rect = { x: state.x, y: state.y, width, height: GRAB_HEIGHT };
  const reachable = workAreas.some((area) => {
    const shared = overlap(titleBar, area);
    return shared.width >= Math.min(GRAB_WIDTH, width) && shared.height >= GRAB_HEIGHT / 2;
  });
  return {
    placement: reachable ? { x: state.x, y: state.y, width, height } : { width, height },
    maximized: state.maximized,
  };
}

/** The file the window's bounds are kept in, in the data folder. */
export const WINDOW_STATE_FILE = 'window-state.json';

/** Reads and writes `window-state.json`; a missing or broken file reads as nothing saved. */
export class WindowStateFile {
  private readonly path: string;

  constructor(dataDir: string) {
    this.path = join(dataDir, WINDOW_STATE_FILE);
  }

  /** The saved state, or null when there is none worth using. */
  async load(): Promise<WindowState | null> {
    try {
      const parsed = windowStateSchema.safeParse(JSON.parse(await readFile(this.path, 'utf8')));
      return parsed.success ? parsed.data : null;
    } catch {
      return null;
    }
  }

  /** Saves `state` (in whole pixels) atomically: whole file, synced, renamed into place. */
  async save(state: WindowState): Promise<void> {
    const saved: WindowState = {
      x: Math.round(state.x),
      y: Math.round(state.y),
      width: Math.round(state.width),
      height: Math.round(state.height),
      maximized: state.maximized,
    };
    await writeFileAtomic(this.path, `${JSON.stringify(saved)}\n`);
  }
}
