// The tests' reference for a zone's wall clock: what ICU shows, read field by field, with no
// offset arithmetic of ours (the code under test has its own).
import type { WallTime } from '../../src/time/wall-clock';

const formats = new Map<string, Intl.DateTimeFormat>();

/** The wall clock of `zone` at `instant`, as Intl shows it. */
export function icuWallTime(instant: number, zone: string): WallTime {
  let format = formats.get(zone);
  if (format === undefined) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone: zone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(zone, format);
  }
  const parts = format.formatToParts(instant);
  const field = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return {
    year: field('year'),
    month: field('month'),
    day: field('day'),
    hour: field('hour'),
    minute: field('minute'),
    second: field('second'),
  };
}
