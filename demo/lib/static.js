/**
 * Static files of the clinic site and the built widget. Clean URLs (`/clinics/x` → `clinics/x.html`),
 * no directory listings, nothing outside the served folder (`..`, encoded or not, is refused).
 * @module
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, resolve, sep } from 'node:path';
import { sendOutcome } from './outcome.js';

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

async function fileAt(path) {
  try {
    const info = await stat(path);
    return info.isFile() ? { path, size: info.size, mtime: info.mtime } : undefined;
  } catch {
    return undefined;
  }
}

/** The file a URL path names under `root`, trying `.html` and `index.html` for clean URLs. */
async function lookup(root, urlPath) {
  let decoded;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  if (decoded.includes('\0')) return undefined;
  const base = resolve(root);
  const wanted = resolve(join(base, decoded));
  if (wanted !== base && !wanted.startsWith(base + sep)) return undefined;
  const candidates = extname(wanted) === '' ? [`${wanted}.html`, join(wanted, 'index.html')] : [wanted];
  if (decoded.endsWith('/')) candidates.unshift(join(wanted, 'index.html'));
  for (const candidate of candidates) {
    const found = await fileAt(candidate);
    if (found) return found;
  }
  return undefined;
}

/**
 * Serve `urlPath` from `root` with `headers` added; answers 404 when there is no such file.
 * @param {{ root: string, urlPath: string, req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, headers?: Record<string, string>, notFoundPage?: string, rewriteHtml?: (html: string) => string }} options
 *   `rewriteHtml` adapts pages to where the server really runs (e.g. a port chosen at start-up).
 */
export async function serveFile(options) {
  const { req, res } = options;
  const found = await lookup(options.root, options.urlPath);
  if (!found) {
    const page = options.notFoundPage && (req.headers.accept ?? '').includes('text/html') ? await fileAt(options.notFoundPage) : undefined;
    if (page) {
      res.writeHead(404, { ...options.headers, 'Content-Type': TYPES['.html'], 'Content-Length': page.size, 'Cache-Control': 'no-store' });
      createReadStream(page.path).pipe(res);
      return;
    }
    sendOutcome(res, 404, 'not-found', 'There is no such page.');
    return;
  }
  const etag = `W/"${found.size.toString(16)}-${found.mtime.getTime().toString(16)}"`;
  const common = { ...options.headers, ETag: etag, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' };
  if (req.headers['if-none-match'] === etag) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  const type = TYPES[extname(found.path)] ?? 'application/octet-stream';
  if (options.rewriteHtml && extname(found.path) === '.html') {
    const html = options.rewriteHtml(await readFile(found.path, 'utf8'));
    res.writeHead(200, { ...common, 'Content-Type': type, 'Content-Length': Buffer.byteLength(html) });
    res.end(req.method === 'HEAD' ? undefined : html);
    return;
  }
  res.writeHead(200, { ...common, 'Content-Type': type, 'Content-Length': found.size });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  createReadStream(found.path).on('error', () => res.destroy()).pipe(res);
}
