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
  writeRange(fd, buffer, buffer.length, position);
}

/** writeFully for the first `length` bytes of `buffer`. */
function writeRange(fd: number, buffer: Uint8Array, length: number, position: number): void {
  let done = 0;
  try {
    while (done < length) done += writeSync(fd, buffer, done, length - done, position + done);
  } catch (error) {
    cutBack(fd, position, done);
    throw error;
  }
}

/** Lines up to this many bytes are copied into the writer's own buffer; longer ones get one. */
const SCRATCH_BYTES = 64 * 1024;
const NEWLINE = 0x0a;

/**
 * Writes records as lines, as writeFully does: copied with their newline into one reused buffer,
 * so recording allocates no Buffer and joins or flattens no string per line.
 */
export class LineWriter {
  private readonly scratch = Buffer.allocUnsafe(SCRATCH_BYTES);

  /** Writes `json` and a newline (`length` bytes in all) at `position` of `fd`. */
  write(fd: number, json: string, length: number, position: number): void {
    const bytes = length <= SCRATCH_BYTES ? this.scratch : Buffer.allocUnsafe(length);
    bytes.write(json, 0);
    bytes[length - 1] = NEWLINE;
    writeRange(fd, bytes, length, position);
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
