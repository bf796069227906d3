/**
 * IANA time-zone helpers shared by validation (shared/) and scheduling (core).
 * Intl is the source of truth: it is what the engine uses to compute wall-clock times.
 */

const canonical = new Map<string, string | null>();

/** Returns the canonical IANA name for `zone`, or null when it is not an IANA zone Intl knows. */
export function canonicalTimeZone(zone: string): string | null {
  const hit = canonical.get(zone);
  if (hit !== undefined) return hit;
  let name: string | null = null;
  // Offsets such as "+01:00" are not IANA names, and only newer runtimes (Node 24, Electron)
  // accept them: a task saved by the app would then fail to load in a Node 20 host.
  if (zone.trim() === zone && zone.length > 0 && !/^[+-]/.test(zone)) {
    try {
      name = new Intl.DateTimeFormat('en-US', { timeZone: zone }).resolvedOptions().timeZone;
    } catch {
      name = null;
    }
  }
  canonical.set(zone, name);
  return name;
}

/** The zone the system is in right now, as Intl reports it. */
export function systemTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}
