import { randomBytes } from 'node:crypto';
import {
  closeSync,
  fdatasync,
  ftruncateSync,
  openSync,
  readSync,
  renameSync,
  rmSync,
  writeSync,
} from 'node:fs';
import { promisify } from 'node:util';
import { PRIVATE_FILE_MODE } from '../stores/atomic-file.js';

/*
 * Appends to the log are synchronous system calls: once `writeFully` returns, the bytes are in
 * the kernel, and a crash of the process (SIGKILL, an abort) can no longer lose them. Only the
 * fdatasync that guards against power loss is asynchronous and batched.
 */

/** Flushes a file's data to the disk (fdatasync), without blocking the event loop. */
export const datasync: (fd: number) => Promise<void> = promisify(fdatasync);

/** Fills `buffer` from `position` of `fd`; throws if the file ends first. */
export function readFully(fd: number, buffer: Uint8Array, position: number): void {
  let done = 0;
  while (done < buffer.length) {
    const read = readSync(fd, buffer, done, buffer.length - done, position + done);
    if (read === 0) throw new Error(`Unexpected end of file at byte ${position + done}`);
    done += read;
  }
}

/**
 * Writes all of `buffer` at `position` of `fd`, looping over short writes. On failure it cuts the
 * file back to `position` when it can, so no partial line is left for later lines to follow.
 */
export function writeFully(fd: number, buffer: Uint8Array, position: number): void {
  let done = 0;
  try {
    while (done < buffer.length) {
      done += writeSync(fd, buffer, done, buffer.length - done, position + done);
    }
  } catch (error) {
    cutBack(fd, position, done);
    throw error;
  }
}

/**
 * As writeFully, for `text` of `length` UTF-8 bytes, written from the string itself: a record
 * needs no Buffer of its own (only a short write, which is rare, makes one for the rest).
 */
export function writeTextFully(fd: number, text: string, length: number, position: number): void {
  let done = 0;
  try {
    done = writeSync(fd, text, position);
    if (done < length) {
      const bytes = Buffer.from(text);
      while (done < length) done += writeSync(fd, bytes, done, length - done, position + done);
    }
  } catch (error) {
    cutBack(fd, position, done);
    throw error;
  }
}

/** After a failed write of `done` bytes at `position`: no partial line is left behind. */
function cutBack(fd: number, position: number, done: number): void {
  if (done === 0) return;
  try {
    ftruncateSync(fd, position);
  } catch {
    // A leftover partial line is overwritten by the retry, or cut as a torn tail on open.
  }
}

/** A new temporary file beside `path` (`<path>.tmp-…`, removed by `open()` if left behind). */
export function openTempBeside(path: string): { temp: string; fd: number } {
  const temp = `${path}.tmp-${process.pid}-${randomBytes(6).toString('hex')}`;
  return { temp, fd: openSync(temp, 'wx+', PRIVATE_FILE_MODE) };
}

/**
 * Creates the segment file `path` holding exactly `head`, atomically (temp + rename, so a crash
 * never leaves it half-written), and returns a descriptor open for reading and writing.
 */
export function createSegmentFile(path: string, head: Uint8Array): number {
  const { temp, fd } = openTempBeside(path);
  try {
    writeFully(fd, head, 0);
    renameSync(temp, path);
  } catch (error) {
    closeSync(fd);
    rmSync(temp, { force: true });
    throw error;
  }
  return fd;
}
