/** A cron schedule the cases register: its expression, and the rule it fires by. */
export interface CronSchedule {
  expression: string;
  /** The first slot strictly after `time` (ms since the epoch). */
  slotAfter: (time: number) => number;
  /** Fires each job is due in a window of `seconds`. */
  firesPerJob: (seconds: number) => number;
}

/** `* * * * * *`: every whole second. */
export const everySecond: CronSchedule = {
  expression: '* * * * * *',
  slotAfter: (time) => Math.floor(time / 1_000) * 1_000 + 1_000,
  firesPerJob: (seconds) => seconds,
};

/**
 * Once a day at the local time twelve hours from `now` ("due tomorrow", as far from now as a
 * daily job can be), so nothing is due during the measurement whatever the time of day.
 */
export function dailyTwelveHoursAhead(now: Date): CronSchedule {
  const at = new Date(now.getTime() + 12 * 3_600_000);
  const hour = at.getHours();
  const minute = at.getMinutes();
  return {
    expression: `${minute} ${hour} * * *`,
    slotAfter: (time) => {
      const slot = new Date(time);
      slot.setHours(hour, minute, 0, 0);
      if (slot.getTime() <= time) slot.setDate(slot.getDate() + 1);
      return slot.getTime();
    },
    firesPerJob: () => 0,
  };
}
