// How the bench writes figures: number formats, Markdown tables, verdicts, progress lines on
// stderr, and the line describing the machine the figures come from.
import { arch, cpus, loadavg, platform, release, totalmem } from 'node:os';

export const fixed = (n: number, digits: number) =>
  Number.isFinite(n) ? n.toFixed(digits) : 'n/a';
export const signed = (n: number, digits: number) => `${n >= 0 ? '+' : ''}${fixed(n, digits)}`;
export const thousands = (n: number) => Math.round(n).toLocaleString('en-US');
export const mb = (bytes: number) => bytes / 1024 / 1024;

export function table(head: string[], rows: string[][]): string {
  const line = (cells: string[]) => `| ${cells.join(' | ')} |`;
  return [line(head), line(head.map(() => '---')), ...rows.map(line)].join('\n');
}

export const verdict = (met: boolean) => (met ? 'met' : '**not met**');

/** On stderr, so that stdout is the report alone. */
export const progress = (line: string) => process.stderr.write(`bench: ${line}\n`);

export function machine(): string {
  const cores = cpus();
  return [
    `Machine: ${cores.length} cores (${cores[0]?.model.trim() ?? 'unknown CPU'}), ${fixed(totalmem() / 1024 ** 3, 1)} GB RAM, ${platform()} ${release()} ${arch()}, Node ${process.version}.`,
    `Started at ${new Date().toISOString()}; load average ${loadavg()
      .map((n) => n.toFixed(2))
      .join(' ')} (other work on the machine shows up as noise).`,
  ].join(' ');
}
