import { createRequire } from 'node:module';
import type * as CronParser from 'cron-parser';

let parser: typeof CronParser.CronExpressionParser | null = null;

/**
 * cron-parser, loaded the first time a cron expression is checked or planned: it brings luxon,
 * ~1 MB of heap a scheduler of intervals never uses. It is a CommonJS package, so `require`
 * loads it synchronously (the same instance an `import` of it gets).
 */
export function cronParser(): typeof CronParser.CronExpressionParser {
  if (parser === null) {
    const load = createRequire(import.meta.url);
    parser = (load('cron-parser') as typeof CronParser).CronExpressionParser;
  }
  return parser;
}
