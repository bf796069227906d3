import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { actionSchema, type Action } from '../../shared/schemas/action.js';
import { parseOrThrow } from '../../shared/validation.js';
import { issuePathsOf, issuesOf } from './issues-of.js';

const parse = (input: unknown): Action => parseOrThrow(actionSchema, input);
const EXACTLY_ONE = 'Give exactly one of command (run by the shell) or argv (run without a shell)';

describe('command action: command or argv, exactly one', () => {
  it.each([
    { type: 'command', command: 'rsync -a ~/notes /backup' },
    { type: 'command', argv: ['rsync', '-a', '/home/me/notes', '/backup'] },
    { type: 'command', argv: ['/bin/true'] },
    { type: 'command', command: 'make', cwd: '/home/me/project', env: { CI: '1' } },
  ])('accepts %j unchanged', (action) => {
    expect(parse(action)).toEqual(action);
  });

  it.each([
    ['both', { type: 'command', command: 'true', argv: ['true'] }],
    ['neither', { type: 'command' }],
    ['neither, with cwd and env', { type: 'command', cwd: '/tmp', env: { A: '1' } }],
  ])('rejects %s at command, saying why', (_case, action) => {
    expect(issuesOf(actionSchema, action)).toEqual([{ path: ['command'], message: EXACTLY_ONE }]);
  });

  it.each(['', ' ', '\t\n  '])('rejects the empty or blank command %j at command', (command) => {
    expect(issuesOf(actionSchema, { type: 'command', command })).toContainEqual({
      path: ['command'],
      message: 'Must not be empty',
    });
  });

  it('rejects an empty argv at argv', () => {
    const issues = issuesOf(actionSchema, { type: 'command', argv: [] });
    expect(new Set(issues.map((issue) => issue.path.join('.')))).toEqual(new Set(['argv']));
    expect(issues[0]?.message).toBe('Needs at least the program to run');
  });

  it('rejects an empty program (argv[0]) at argv', () => {
    expect(issuesOf(actionSchema, { type: 'command', argv: ['', 'x'] })).toEqual([
      { path: ['argv'], message: 'The program (argv[0]) must not be empty' },
    ]);
  });

  it('accepts empty later arguments, which programs may take', () => {
    expect(parse({ type: 'command', argv: ['printf', ''] })).toEqual({
      type: 'command',
      argv: ['printf', ''],
    });
  });

  it.each([
    ['command', 'string', { type: 'command', command: ['ls'] }],
    ['argv', 'array', { type: 'command', argv: 'ls -l' }],
    ['argv', 'array of strings', { type: 'command', argv: ['ls', 1] }],
  ])('rejects a %s that is not a %s', (field, _kind, action) => {
    expect(issuePathsOf(actionSchema, action)[0]?.[0]).toBe(field);
  });

  it('rejects any other action type, such as a function, at type', () => {
    expect(issuePathsOf(actionSchema, { type: 'function', command: 'x' })).toEqual([['type']]);
    expect(issuePathsOf(actionSchema, { command: 'x' })).toEqual([['type']]);
  });

  it('rejects unknown keys at their path', () => {
    expect(issuePathsOf(actionSchema, { type: 'command', command: 'x', shell: 'zsh' })).toEqual([
      ['shell'],
    ]);
  });
});

describe('command action: NUL characters cannot reach the operating system', () => {
  it.each([
    ['command', { type: 'command', command: 'echo a\0b' }, ['command']],
    ['argv[0]', { type: 'command', argv: ['ec\0ho'] }, ['argv', 0]],
    ['argv[2]', { type: 'command', argv: ['echo', 'a', 'b\0'] }, ['argv', 2]],
    ['cwd', { type: 'command', command: 'ls', cwd: '/tmp\0/x' }, ['cwd']],
    ['an env value', { type: 'command', command: 'ls', env: { A: 'x\0y' } }, ['env', 'A']],
  ])('rejects NUL in %s, at its path', (_where, action, path) => {
    expect(issuesOf(actionSchema, action)).toEqual([
      { path, message: 'Must not contain NUL characters' },
    ]);
  });

  it('rejects NUL anywhere in a command (fast-check)', () => {
    fc.assert(
      fc.property(fc.string(), fc.string(), (before, after) => {
        expect(
          issuePathsOf(actionSchema, { type: 'command', command: `x${before}\0${after}` }),
        ).toEqual([['command']]);
      }),
    );
  });
});

