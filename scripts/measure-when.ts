// First-use and warm per-call CPU cost of readWhen (a measurement, not a test). Run bundled, as deployed:
//   npx esbuild scripts/measure-when.ts --bundle --platform=node --format=cjs \
//     --external:chrono-node --outfile=/tmp/measure-when.cjs && NODE_PATH=node_modules node /tmp/measure-when.cjs [locale] [text]
import { readWhen } from '../src/time/when';

const opts = {
  now: Date.parse('2026-06-10T14:30:00Z'),
  zone: 'America/New_York',
  locale: process.argv[2] ?? 'en-US',
};
const text = process.argv[3] ?? 'remind me tomorrow at 9am to call mom';
const cpu = (u: NodeJS.CpuUsage) => (u.user + u.system) / 1000;
let t = process.cpuUsage();
readWhen(text, opts);
const first = cpu(process.cpuUsage(t));
for (let i = 0; i < 200; i++) readWhen(text, opts);
const N = 2000;
t = process.cpuUsage();
for (let i = 0; i < N; i++) readWhen(text, opts);
console.log(
  `${opts.locale} first use ${first.toFixed(1)} ms CPU; warm ${((cpu(process.cpuUsage(t)) / N) * 1000).toFixed(0)} µs CPU per call`,
);
