import { z } from 'zod';

/** A UUID as produced by `crypto.randomUUID()`; task and execution ids use it. */
export const idSchema = z.uuid({ error: 'Must be a UUID' });

/**
 * An ISO 8601 date-time with `Z` or an offset; normalised to a UTC string ending in `Z` so
 * every stored and returned time has one form, which this schema accepts again.
 */
export const isoDateTimeSchema = z.iso
  .datetime({ offset: true, error: 'Must be an ISO 8601 date-time such as 2026-01-31T09:00:00Z' })
  .transform((text, ctx) => {
    const utc = new Date(text).toISOString();
    // An offset can push year 0000 or 9999 out of four digits (`-000001-…`, `+010000-…`),
    // a form no schema accepts back, so a stored task holding it could never be loaded again.
    if (!/^\d{4}-/.test(utc)) {
      ctx.addIssue({ code: 'custom', message: 'Must fall within the years 0000 to 9999 in UTC' });
      return z.NEVER;
    }
    return utc;
  });

/** An ISO 8601 UTC time as the service writes it (already normalised). */
export const utcTimeSchema = z.iso.datetime({ error: 'Must be an ISO 8601 UTC date-time' });

/** Integer helper: the bounds are part of the contract, so every use states them. */
export const int = (min: number, max: number) => z.number().int().min(min).max(max);

/**
 * Refuses an own `__proto__` key (JSON.parse makes one), which zod's records silently drop:
 * API.md wants unknown keys refused, never dropped. For `.check()` on an object-valued schema.
 */
export function refuseOwnProto(message: string): z.core.CheckFn<unknown> {
  return (ctx) => {
    if (
      typeof ctx.value === 'object' &&
      ctx.value !== null &&
      Object.hasOwn(ctx.value, '__proto__')
    ) {
      ctx.issues.push({ code: 'custom', input: ctx.value, path: ['__proto__'], message });
    }
  };
}
