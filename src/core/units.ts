// Durations in milliseconds, the unit of every instant in this service (ms since epoch).
export const SECOND = 1_000;
export const MINUTE = 60 * SECOND;
export const HOUR = 60 * MINUTE;
export const DAY = 24 * HOUR;
