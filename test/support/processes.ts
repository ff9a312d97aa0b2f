// Looking at processes and sockets from a test, through /proc (Linux): who a process's children
// are, whether a process is still alive, which addresses it listens on, whether a port is free.
// Every wait is bounded.
import { readdirSync, readFileSync, readlinkSync } from 'node:fs';
import { createServer } from 'node:net';

/** The process's state letter and parent PID, or undefined when it is gone. */
function stat(pid: number): { state: string; ppid: number } | undefined {
  try {
    const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
    // The command name is in parentheses and may hold spaces: read after the last ')'.
    const [state, ppid] = text.slice(text.lastIndexOf(')') + 2).split(' ');
    return { state: state ?? '?', ppid: Number(ppid) };
  } catch {
    return undefined;
  }
}

/** Alive: exists and is not a zombie waiting to be reaped. */
export function isAlive(pid: number): boolean {
  const s = stat(pid);
  return s !== undefined && s.state !== 'Z';
}

export function childrenOf(pid: number): number[] {
  const children: number[] = [];
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const s = stat(Number(entry));
    if (s && s.ppid === pid && s.state !== 'Z') children.push(Number(entry));
  }
  return children;
}

/** The process's environment, as its parent gave it. */
export function environmentOf(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/environ`, 'utf8').split('\0').filter(Boolean);
  } catch {
    return [];
  }
}

export function commandLineOf(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').replaceAll('\0', ' ');
  } catch {
    return '';
  }
}

function socketInodes(pid: number): Set<string> {
  const inodes = new Set<string>();
  let fds: string[] = [];
  try {
    fds = readdirSync(`/proc/${pid}/fd`);
  } catch {
    return inodes;
  }
  for (const fd of fds) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/${pid}/fd/${fd}`));
      if (match?.[1]) inodes.add(match[1]);
    } catch {
      // Closed meanwhile.
    }
  }
  return inodes;
}

/** `0100007F:0BB8` (tcp) or the 32-hex-digit tcp6 form, as `127.0.0.1:3000` / `[::1]:3000`. */
function decodeAddress(hex: string): string {
  const [ip = '', port = '0'] = hex.split(':');
  const portNumber = Number.parseInt(port, 16);
  if (ip.length === 8) {
    const bytes = (ip.match(/../g) ?? []).map((b) => Number.parseInt(b, 16)).reverse();
    return `${bytes.join('.')}:${portNumber}`;
  }
  // tcp6: four 32-bit words, each in host (little-endian) byte order.
  const words = (ip.match(/.{8}/g) ?? []).map((w) => (w.match(/../g) ?? []).reverse().join(''));
  const groups = words.join('').match(/.{4}/g) ?? [];
  const text = groups.map((g) => Number.parseInt(g, 16).toString(16)).join(':');
  return `[${text}]:${portNumber}`;
}

/** Every TCP address the process listens on (IPv4 and IPv6). */
export function listeningAddresses(pid: number): string[] {
  const inodes = socketInodes(pid);
  const addresses: string[] = [];
  for (const table of ['/proc/net/tcp', '/proc/net/tcp6']) {
    let rows: string[] = [];
    try {
      rows = readFileSync(table, 'utf8').split('\n').slice(1);
    } catch {
      continue;
    }
    for (const row of rows) {
      const cols = row.trim().split(/\s+/);
      const [, local, , state] = cols;
      const inode = cols[9];
      if (state === '0A' && local && inode && inodes.has(inode)) {
        addresses.push(decodeAddress(local));
      }
    }
  }
  return addresses;
}

export const isLoopbackAddress = (address: string): boolean =>
  /^127\.\d+\.\d+\.\d+:\d+$/.test(address) || /^\[0:0:0:0:0:0:0:1\]:\d+$/.test(address);

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(false))
      .listen(port, '127.0.0.1', () => probe.close(() => resolve(true)));
  });
}

export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer()
      .once('error', reject)
      .listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => resolve(port));
      });
  });
}

/** Polls `condition` until it holds or `timeoutMs` passes; resolves to whether it held. */
export async function waitFor(
  condition: () => boolean | Promise<boolean>,
  timeoutMs: number,
  intervalMs = 25,
): Promise<boolean> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    if (await condition()) return true;
    if (Date.now() >= until) return false;
    await new Promise((resolve) => setTimeout(resolve, intervalMs));
  }
}

/** Kills each still-alive PID with SIGKILL: the cleanup of a failed test. */
export function killAll(pids: Iterable<number>): void {
  for (const pid of pids) {
    try {
      if (isAlive(pid)) process.kill(pid, 'SIGKILL');
    } catch {
      // Gone meanwhile.
    }
  }
}
