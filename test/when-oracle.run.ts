// Reads every phrase of the `when` oracle in this process (whatever its TZ) and prints what was
// read, as JSON on stdout: test/when-oracle.test.ts runs it under several host zones.
import { formatLocal } from '../src/time/wall-clock';
import { readWhen } from '../src/time/when';
import { CLOCKS, ORACLE, type OracleLanguage } from './when-oracle.data';

/** What a row gave: 'YYYY-MM-DD HH:MM+hh:mm' local, 'now', or 'refused:<reason>'. */
export function readRow(clock: keyof typeof CLOCKS, text: string): string {
  const { zone, now } = CLOCKS[clock];
  const at = Date.parse(now);
  const result = readWhen(text, { now: at, zone });
  if (!result.ok) return `refused:${result.error.facts?.variant ?? result.error.code}`;
  if (result.value.instant === at) return 'now';
  const local = formatLocal(result.value.instant, zone); // 2027-03-15T12:00:00-04:00
  return `${local.slice(0, 10)} ${local.slice(11, 16)}${local.slice(19)}`;
}

if (process.argv[1]?.endsWith('when-oracle.run.ts')) {
  const out: Record<string, string[]> = {};
  for (const [language, rows] of Object.entries(ORACLE) as [OracleLanguage, typeof ORACLE.en][])
    out[language] = rows.map(([clock, text]) => readRow(clock, text));
  process.stdout.write(JSON.stringify(out));
}
