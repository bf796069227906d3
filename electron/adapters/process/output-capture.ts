import { TextDecoder } from 'node:util';
import type { OutputChunk } from '../../../shared/schemas/execution.js';

type OutputStream = OutputChunk['stream'];

/** A batch is delivered once it holds this many bytes... */
const BATCH_BYTES = 64 * 1024;
/** ...or this long after its first chunk, so a window sees output live without a flood. */
const BATCH_MS = 50;

/** What a capture holds once the process is done. */
export interface CapturedOutput {
  outputBytes: number;
  /** The newest chunks, oldest first, at most the cap in UTF-8 bytes. */
  tail: OutputChunk[];
}

interface KeptChunk {
  chunk: OutputChunk;
  bytes: number;
}

/** Drops at least `count` leading UTF-8 bytes of `text`, never cutting a character in two. */
function dropLeadingBytes(text: string, count: number): string {
  const bytes = Buffer.from(text, 'utf8');
  let start = count;
  // Continuation bytes look like 10xxxxxx; a character starts at the first byte that is not one.
  while (start < bytes.length && ((bytes[start] ?? 0) & 0xc0) === 0x80) start++;
  return bytes.subarray(start).toString('utf8');
}

/**
 * Turns a process's stdout and stderr bytes into timestamped text chunks: decoded as streaming
 * UTF-8 (a character split across reads stays whole; invalid bytes become U+FFFD), delivered in
 * batches with the count of bytes read so far, and kept as a tail capped in bytes. It holds at
 * most the cap plus one batch.
 */
export class OutputCapture {
  // ignoreBOM keeps a leading byte-order mark as output instead of silently eating it.
  private readonly decoders: Record<OutputStream, TextDecoder> = {
    stdout: new TextDecoder('utf-8', { ignoreBOM: true }),
    stderr: new TextDecoder('utf-8', { ignoreBOM: true }),
  };
  private batch: OutputChunk[] = [];
  private batchBytes = 0;
  private timer: NodeJS.Timeout | null = null;
  private tail: KeptChunk[] = [];
  private tailBytes = 0;
  private outputBytes = 0;

  constructor(
    private readonly tailCap: number,
    private readonly deliver: (chunks: OutputChunk[], outputBytes: number) => void,
  ) {}

  /** Takes bytes read from one stream. */
  write(stream: OutputStream, bytes: Uint8Array): void {
    this.outputBytes += bytes.length;
    this.add(stream, this.decoders[stream].decode(bytes, { stream: true }));
  }

  /** Ends a stream: an incomplete character left at its end becomes U+FFFD. */
  end(stream: OutputStream): void {
    this.add(stream, this.decoders[stream].decode());
  }

  /** Delivers what is pending and returns the byte count and the tail; call once, at the end. */
  finish(): CapturedOutput {
    this.flush();
    return { outputBytes: this.outputBytes, tail: this.tail.map((kept) => kept.chunk) };
  }

  private add(stream: OutputStream, text: string): void {
    if (text === '') return;
    const chunk: OutputChunk = { t: Date.now(), stream, text };
    const bytes = Buffer.byteLength(text, 'utf8');
    this.keep(chunk, bytes);
    this.batch.push(chunk);
    this.batchBytes += bytes;
    if (this.batchBytes >= BATCH_BYTES) {
      this.flush();
    } else {
      this.timer ??= setTimeout(() => {
        this.flush();
      }, BATCH_MS);
    }
  }

  private flush(): void {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (this.batch.length === 0) return;
    const chunks = this.batch;
    this.batch = [];
    this.batchBytes = 0;
    try {
      this.deliver(chunks, this.outputBytes);
    } catch (error) {
      // A failing listener must not take the output reader (and with it the host) down.
      console.error('Taskdeck: an output listener failed', error);
    }
  }

  private keep(chunk: OutputChunk, bytes: number): void {
    this.tail.push({ chunk, bytes });
    this.tailBytes += bytes;
    let dropped = 0;
    while (this.tailBytes > this.tailCap) {
      const oldest = this.tail[dropped];
      if (oldest === undefined) break;
      const excess = this.tailBytes - this.tailCap;
      if (oldest.bytes <= excess) {
        this.tailBytes -= oldest.bytes;
        dropped++;
        continue;
      }
      // Trimming removes at least `excess` bytes, so this ends the loop.
      const text = dropLeadingBytes(oldest.chunk.text, excess);
      const kept = Buffer.byteLength(text, 'utf8');
      this.tailBytes -= oldest.bytes - kept;
      if (text === '') dropped++;
      // A new object: the old one went to the listener, which may still hold it.
      else this.tail[dropped] = { chunk: { ...oldest.chunk, text }, bytes: kept };
    }
    if (dropped > 0) this.tail.splice(0, dropped);
  }
}
