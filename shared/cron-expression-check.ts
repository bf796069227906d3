/** Aliases accepted in place of five fields; they are what people write in crontabs. */
export const CRON_ALIASES = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@hourly'];

/** Parses a cron expression (cron-parser's rules) and throws when it is not one. */
export type ParseCron = (text: string) => void;

const CHECKED_LIMIT = 10_000;

/**
 * A cron expression checker over `parse`: 5 fields, or 6 with seconds first, or an alias.
 * It returns the problem in plain words, or null when the expression is valid. The parser is
 * passed in so that the engine checks with the parse its cron planning keeps (one parse per
 * expression for both).
 * cron-parser alone accepts '' and short expressions as "every minute", so the field count is
 * checked here first.
 */
export function cronChecker(parse: ParseCron): (expression: string) => string | null {
  // Thousands of tasks share a handful of expressions: parse each once (bounded memory).
  const checked = new Map<string, string | null>();
  const findProblem = (expression: string): string | null => {
    const text = expression.trim();
    if (text.length === 0) return 'Cron expression is empty';
    if (text.startsWith('@')) {
      // Exact match: cron-parser (which the engine runs) knows the aliases in lower case only.
      return CRON_ALIASES.includes(text)
        ? null
        : `Unknown cron alias "${text}"; use one of ${CRON_ALIASES.join(', ')}`;
    }
    const fields = text.split(/\s+/).length;
    if (fields !== 5 && fields !== 6) {
      return `Cron expression needs 5 fields (minute hour day month weekday) or 6 with seconds first; got ${fields}`;
    }
    try {
      parse(text);
      return null;
    } catch (error) {
      return `Invalid cron expression: ${error instanceof Error ? error.message : String(error)}`;
    }
  };
  return (expression) => {
    const hit = checked.get(expression);
    if (hit !== undefined) return hit;
    const problem = findProblem(expression);
    if (checked.size >= CHECKED_LIMIT) checked.clear();
    checked.set(expression, problem);
    return problem;
  };
}
