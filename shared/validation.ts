import type { z } from 'zod';
import { TaskdeckError, type ParamIssue } from './errors.js';

type Issue = z.ZodError['issues'][number];

/** Issues saying the input is not of the schema's kind at all (a list where a string goes). */
function kindMismatches(issues: readonly Issue[]): number {
  return issues.filter(
    (issue) =>
      issue.path.length === 0 && (issue.code === 'invalid_type' || issue.code === 'invalid_value'),
  ).length;
}

function flatten(issues: readonly Issue[], prefix: (string | number)[], out: ParamIssue[]): void {
  for (const issue of issues) {
    const path = [
      ...prefix,
      ...issue.path.map((part) => (typeof part === 'symbol' ? String(part) : part)),
    ];
    if (issue.code === 'unrecognized_keys') {
      for (const key of issue.keys) out.push({ path: [...path, key], message: 'Unknown field' });
    } else if (issue.code === 'invalid_union' && issue.errors.length > 0) {
      // Report the closest branch rather than "invalid input" for the whole union: one of the
      // input's kind first (a list of too many statuses is "too big", not "not a status").
      flatten(
        issue.errors.reduce((a, b) => {
          const kind = kindMismatches(a) - kindMismatches(b);
          return kind < 0 || (kind === 0 && a.length <= b.length) ? a : b;
        }),
        path,
        out,
      );
    } else if (issue.code === 'invalid_key') {
      // zod's own message is "Invalid key in record"; the key schema's message says why.
      flatten(issue.issues, path, out);
    } else {
      out.push({ path, message: issue.message });
    }
  }
}

/** Flattens zod issues to `{path, message}`, one per unknown key so each field is named. */
export function toParamIssues(error: z.ZodError): ParamIssue[] {
  const out: ParamIssue[] = [];
  flatten(error.issues, [], out);
  return out;
}

/** Renders issues as one readable sentence: `triggers.0.expression: Invalid cron expression…`. */
export function describeIssues(issues: ParamIssue[]): string {
  return issues
    .map((issue) =>
      issue.path.length > 0 ? `${issue.path.join('.')}: ${issue.message}` : issue.message,
    )
    .join('; ');
}

/** Parses `input` with `schema` or throws an `invalid_params` TaskdeckError naming the fields. */
export function parseOrThrow<S extends z.ZodType>(
  schema: S,
  input: unknown,
  prefix: (string | number)[] = [],
): z.output<S> {
  const result = schema.safeParse(input);
  if (result.success) return result.data;
  const issues = toParamIssues(result.error).map((issue) => ({
    ...issue,
    path: [...prefix, ...issue.path],
  }));
  throw new TaskdeckError('invalid_params', describeIssues(issues), issues);
}