describe('command action: env', () => {
  it.each(['PATH', 'A', '_', '_PRIVATE_1', 'lower_case', 'Mixed9'])(
    'accepts the variable name %s',
    (name) => {
      expect(parse({ type: 'command', command: 'env', env: { [name]: 'v' } })).toEqual({
        type: 'command',
        command: 'env',
        env: { [name]: 'v' },
      });
    },
  );

  it.each(['', '1ABC', 'A-B', 'A B', 'A=B', 'Ä', 'A.B', 'A\0'])(
    'rejects the variable name %j at env.<name>, saying what names may hold',
    (name) => {
      expect(
        issuesOf(actionSchema, { type: 'command', command: 'env', env: { [name]: 'v' } }),
      ).toEqual([
        { path: ['env', name], message: 'Environment variable names are letters, digits and _' },
      ]);
    },
  );

  it('accepts an empty value', () => {
    expect(parse({ type: 'command', command: 'env', env: { EMPTY: '' } })).toEqual({
      type: 'command',
      command: 'env',
      env: { EMPTY: '' },
    });
  });

  it('rejects a value that is not a string at env.<name>', () => {
    expect(issuePathsOf(actionSchema, { type: 'command', command: 'env', env: { N: 1 } })).toEqual([
      ['env', 'N'],
    ]);
  });

  it('accepts 200 variables and rejects 201 at env', () => {
    const vars = (n: number) =>
      Object.fromEntries(Array.from({ length: n }, (_, i) => [`V${i}`, '']));
    expect(parse({ type: 'command', command: 'env', env: vars(200) })).toBeTruthy();
    expect(issuePathsOf(actionSchema, { type: 'command', command: 'env', env: vars(201) })).toEqual(
      [['env']],
    );
  });
});

describe('command action: cwd', () => {
  it.each(['/', '/home/me/project', 'C:\\Users\\me'])('accepts %j', (cwd) => {
    expect(parse({ type: 'command', command: 'ls', cwd })).toEqual({
      type: 'command',
      command: 'ls',
      cwd,
    });
  });

  it('is optional: absent means the home folder, so nothing is filled in', () => {
    expect(parse({ type: 'command', command: 'ls' })).not.toHaveProperty('cwd');
  });

  it.each([
    ['empty', ''],
    ['too long (4,097 characters)', `/${'x'.repeat(4_096)}`],
    ['a number', 7],
  ])('rejects a cwd that is %s, at cwd', (_case, cwd) => {
    expect(issuePathsOf(actionSchema, { type: 'command', command: 'ls', cwd })).toEqual([['cwd']]);
  });
});

describe('command action: sizes', () => {
  it('accepts a 65,536-character command and rejects 65,537', () => {
    expect(parse({ type: 'command', command: 'x'.repeat(65_536) })).toBeTruthy();
    expect(issuePathsOf(actionSchema, { type: 'command', command: 'x'.repeat(65_537) })).toEqual([
      ['command'],
    ]);
  });

  it('accepts 1,000 arguments and rejects 1,001 at argv', () => {
    const argv = (n: number) => Array.from({ length: n }, (_, i) => `a${i}`);
    expect(parse({ type: 'command', argv: argv(1_000) })).toBeTruthy();
    expect(issuePathsOf(actionSchema, { type: 'command', argv: argv(1_001) })).toEqual([['argv']]);
  });
});

describe('env names that cannot be stored', () => {
  it('refuses __proto__ (JSON gives it as an own key) instead of dropping it silently', () => {
    const input = JSON.parse(
      '{"type":"command","command":"true","env":{"__proto__":"x","OK":"1"}}',
    ) as unknown;
    const result = actionSchema.safeParse(input);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.path).toEqual(['env', '__proto__']);
  });
});
