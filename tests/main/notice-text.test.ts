import { describe, expect, it } from 'vitest';
import { MAX_NOTICE_ERROR, noticeText, type NoticeRun } from '../../electron/main/notice-text.js';

const run = (over: Partial<NoticeRun> = {}): NoticeRun => ({
  taskName: 'Back up notes',
  status: 'failed',
  attempt: 1,
  startedAt: 1_000,
  endedAt: 4_200,
  exitCode: 1,
  signal: null,
  error: null,
  ...over,
});

describe('notification text', () => {
  it('names the task and the outcome, with the exit code and duration', () => {
    expect(noticeText(run())).toEqual({
      title: 'Back up notes failed',
      body: 'Exit code 1 after 3 s\nClick to see this run.',
    });
  });

  it('says timed out, the signal, the attempt and the first line of the error', () => {
    const text = noticeText(
      run({
        status: 'timed-out',
        exitCode: null,
        signal: 'SIGTERM',
        attempt: 3,
        endedAt: 1_000 + 3_600_000,
        error: 'Timed out after 1 h\nstack line',
      }),
    );
    expect(text.title).toBe('Back up notes timed out');
    expect(text.body).toBe(
      'Ended by SIGTERM after 60 min (attempt 3)\nTimed out after 1 h\nClick to see this run.',
    );
  });

  it('cuts a long error and tells of successes when asked to', () => {
    const long = noticeText(run({ error: 'x'.repeat(500) }));
    const errorLine = long.body.split('\n')[1] ?? '';
    expect(errorLine).toHaveLength(MAX_NOTICE_ERROR);
    expect(errorLine.endsWith('…')).toBe(true);
    expect(noticeText(run({ status: 'succeeded', exitCode: 0 })).title).toBe(
      'Back up notes succeeded',
    );
    expect(noticeText(run({ startedAt: null, endedAt: null, exitCode: null })).body).toBe(
      'Click to see this run.',
    );
  });
});
