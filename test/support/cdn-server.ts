/**
 * A folder served the way a CDN serves the widget to other origins: every response carries
 * `Access-Control-Allow-Origin: *`, which a `<script crossorigin>` (needed for `integrity` on a
 * script from another origin) and every module script require. Files only, no listings, no
 * compression; each request's path is recorded so a test can see what the browser fetched.
 */
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

const TYPES: Readonly<Record<string, string>> = {
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.map': 'application/json',
};

export interface CdnServer {
  /** `http://127.0.0.1:<port>`: another site than the demo's `localhost` pages. */
  readonly origin: string;
  /** Paths requested so far, in order. */
  readonly requested: readonly string[];
  close(): Promise<void>;
}

export async function startCdnServer(folder: string): Promise<CdnServer> {
  const root = normalize(folder + sep);
  const requested: string[] = [];
  const server: Server = createServer((request, response) => {
    const path = decodeURIComponent(new URL(request.url ?? '/', 'http://cdn').pathname);
    requested.push(path);
    const file = normalize(join(root, path));
    response.setHeader('Access-Control-Allow-Origin', '*');
    if (!file.startsWith(root) || request.method !== 'GET') {
      response.writeHead(404).end();
      return;
    }
    readFile(file).then((body) => {
      response.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'no-store' }).end(body);
    }, () => response.writeHead(404).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requested,
    close: () => new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    }),
  };
}
