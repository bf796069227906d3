import type { z } from 'zod';
import { TaskdeckError, type ParamIssue } from '../../shared/errors.js';
import { parseOrThrow } from '../../shared/validation.js';

/** The `invalid_params` error `parseOrThrow` throws for `input`; throws when `input` is accepted. */
export function rejectionOf(schema: z.ZodType, input: unknown): TaskdeckError {
  try {
    parseOrThrow(schema, input);
  } catch (error) {
    if (error instanceof TaskdeckError && error.code === 'invalid_params') return error;
    throw error;
  }
  throw new Error(`Expected to be rejected: ${JSON.stringify(input)}`);
}

/** The issues `parseOrThrow` reports for `input`, in order. */
export function issuesOf(schema: z.ZodType, input: unknown): ParamIssue[] {
  return rejectionOf(schema, input).issues;
}

/** The paths of the issues `parseOrThrow` reports for `input`, in order. */
export function issuePathsOf(schema: z.ZodType, input: unknown): (string | number)[][] {
  return issuesOf(schema, input).map((issue) => issue.path);
}
