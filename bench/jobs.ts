/** How many jobs every scheduling case registers (DESIGN.md, "Performance targets"). */
export const JOBS = 10_000;
