import { describe, expect, it } from 'vitest';
import { OutputCapture } from '../../../electron/adapters/process/output-capture.js';
import type { OutputChunk } from '../../../shared/schemas/execution.js';
import { waitUntil } from './proc-helpers.js';

function capture(tailCap: number) {
  const batches: OutputChunk[][] = [];
  const totals: number[] = [];
  const output = new OutputCapture(tailCap, (chunks, outputBytes) => {
    batches.push(chunks);
    totals.push(outputBytes);
  });
  return { output, batches, totals };
}

describe('OutputCapture', () => {
  it('delivers a batch at once when it reaches 64 KiB, else within ~50 ms', async () => {
    const { output, batches } = capture(1_000_000);
    output.write('stdout', Buffer.alloc(1000, 'a'));
    output.write('stderr', Buffer.alloc(1000, 'b'));
    expect(batches).toHaveLength(0);
    const began = Date.now();
    await waitUntil(() => batches.length === 1, 'the timed batch', 2_000);
    expect(Date.now() - began).toBeLessThan(1_000);
    expect(batches[0]?.map((chunk) => [chunk.stream, chunk.text.length])).toEqual([
      ['stdout', 1000],
      ['stderr', 1000],
    ]);
    output.write('stdout', Buffer.alloc(70_000, 'c'));
    expect(batches).toHaveLength(2);
    expect(output.finish().outputBytes).toBe(72_000);
  });

  it('delivers what is pending on finish, and nothing after', async () => {
    const { output, batches } = capture(1_000);
    output.write('stdout', Buffer.from('last words'));
    const { tail, outputBytes } = output.finish();
    expect(batches).toEqual([tail]);
    expect(outputBytes).toBe(10);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(batches).toHaveLength(1);
  });

  it('delivers each batch with the bytes read so far, beyond the kept tail', () => {
    const { output, totals } = capture(10);
    output.write('stdout', Buffer.alloc(70_000, 'a'));
    // A character split across reads counts its bytes as they come.
    output.write('stderr', Buffer.from('€').subarray(0, 2));
    output.write('stdout', Buffer.alloc(66_000, 'b'));
    expect(totals).toEqual([70_000, 136_002]);
    output.write('stderr', Buffer.from('€').subarray(2));
    expect(output.finish().outputBytes).toBe(136_003);
    expect(totals).toEqual([70_000, 136_002, 136_003]);
  });

  it('trims the oldest chunk at a character boundary so the tail fits the cap', () => {
    const { output } = capture(10);
    output.write('stdout', Buffer.from('€€€€'));
    output.write('stderr', Buffer.from('ab'));
    const { tail } = output.finish();
    // 12 + 2 bytes: dropping 4 bytes from the first chunk cuts into a €, so two go.
    expect(tail.map((chunk) => [chunk.stream, chunk.text])).toEqual([
      ['stdout', '€€'],
      ['stderr', 'ab'],
    ]);
  });

  it('never hands a listener a chunk that is later changed by trimming', () => {
    const { output, batches } = capture(4);
    output.write('stdout', Buffer.from('123456'));
    output.write('stdout', Buffer.from('78'));
    const { tail } = output.finish();
    expect(tail.map((chunk) => chunk.text).join('')).toBe('5678');
    expect(batches.flat().map((chunk) => chunk.text)).toEqual(['123456', '78']);
  });
});
