import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import {
  ERROR_CODES,
  TaskdeckError,
  fromWireError,
  toWireError,
  type ErrorCode,
} from '../../shared/errors.js';
import { actionSchema } from '../../shared/schemas/action.js';
import { describeIssues, parseOrThrow, toParamIssues } from '../../shared/validation.js';
import { rejectionOf } from './issues-of.js';

/** API.md "Errors" and JSON-RPC's framing errors: each data.code with its number. */
const API_ERRORS: [ErrorCode, number][] = [
  ['invalid_params', -32602],
  ['unknown_method', -32601],
  ['not_found', -32004],
  ['conflict', -32009],
  ['internal', -32603],
  // JSON-RPC 2.0's own, for frames that are not one request (shared/errors.ts says why).
  ['parse_error', -32700],
  ['invalid_request', -32600],
];

/** What crosses the wire: JSON text, parsed again on the other side. */
const overTheWire = (value: unknown): unknown => JSON.parse(JSON.stringify(value));

describe('errors: the codes of API.md', () => {
  it('are exactly the five of API.md and the two JSON-RPC framing errors', () => {
    expect(ERROR_CODES).toEqual(Object.fromEntries(API_ERRORS));
  });

  it.each(API_ERRORS)('%s travels as JSON-RPC code %d and comes back whole', (code, number) => {
    const issues = code === 'invalid_params' ? [{ path: ['triggers', 0, 'x'], message: 'm' }] : [];
    const error = new TaskdeckError(code, `Message for ${code}`, issues);
    const wire = toWireError(error);
    expect(wire.code).toBe(number);
    expect(wire.data.code).toBe(code);
    expect(wire.message).toBe(`Message for ${code}`);

    const back = fromWireError(overTheWire(wire));
    expect(back).toBeInstanceOf(TaskdeckError);
    expect(back).toBeInstanceOf(Error);
    expect(back.name).toBe('TaskdeckError');
    expect({ code: back.code, message: back.message, issues: back.issues }).toEqual({
      code,
      message: `Message for ${code}`,
      issues,
    });
  });

  it('puts issues, with their array paths, in data.issues', () => {
    const error = rejectionOf(actionSchema, { type: 'command', command: 'x', env: { A: 1 } });
    expect(overTheWire(toWireError(error))).toEqual({
      code: -32602,
      message: error.message,
      data: {
        code: 'invalid_params',
        issues: [{ path: ['env', 'A'], message: error.issues[0]?.message }],
      },
    });
  });

  it('leaves data.issues out when there are none', () => {
    expect(toWireError(new TaskdeckError('not_found', 'No task 1'))).toEqual({
      code: -32004,
      message: 'No task 1',
      data: { code: 'not_found' },
    });
  });

  it.each([
    ['a missing data.code', { code: -32000, message: 'odd' }, 'odd'],
    ['an unknown data.code', { code: -32000, message: 'odd', data: { code: 'teapot' } }, 'odd'],
    ['an inherited name as data.code', { message: 'x', data: { code: 'constructor' } }, 'x'],
    ['"toString" as data.code', { message: 'x', data: { code: 'toString' } }, 'x'],
    ['"__proto__" as data.code', { message: 'x', data: { code: '__proto__' } }, 'x'],
    ['a non-string message', { message: 5, data: { code: 'conflict' } }, 'Unknown error'],
    ['null', null, 'Unknown error'],
    ['a string', 'boom', 'Unknown error'],
  ])('turns %s into a safe error', (_case, wire, message) => {
    const error = fromWireError(wire);
    expect(error).toBeInstanceOf(TaskdeckError);
    expect(error.message).toBe(message);
    expect(Object.hasOwn(ERROR_CODES, error.code)).toBe(true);
    expect(Number.isInteger(toWireError(error).code)).toBe(true);
  });

  it('keeps a known code even when the message is missing', () => {
    const error = fromWireError({ data: { code: 'conflict' } });
    expect(error.code).toBe('conflict');
    expect(error.message).toBe('Unknown error');
  });
});

