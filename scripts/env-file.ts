// Reading a .env file, the one way every command does it: node:util's parseEnv (the format
// Node's own --env-file reads). A missing file is no variables.
import { existsSync, readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';

export function readDotEnv(path: string): Record<string, string> {
  if (!existsSync(path)) return {};
  const entries = Object.entries(parseEnv(readFileSync(path, 'utf8')));
  return Object.fromEntries(entries.map(([key, value]) => [key, value ?? '']));
}
