import { CronExpressionParser } from 'cron-parser';
import { cronChecker } from './cron-expression-check.js';

export { CRON_ALIASES } from './cron-expression-check.js';

/**
 * Checks a cron expression: 5 fields, or 6 with seconds first, or an alias. Returns the
 * problem in plain words, or null when the expression is valid.
 */
export const cronExpressionProblem = cronChecker((text) => {
  CronExpressionParser.parse(text, { tz: 'UTC' });
});
