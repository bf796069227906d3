import { readdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  DEFAULT_SIZE,
  MIN_SIZE,
  restorePlacement,
  WINDOW_STATE_FILE,
  WindowStateFile,
  type Rect,
} from '../../electron/main/window-state.js';
import { makeTempDir, removeDir } from './temp-dir.js';

const laptop: Rect = { x: 0, y: 0, width: 1440, height: 870 };
const rightMonitor: Rect = { x: 1440, y: 0, width: 2560, height: 1410 };

describe('window placement', () => {
  it('opens at the default size, centred, the first time or from a broken file', () => {
    for (const saved of [
      null,
      undefined,
      'junk',
      { x: 1 },
      { x: 0, y: 0, width: -5, height: 10, maximized: false },
    ]) {
      expect(restorePlacement(saved, [laptop])).toEqual({
        placement: { width: DEFAULT_SIZE.width, height: DEFAULT_SIZE.height },
        maximized: false,
      });
    }
  });

  it('reopens where it was, maximized if it was', () => {
    const saved = { x: 1600, y: 100, width: 1300, height: 900, maximized: true };
    expect(restorePlacement(saved, [laptop, rightMonitor])).toEqual({
      placement: { x: 1600, y: 100, width: 1300, height: 900 },
      maximized: true,
    });
  });

  it('recentres a window whose screen is gone or whose title bar is out of reach', () => {
    const onGoneMonitor = { x: 1600, y: 100, width: 1300, height: 900, maximized: false };
    expect(restorePlacement(onGoneMonitor, [laptop])).toEqual({
      placement: { width: 1300, height: 870 },
      maximized: false,
    });
    const titleAboveScreen = { x: 100, y: -500, width: 1000, height: 700, maximized: false };
    expect(restorePlacement(titleAboveScreen, [laptop]).placement).toEqual({
      width: 1000,
      height: 700,
    });
    const barelyVisible = { x: 1400, y: 100, width: 1000, height: 700, maximized: false };
    expect(restorePlacement(barelyVisible, [laptop]).placement).toEqual({
      width: 1000,
      height: 700,
    });
  });

  it('keeps the size between the minimum and the largest screen', () => {
    const tiny = { x: 10, y: 10, width: 50, height: 40, maximized: false };
    expect(restorePlacement(tiny, [laptop]).placement).toEqual({
      x: 10,
      y: 10,
      width: MIN_SIZE.width,
      height: MIN_SIZE.height,
    });
    const huge = { x: 0, y: 0, width: 9000, height: 9000, maximized: false };
    expect(restorePlacement(huge, [laptop]).placement).toEqual({
      x: 0,
      y: 0,
      width: 1440,
      height: 870,
    });
  });
});

describe('the window state file', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await makeTempDir('window-state');
  });
  afterEach(async () => {
    await removeDir(dir);
  });

  it('round-trips the bounds in whole pixels and leaves no temporary files', async () => {
    const file = new WindowStateFile(dir);
    expect(await file.load()).toBeNull();
    await file.save({ x: 10.4, y: 20.6, width: 1000, height: 700, maximized: true });
    expect(await new WindowStateFile(dir).load()).toEqual({
      x: 10,
      y: 21,
      width: 1000,
      height: 700,
      maximized: true,
    });
    expect(await readdir(dir)).toEqual([WINDOW_STATE_FILE]);
  });

  it('reads a corrupt file as nothing saved', async () => {
    await writeFile(join(dir, WINDOW_STATE_FILE), '{"x": 1, "y":');
    expect(await new WindowStateFile(dir).load()).toBeNull();
  });
});
