// A loopback HTTP proxy that adds a fixed delay to every request before passing it on: Twilio's
// real latency in front of the local emulator, for the STOP-at-scale test and bench. It counts
// requests and the most that were in flight at once, to show that concurrency stays bounded.
import { Agent, createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface LatencyProxy {
  /** `http://127.0.0.1:PORT`: use as TWILIO_API_BASE_URL. */
  url: string;
  /** Requests passed on so far. */
  readonly requests: number;
  /** Requests passed on so far, by HTTP method. */
  readonly byMethod: ReadonlyMap<string, number>;
  /** The most requests in flight at once. */
  readonly maxInFlight: number;
  reset(): void;
  stop(): Promise<void>;
}

export async function startLatencyProxy(target: string, delayMs: number): Promise<LatencyProxy> {
  const to = new URL(target);
  if (to.hostname !== '127.0.0.1' && to.hostname !== 'localhost') {
    throw new Error('The latency proxy only forwards to loopback.');
  }
  const agent = new Agent({ keepAlive: true });
  let requests = 0;
  let inFlight = 0;
  let maxInFlight = 0;
  const byMethod = new Map<string, number>();

  const server: Server = createServer((req, res) => {
    requests++;
    byMethod.set(req.method ?? '', (byMethod.get(req.method ?? '') ?? 0) + 1);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      setTimeout(() => {
        const upstream = request(
          {
            host: to.hostname,
            port: to.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: to.host },
            agent,
          },
          (answer) => {
            res.writeHead(answer.statusCode ?? 502, answer.headers);
            answer.pipe(res);
            answer.on('end', () => inFlight--);
          },
        );
        upstream.on('error', () => {
          inFlight--;
          if (!res.headersSent) res.writeHead(502);
          res.end();
        });
        upstream.end(Buffer.concat(chunks));
      }, delayMs);
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', resolve);
  });
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}`,
    get requests() {
      return requests;
    },
    byMethod,
    get maxInFlight() {
      return maxInFlight;
    },
    reset() {
      requests = 0;
      byMethod.clear();
      maxInFlight = inFlight;
    },
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
      agent.destroy();
    },
  };
}