describe('toParamIssues', () => {
  const strict = z.strictObject({ a: z.number(), inner: z.strictObject({ b: z.string() }) });

  it('gives one issue per unknown key, each at its own path', () => {
    const result = strict.safeParse({ a: 1, inner: { b: 'x', c: 1, d: 2 }, e: 3, f: 4 });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(toParamIssues(result.error)).toEqual([
      { path: ['inner', 'c'], message: 'Unknown field' },
      { path: ['inner', 'd'], message: 'Unknown field' },
      { path: ['e'], message: 'Unknown field' },
      { path: ['f'], message: 'Unknown field' },
    ]);
  });

  it('keeps the issues of other kinds with their messages', () => {
    const result = strict.safeParse({ a: 'one', inner: { b: 2 } });
    expect(result.success).toBe(false);
    if (result.success) return;
    const issues = toParamIssues(result.error);
    expect(issues.map((issue) => issue.path)).toEqual([['a'], ['inner', 'b']]);
    for (const issue of issues) expect(issue.message).toMatch(/expected/);
  });

  it('reports the closest branch of a union, down to its unknown keys', () => {
    const union = z.union([
      z.strictObject({ kind: z.literal('a'), x: z.number() }),
      z.strictObject({ kind: z.literal('a'), y: z.number() }),
    ]);
    const result = z.strictObject({ items: z.array(union) }).safeParse({
      items: [{ kind: 'a', x: 1, extra: true }],
    });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(toParamIssues(result.error)).toEqual([
      { path: ['items', 0, 'extra'], message: 'Unknown field' },
    ]);
  });

  it('reports the branch of the input’s kind: too many list items, not "not one of the values"', () => {
    const status = z.union([z.enum(['a', 'b']), z.array(z.enum(['a', 'b'])).max(2)]);
    const result = z.strictObject({ status }).safeParse({ status: ['a', 'b', 'a'] });
    expect(result.success).toBe(false);
    if (result.success) return;
    const issues = toParamIssues(result.error);
    expect(issues.map((issue) => issue.path)).toEqual([['status']]);
    expect(issues[0]?.message).toMatch(/<=2 items/);
    // A value of neither kind still gets the first branch's words.
    const neither = z.strictObject({ status }).safeParse({ status: 'c' });
    expect(neither.success ? [] : toParamIssues(neither.error)[0]?.message).toMatch(/"a"\|"b"/);
  });

  it('gives the key schema’s own message for an invalid record key', () => {
    const result = z
      .record(z.string().regex(/^[A-Z]+$/, 'Capitals only'), z.string())
      .safeParse({ ok: 'x', OK: 'y' });
    expect(result.success).toBe(false);
    if (result.success) return;
    expect(toParamIssues(result.error)).toEqual([{ path: ['ok'], message: 'Capitals only' }]);
  });
});

describe('parseOrThrow', () => {
  it('throws invalid_params with the issues and a message naming each field', () => {
    const error = rejectionOf(z.strictObject({ a: z.number().max(3) }), { a: 4, b: 1 });
    expect(error.code).toBe('invalid_params');
    expect(error.issues.map((issue) => issue.path)).toEqual([['a'], ['b']]);
    expect(error.message).toBe(describeIssues(error.issues));
    expect(error.message).toMatch(/^a: .+; b: Unknown field$/);
  });

  it('puts the prefix in front of every path', () => {
    let thrown: unknown;
    try {
      parseOrThrow(z.strictObject({ a: z.number() }), { a: 'x' }, ['patch', 2]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(TaskdeckError);
    expect((thrown as TaskdeckError).issues.map((issue) => issue.path)).toEqual([
      ['patch', 2, 'a'],
    ]);
  });

  it('returns the parsed value, defaults filled in, when it is valid', () => {
    expect(parseOrThrow(z.strictObject({ a: z.number().default(7) }), {})).toEqual({ a: 7 });
  });
});
