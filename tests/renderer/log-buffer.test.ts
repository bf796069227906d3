import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { OutputChunk } from '../../shared/schemas/execution.js';
import {
  appendOutput,
  chunksAfter,
  chunksAfterEnd,
  tailEndOf,
  EMPTY_LOG,
  MAX_LINE_CHARS,
} from '../../renderer/store/log-buffer.js';

const out = (text: string, t = 1): OutputChunk => ({ t, stream: 'stdout', text });
const err = (text: string, t = 1): OutputChunk => ({ t, stream: 'stderr', text });
const texts = (chunks: OutputChunk[]) =>
  appendOutput(EMPTY_LOG, chunks).lines.map((line) => `${line.stream}:${line.text}`);

describe('the live log', () => {
  it('splits output into lines and joins a line that arrives in pieces', () => {
    expect(texts([out('hel'), out('lo\nwor'), out('ld\n')])).toEqual([
      'stdout:hello',
      'stdout:world',
    ]);
  });

  it('keeps stdout and stderr apart, even when a line of one is half written', () => {
    expect(texts([out('progress '), err('warning\n'), out('done\n')])).toEqual([
      'stdout:progress done',
      'stderr:warning',
    ]);
  });

  it('shows text only: ANSI colours and cursor codes are removed', () => {
    expect(texts([out('\u001b[31mred\u001b[0m and \u001b[1mbold\u001b[22m\n')])).toEqual([
      'stdout:red and bold',
    ]);
  });

  it('treats CRLF as a newline and a bare CR as a redraw of the line (progress bars)', () => {
    expect(texts([out('a\r\nb\r\n')])).toEqual(['stdout:a', 'stdout:b']);
    expect(texts([out('10%\r50%'), out('\r100%\n')])).toEqual(['stdout:100%']);
  });

  it('keeps empty lines, which are part of the output', () => {
    expect(texts([out('one\n\nthree\n')])).toEqual(['stdout:one', 'stdout:', 'stdout:three']);
  });

  it('is bounded: the oldest lines go and are counted', () => {
    const chunks = Array.from({ length: 30 }, (_, index) => out(`line ${index}\n`));
    const log = appendOutput(EMPTY_LOG, chunks, 10);
    expect(log.lines).toHaveLength(10);
    expect(log.dropped).toBe(20);
    expect(log.lines[0]!.text).toBe('line 20');
    const more = appendOutput(log, [out('line 30\n')], 10);
    expect(more.lines.at(-1)!.text).toBe('line 30');
    expect(more.dropped).toBe(21);
  });

  it('clips a line without newlines so megabytes of output cannot freeze the window', () => {
    const log = appendOutput(EMPTY_LOG, [out('x'.repeat(MAX_LINE_CHARS * 3))]);
    expect(log.lines[0]!.text).toHaveLength(MAX_LINE_CHARS + 1);
  });

  it('never changes the buffer it was given', () => {
    const first = appendOutput(EMPTY_LOG, [out('a')]);
    const snapshot = JSON.stringify(first);
    appendOutput(first, [out('b\nc\n')]);
    expect(JSON.stringify(first)).toBe(snapshot);
  });

  it('holds exactly the text that was written, whatever the chunking (property)', () => {
    const line = fc.stringMatching(/^[a-z ]{0,12}$/);
    fc.assert(
      fc.property(
        fc.array(line, { minLength: 1, maxLength: 20 }),
        fc.array(fc.nat(), { maxLength: 8 }),
        (lines, cuts) => {
          const text = `${lines.join('\n')}\n`;
          const points = [...new Set(cuts.map((cut) => cut % text.length))].sort((a, b) => a - b);
          const pieces: string[] = [];
          let from = 0;
          for (const point of points) {
            pieces.push(text.slice(from, point));
            from = point;
          }
          pieces.push(text.slice(from));
          const log = appendOutput(
            EMPTY_LOG,
            pieces.map((piece) => out(piece)),
          );
          expect(log.lines.map((entry) => entry.text)).toEqual(lines);
        },
      ),
    );
  });
});

describe('joining the saved tail with live output', () => {
  it('drops live chunks the tail already holds and keeps the newer ones', () => {
    const tail = [out('a\n', 1), out('b\n', 2), err('c\n', 2)];
    const live = [out('b\n', 2), err('c\n', 2), out('d\n', 2), out('e\n', 3)];
    expect(chunksAfter(tail, live)).toEqual([out('d\n', 2), out('e\n', 3)]);
  });

  it('keeps everything when the tail is empty', () => {
    const live = [out('a\n', 5)];
    expect(chunksAfter([], live)).toEqual(live);
    expect(chunksAfterEnd(null, live)).toEqual(live);
  });

  it('knows where a tail ended, so copies arriving later are dropped too', () => {
    const end = tailEndOf([out('a\n', 1), out('b\n', 2), err('c\n', 2)]);
    expect(end).toEqual({ t: 2, keys: ['2|stdout|b\n', '2|stderr|c\n'] });
    expect(chunksAfterEnd(end, [out('a\n', 1)])).toEqual([]);
    expect(chunksAfterEnd(end, [err('c\n', 2), out('x\n', 2), out('y\n', 3)])).toEqual([
      out('x\n', 2),
      out('y\n', 3),
    ]);
    expect(tailEndOf([])).toBeNull();
  });
});
