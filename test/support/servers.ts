// Small real servers for fault and auth tests: each listens on a loopback port and records what
// it received, so tests assert on actual sockets rather than mocks.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createNetServer, type AddressInfo, type Socket } from 'node:net';
import { freePort } from './prometheus';

export interface Recorded { method: string; url: string; headers: IncomingMessage['headers'] }

export interface TestServer {
  url: string;
  requests: Recorded[];
  stop(): Promise<void>;
}

/** An HTTP server answering with `handler`, recording every request's method, URL and headers. */
export async function startHttpServer(handler: (req: IncomingMessage, res: ServerResponse, body: string) => void | Promise<void>): Promise<TestServer> {
  const requests: Recorded[] = [];
  const server = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    let body = '';
    req.setEncoding('utf8').on('data', (d: string) => { body += d; }).on('end', () => {
      Promise.resolve(handler(req, res, body)).catch((e) => { res.writeHead(599).end(String(e)); });
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    stop: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

/** Accepts connections and never writes a byte. */
export async function startSilentServer(): Promise<TestServer & { connections: () => number }> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server = createNetServer((s) => { accepted++; sockets.add(s); s.on('close', () => sockets.delete(s)); s.on('error', () => undefined); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    requests: [],
    connections: () => accepted,
    stop: () => new Promise<void>((r) => { for (const s of sockets) s.destroy(); server.close(() => r()); }),
  };
}

/** A loopback URL where nothing listens. */
export async function closedUrl(): Promise<string> {
  return `http://127.0.0.1:${await freePort()}`;
}

/** Forwards requests to `target` (a real Prometheus), recording headers on the way. */
export function startRecordingProxy(target: string): Promise<TestServer> {
  return startHttpServer(async (req, res, body) => {
    const upstream = await fetch(new URL(req.url ?? '/', target), {
      method: req.method,
      headers: req.headers['content-type'] ? { 'content-type': String(req.headers['content-type']) } : {},
      body: req.method === 'POST' ? body : undefined,
    });
    res.writeHead(upstream.status, { 'content-type': upstream.headers.get('content-type') ?? 'application/json' });
    res.end(await upstream.text());
  });
}

/** Answers the Prometheus JSON envelope for every request. */
export function jsonOk(res: ServerResponse, data: unknown): void {
  res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ status: 'success', data }));
}
