import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyMergePatch } from '../../shared/merge-patch.js';
import { taskDocumentSchema } from '../../shared/schemas/task.js';
import { createMergePatch } from '../../renderer/editor/merge-patch-diff.js';
import {
  buildDocument,
  documentOfView,
  draftFromTask,
  emptyDraft,
  issueAt,
  newTriggerDraft,
  previewableTrigger,
  splitInterval,
  validateDraft,
  type TaskDraft,
} from '../../renderer/editor/task-draft.js';
import { taskView } from './support/task-view.js';

const NOW = Date.parse('2026-03-01T12:00:00.000Z');

const filled = (overrides: Partial<TaskDraft> = {}): TaskDraft => ({
  ...emptyDraft(),
  name: 'Back up notes',
  command: 'rsync -a ~/notes /backup',
  ...overrides,
});

describe('the editor form checks what the service will', () => {
  it('a new form is not yet valid: it needs a name and a command', () => {
    const { document, issues } = validateDraft(emptyDraft(), NOW);
    expect(document).toBeNull();
    expect(issues.get('name')).toMatch(/empty/i);
    expect(issues.get('action.command')).toMatch(/empty/i);
  });

  it('a filled form gives a document the shared schema accepts, with the defaults', () => {
    const { document, issues } = validateDraft(filled(), NOW);
    expect(issues.size).toBe(0);
    const parsed = taskDocumentSchema.parse(document);
    expect(parsed).toMatchObject({
      name: 'Back up notes',
      enabled: true,
      priority: 0,
      triggers: [{ type: 'cron', expression: '0 9 * * 1-5' }],
      action: { type: 'command', command: 'rsync -a ~/notes /backup' },
      retry: { maxRetries: 0, delayMs: 10_000, backoff: 'fixed', maxDelayMs: 3_600_000 },
      timeoutMs: null,
      overlap: 'skip',
      missedRuns: 'runOnce',
      notify: 'failure',
      keepHistory: 500,
      tags: [],
    });
    expect(parsed.dst).toBeUndefined();
  });

  it("shows the cron parser's own error at the expression", () => {
    const trigger = { ...newTriggerDraft('cron'), expression: '61 * * * *' };
    const { issues } = validateDraft(filled({ triggers: [trigger] }), NOW);
    expect(issues.get('triggers.0.expression')).toMatch(/61/);
    const short = { ...trigger, expression: '* * *' };
    expect(
      validateDraft(filled({ triggers: [short] }), NOW).issues.get('triggers.0.expression'),
    ).toMatch(/5 fields/);
  });

  it('turns an interval with units into milliseconds, and back into the largest exact unit', () => {
    const trigger = { ...newTriggerDraft('interval'), every: '1.5', unit: 'h' as const };
    const { document } = buildDocument(filled({ triggers: [trigger] }), NOW);
    expect(document.triggers[0]).toEqual({ type: 'interval', everyMs: 5_400_000 });
    expect(splitInterval(5_400_000)).toEqual({ every: '90', unit: 'min' });
    expect(splitInterval(86_400_000 * 2)).toEqual({ every: '2', unit: 'd' });
    expect(splitInterval(1_500)).toEqual({ every: '1.5', unit: 's' });
  });

  it('rejects an interval under a second at the interval field', () => {
    const trigger = { ...newTriggerDraft('interval'), every: '0.5', unit: 's' as const };
    expect(
      validateDraft(filled({ triggers: [trigger] }), NOW).issues.get('triggers.0.everyMs'),
    ).toBeDefined();
  });

  it('"in N minutes" becomes a time N minutes after saving, to the second', () => {
    const trigger = { ...newTriggerDraft('once'), onceMode: 'in' as const, inMinutes: '5' };
    const { document } = buildDocument(filled({ triggers: [trigger] }), NOW + 400);
    expect(document.triggers[0]).toEqual({ type: 'once', at: '2026-03-01T12:05:01.000Z' });
    const none = { ...trigger, inMinutes: '0' };
    expect(
      validateDraft(filled({ triggers: [none] }), NOW).issues.get('triggers.0.at'),
    ).toBeDefined();
  });

  it('asks, in the form’s words, for the task to follow, the path, or the idle time', () => {
    const chain = { ...newTriggerDraft('event'), event: 'task.failed' as const };
    expect(validateDraft(filled({ triggers: [chain] }), NOW).issues.get('triggers.0.taskId')).toBe(
      'Choose the task to follow',
    );
    const file = { ...newTriggerDraft('event'), event: 'file.changed' as const };
    expect(validateDraft(filled({ triggers: [file] }), NOW).issues.get('triggers.0.path')).toBe(
      'Give the file or folder to watch',
    );
    expect(
      validateDraft(filled({ triggers: [{ ...file, path: '/srv/www' }] }), NOW).issues.size,
    ).toBe(0);
    const idle = { ...newTriggerDraft('event'), event: 'system.idle' as const, idleMinutes: '5' };
    expect(buildDocument(filled({ triggers: [idle] }), NOW).document.triggers[0]).toEqual({
      type: 'event',
      event: 'system.idle',
      idleForMs: 300_000,
    });
  });

  it('reads program arguments one per line and environment as NAME=value lines', () => {
    const { document, issues } = validateDraft(
      filled({ actionMode: 'argv', argv: '/usr/bin/env\n\n-i\n', env: 'A=1\nB=x=y' }),
      NOW,
    );
    expect(issues.size).toBe(0);
    expect(document?.action).toEqual({
      type: 'command',
      argv: ['/usr/bin/env', '-i'],
      env: { A: '1', B: 'x=y' },
    });
    const bad = validateDraft(filled({ env: 'A=1\nnot a pair' }), NOW);
    expect(issueAt(bad.issues, 'action.env')).toMatch(/Line 2/);
    const badName = validateDraft(filled({ env: '1A=1' }), NOW);
    expect(issueAt(badName.issues, 'action.env')).toMatch(/letters, digits/);
  });

  it('places problems of the advanced fields where they are shown', () => {
    const { issues } = validateDraft(
      filled({ maxRetries: '101', timeout: '0', timeoutUnit: 's', keepHistory: '0', tags: 'a, a' }),
      NOW,
    );
    expect(issues.get('retry.maxRetries')).toBeDefined();
    expect(issues.get('timeoutMs')).toBeDefined();
    expect(issues.get('keepHistory')).toBeDefined();
    expect(issueAt(issues, 'tags')).toMatch(/unique/);
  });

  it('an interval may start at a chosen local time; empty counts from saving', () => {
    const interval = { ...newTriggerDraft('interval'), every: '2', unit: 'h' as const };
    const chosen = { ...interval, startAt: '2026-03-02T06:30:00' };
    expect(validateDraft(filled({ triggers: [chosen] }), NOW).document?.triggers).toEqual([
      {
        type: 'interval',
        everyMs: 7_200_000,
        startAt: new Date('2026-03-02T06:30:00').toISOString(),
      },
    ]);
    expect(previewableTrigger(chosen, NOW)).toMatchObject({
      startAt: new Date('2026-03-02T06:30:00').toISOString(),
    });
    expect(validateDraft(filled({ triggers: [interval] }), NOW).document?.triggers).toEqual([
      { type: 'interval', everyMs: 7_200_000 },
    ]);
    const { issues } = validateDraft(
      filled({ triggers: [{ ...interval, startAt: 'next Tuesday' }] }),
      NOW,
    );
    expect(issues.get('triggers.0.startAt')).toBe('Pick a date and time');
  });

  it('"in N minutes" counts from the time it is given, to the second', () => {
    const once = { ...newTriggerDraft('once'), onceMode: 'in' as const, inMinutes: '5' };
    expect(previewableTrigger(once, NOW)).toEqual({
      type: 'once',
      at: new Date(NOW + 300_000).toISOString(),
    });
    expect(previewableTrigger(once, NOW + 65_400)).toEqual({
      type: 'once',
      at: new Date(NOW + 366_000).toISOString(),
    });
  });

  it('offers a preview only for a time trigger that is valid on its own', () => {
    expect(
      previewableTrigger({ ...newTriggerDraft('cron'), expression: '*/5 * * * *' }, NOW),
    ).toEqual({
      type: 'cron',
      expression: '*/5 * * * *',
    });
    expect(previewableTrigger({ ...newTriggerDraft('cron'), expression: 'nope' }, NOW)).toBeNull();
    expect(previewableTrigger(newTriggerDraft('event'), NOW)).toBeNull();
  });
});

