import { z } from 'zod';
import { refuseOwnProto } from './primitives.js';

const ENV_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;
const noNul = (text: string) => !text.includes('\0');

/**
 * A command action: `command` runs through the user's shell, `argv` runs without one; exactly
 * one of the two. `cwd` defaults to the user's home; `env` is merged over the environment.
 */
export const commandActionSchema = z
  .strictObject({
    type: z.literal('command'),
    command: z
      .string()
      .max(65_536)
      .refine((text) => text.trim().length > 0, 'Must not be empty')
      .refine(noNul, 'Must not contain NUL characters')
      .optional(),
    argv: z
      .array(z.string().max(65_536).refine(noNul, 'Must not contain NUL characters'))
      .min(1, 'Needs at least the program to run')
      .max(1_000)
      .refine((argv) => (argv[0] ?? '').length > 0, 'The program (argv[0]) must not be empty')
      .optional(),
    cwd: z.string().min(1).max(4_096).refine(noNul, 'Must not contain NUL characters').optional(),
    env: z
      .unknown()
      .check(refuseOwnProto('__proto__ cannot be used as a variable name'))
      .pipe(
        z
          .record(
            z.string().regex(ENV_NAME, 'Environment variable names are letters, digits and _'),
            z.string().max(65_536).refine(noNul, 'Must not contain NUL characters'),
          )
          .refine((env) => Object.keys(env).length <= 200, 'At most 200 variables'),
      )
      .optional(),
  })
  .check((ctx) => {
    const { command, argv } = ctx.value;
    if ((command === undefined) === (argv === undefined)) {
      ctx.issues.push({
        code: 'custom',
        input: ctx.value,
        path: ['command'],
        message: 'Give exactly one of command (run by the shell) or argv (run without a shell)',
      });
    }
  });

/** The serialisable action of a task (function actions exist only in the library API). */
export const actionSchema = commandActionSchema;

export type CommandAction = z.output<typeof commandActionSchema>;
export type Action = CommandAction;
