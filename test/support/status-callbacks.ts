// Where the emulator posts Twilio's status callbacks in a test: a loopback server that hands each
// one to the built /message-status as the Functions runtime would (the URL's query, such as the
// series, and the form fields in one event).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Answer } from './functions';

export interface CallbackServer {
  /** `127.0.0.1:PORT`: what DOMAIN_NAME is set to, so that callbacks come here. */
  domain: string;
  close(): Promise<void>;
}

export async function serveStatusCallbacks(
  answer: (event: Record<string, unknown>) => Promise<Answer>,
): Promise<CallbackServer> {
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const query = new URL(req.url ?? '/', 'http://local').searchParams;
    const event = Object.fromEntries([
      ...query,
      ...new URLSearchParams(Buffer.concat(chunks).toString()),
    ]);
    const answered = await answer(event);
    res.writeHead(answered.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(answered.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    domain: `127.0.0.1:${port}`,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
