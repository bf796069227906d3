import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { applyMergePatch } from '../../shared/merge-patch.js';
import { taskDocumentSchema } from '../../shared/schemas/task.js';
import { parseOrThrow } from '../../shared/validation.js';

/** Deep-freezes `value`, so any write to it (or inside it) throws in strict mode. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

describe('applyMergePatch: the examples of RFC 7396, Appendix A', () => {
  it.each([
    ['{"a":"b"}', '{"a":"c"}', '{"a":"c"}'],
    ['{"a":"b"}', '{"b":"c"}', '{"a":"b","b":"c"}'],
    ['{"a":"b"}', '{"a":null}', '{}'],
    ['{"a":"b","b":"c"}', '{"a":null}', '{"b":"c"}'],
    ['{"a":["b"]}', '{"a":"c"}', '{"a":"c"}'],
    ['{"a":"c"}', '{"a":["b"]}', '{"a":["b"]}'],
    ['{"a":{"b":"c"}}', '{"a":{"b":"d","c":null}}', '{"a":{"b":"d"}}'],
    ['{"a":[{"b":"c"}]}', '{"a":[1]}', '{"a":[1]}'],
    ['["a","b"]', '["c","d"]', '["c","d"]'],
    ['{"a":"b"}', '["c"]', '["c"]'],
    ['{"a":"foo"}', 'null', 'null'],
    ['{"a":"foo"}', '"bar"', '"bar"'],
    ['{"e":null}', '{"a":1}', '{"e":null,"a":1}'],
    ['[1,2]', '{"a":"b","c":null}', '{"a":"b"}'],
    ['{}', '{"a":{"bb":{"ccc":null}}}', '{"a":{"bb":{}}}'],
  ])('%s patched with %s is %s', (target, patch, result) => {
    expect(applyMergePatch(JSON.parse(target), JSON.parse(patch))).toEqual(JSON.parse(result));
  });
});

describe('applyMergePatch: as tasks.update uses it', () => {
  const task = {
    name: 'Back up notes',
    triggers: [
      { type: 'cron', expression: '0 9 * * 1-5' },
      { type: 'event', event: 'system.resume' },
    ],
    action: { type: 'command', command: 'rsync -a ~/notes /backup', env: { A: '1', B: '2' } },
    retry: { maxRetries: 3, backoff: 'exponential' },
    tags: ['backup', 'daily'],
  };

  it('replaces arrays whole, never merging their elements', () => {
    const patched = applyMergePatch(task, {
      triggers: [{ type: 'interval', everyMs: 60_000 }],
      tags: [],
    });
    expect(patched).toEqual({
      ...task,
      triggers: [{ type: 'interval', everyMs: 60_000 }],
      tags: [],
    });
  });

  it('deletes a member given null, so it returns to its default', () => {
    const patched = applyMergePatch(task, { retry: null, tags: null });
    expect(patched).not.toHaveProperty('retry');
    expect(patched).not.toHaveProperty('tags');
    const doc = parseOrThrow(taskDocumentSchema, patched);
    expect(doc.retry.maxRetries).toBe(0);
    expect(doc.tags).toEqual([]);
  });

  it('leaves a member given undefined as it was (absent over JSON; kept by IPC)', () => {
    const patched = applyMergePatch(task, {
      retry: undefined,
      action: { env: { A: undefined } },
      tags: ['b'],
    });
    expect(patched).toEqual({ ...task, tags: ['b'] });
    expect(Object.hasOwn(patched as object, 'retry')).toBe(true);
  });

  it('merges nested objects member by member', () => {
    expect(
      applyMergePatch(task, { action: { env: { B: null, C: '3' } }, retry: { delayMs: 500 } }),
    ).toEqual({
      ...task,
      action: { ...task.action, env: { A: '1', C: '3' } },
      retry: { maxRetries: 3, backoff: 'exponential', delayMs: 500 },
    });
  });

  it('does not modify the target, however deep the patch reaches', () => {
    const target = deepFreeze(structuredClone(task));
    const before = structuredClone(target);
    applyMergePatch(target, {
      name: 'x',
      action: { env: { A: null, Z: '9' }, command: null },
      triggers: [],
      retry: null,
    });
    expect(target).toEqual(before);
  });
});

describe('applyMergePatch: prototype pollution', () => {
  afterEach(() => {
    // Clean up if a regression did pollute, so one failure does not cascade into others.
    for (const key of ['polluted', 'isAdmin']) {
      Reflect.deleteProperty(Object.prototype, key);
    }
  });

  it.each([
    '{"__proto__":{"polluted":true}}',
    '{"a":{"__proto__":{"polluted":true}}}',
    '{"constructor":{"prototype":{"polluted":true}}}',
    '{"__proto__":{"__proto__":{"polluted":true}}}',
  ])('patching {} with %s leaves Object.prototype alone', (patch) => {
    const patched = applyMergePatch({ a: {} }, JSON.parse(patch));
    expect(Object.prototype).not.toHaveProperty('polluted');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.getPrototypeOf(patched)).toBe(Object.prototype);
  });

  it('keeps a __proto__ member as plain data, which strict parsing then rejects', () => {
    const patched = applyMergePatch({ name: 'n' }, JSON.parse('{"__proto__":{"isAdmin":true}}'));
    expect(Object.keys(patched as object)).toEqual(['name', '__proto__']);
    expect((patched as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(taskDocumentSchema.safeParse(patched).success).toBe(false);
  });
});

describe('applyMergePatch: properties (fast-check)', () => {
  const json = fc.jsonValue();
  const objectPatch = fc.dictionary(fc.string(), fc.jsonValue());

  it('never modifies the target', () => {
    fc.assert(
      fc.property(json, json, (target, patch) => {
        const before = structuredClone(target);
        applyMergePatch(target, patch);
        expect(target).toEqual(before);
      }),
    );
  });

  it('is idempotent: applying the same patch twice changes nothing more', () => {
    fc.assert(
      fc.property(json, json, (target, patch) => {
        const once = applyMergePatch(target, patch);
        expect(applyMergePatch(once, patch)).toEqual(once);
      }),
    );
  });

  it('leaves the members a patch does not name as they were', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), objectPatch, (target, patch) => {
        const patched = applyMergePatch(target, patch) as Record<string, unknown>;
        for (const key of Object.keys(target)) {
          if (!Object.hasOwn(patch, key)) expect(patched[key]).toEqual(target[key]);
        }
      }),
    );
  });

  it('removes exactly the members a patch sets to null', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string(), fc.jsonValue()), objectPatch, (target, patch) => {
        const patched = applyMergePatch(target, patch) as Record<string, unknown>;
        for (const [key, value] of Object.entries(patch)) {
          expect(Object.hasOwn(patched, key)).toBe(value !== null);
        }
      }),
    );
  });
});