describe('editing sends a merge patch of what changed', () => {
  const saved = taskView({
    name: 'Sync',
    triggers: [
      { type: 'interval', everyMs: 300_000, startAt: '2026-01-01T00:00:00.000Z' },
      { type: 'cron', expression: '0 9 * * 1-5', timezone: 'Europe/Berlin' },
      { type: 'once', at: '2026-05-01T07:30:12.345Z' },
      { type: 'event', event: 'system.idle', idleForMs: 600_000 },
    ],
    action: { type: 'command', command: 'sync.sh', cwd: '/srv', env: { MODE: 'fast' } },
    retry: {
      maxRetries: 2,
      delayMs: 1_500,
      backoff: 'exponential',
      maxDelayMs: 60_000,
      jitter: true,
    },
    timeoutMs: 90_000,
    dst: { gap: 'skip', overlap: 'both' },
    conditions: {
      acPower: true,
      idleForMs: 120_000,
      maxSystemCpuPercent: 50,
      deadlineMs: 3_600_000,
    },
    limits: { maxMemoryMb: 512 },
    tags: ['sync', 'net'],
    priority: -3,
    keepHistory: 50,
  });

  it('an untouched form is no change at all (nothing is lost in the round trip)', () => {
    const { document, issues } = validateDraft(draftFromTask(saved), NOW);
    expect(issues.size).toBe(0);
    expect(createMergePatch(documentOfView(saved), document as Record<string, unknown>)).toBeNull();
  });

  it('a saved start shows in local time and is kept exactly until changed', () => {
    const draft = draftFromTask(saved);
    const interval = draft.triggers[0]!;
    expect(interval.startAt).toBe(
      new Date(Date.parse('2026-01-01T00:00:00.000Z')).toLocaleString('sv').replace(' ', 'T'),
    );
    const moved = { ...interval, startAt: '2026-04-01T08:00:00' };
    const patch = createMergePatch(
      documentOfView(saved),
      validateDraft({ ...draft, triggers: [moved, ...draft.triggers.slice(1)] }, NOW)
        .document as Record<string, unknown>,
    );
    expect(patch?.triggers).toEqual([
      {
        type: 'interval',
        everyMs: 300_000,
        startAt: new Date('2026-04-01T08:00:00').toISOString(),
      },
      ...saved.triggers.slice(1),
    ]);
  });

  it('a rename and a new schedule patch only those fields', () => {
    const draft = draftFromTask(saved);
    const patch = createMergePatch(
      documentOfView(saved),
      validateDraft(
        {
          ...draft,
          name: 'Sync often',
          triggers: [{ ...newTriggerDraft('cron'), expression: '*/5 * * * *' }],
        },
        NOW,
      ).document as Record<string, unknown>,
    );
    expect(patch).toEqual({
      name: 'Sync often',
      triggers: [{ type: 'cron', expression: '*/5 * * * *' }],
    });
  });

  it('clearing optional fields deletes them, so their defaults return', () => {
    const draft = {
      ...draftFromTask(saved),
      cwd: '',
      timeout: '',
      dstCustom: false,
      maxMemoryMb: '',
    };
    const after = validateDraft(draft, NOW).document as Record<string, unknown>;
    const patch = createMergePatch(documentOfView(saved), after);
    expect(patch).toEqual({
      action: { cwd: null },
      timeoutMs: null,
      dst: null,
      limits: { maxMemoryMb: null },
    });
    const merged = taskDocumentSchema.parse(applyMergePatch(documentOfView(saved), patch));
    expect(merged.action.cwd).toBeUndefined();
    expect(merged.timeoutMs).toBeNull();
    expect(merged.dst).toBeUndefined();
    expect(merged.limits.maxMemoryMb).toBeNull();
  });

  it('switching from a shell command to program arguments removes the command', () => {
    const draft = { ...draftFromTask(saved), actionMode: 'argv' as const, argv: 'sync.sh\n--fast' };
    const patch = createMergePatch(
      documentOfView(saved),
      validateDraft(draft, NOW).document as Record<string, unknown>,
    );
    expect(patch).toEqual({ action: { command: null, argv: ['sync.sh', '--fast'] } });
  });

  it('applying the patch always gives back the edited document (property)', () => {
    const json = fc.letrec((tie) => ({
      value: fc.oneof(
        { depthSize: 'small' },
        fc.string(),
        fc.integer(),
        fc.boolean(),
        fc.array(tie('value'), { maxLength: 3 }),
        tie('object'),
      ),
      object: fc.dictionary(fc.constantFrom('a', 'b', 'c', 'd'), tie('value'), { maxKeys: 4 }),
    }));
    fc.assert(
      fc.property(json.object, json.object, (before, after) => {
        const patch = createMergePatch(before, after);
        expect(patch === null ? before : applyMergePatch(before, patch)).toEqual(after);
      }),
    );
  });
});
