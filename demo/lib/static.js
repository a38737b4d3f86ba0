/**
 * Static files of the clinic site and the built widget. Clean URLs (`/clinics/x` → `clinics/x.html`),
 * no directory listings, nothing outside the served folder (`..`, encoded or not, is refused).
 * Text is sent brotli- or gzip-compressed when the browser takes it (`Vary: Accept-Encoding`): from
 * the copies the build wrote beside each file (the widget), or compressed per request (the site's
 * few small pages, which may be rewritten for the port in use).
 * @module
 */
import { createReadStream } from 'node:fs';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname, join, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import { REVALIDATE } from './cache-policy.js';
import { CODINGS, SUFFIX, chooseEncoding } from './encoding.js';
import { sendOutcome } from './outcome.js';
import { COMPRESSIBLE } from './precompress.js';

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

/** Per-request compression for small files: brotli at 5 is near its best ratio at a fraction of 11's CPU. */
const COMPRESS_NOW = {
  br: (data) => promisify(brotliCompress)(data, { params: { [constants.BROTLI_PARAM_QUALITY]: 5, [constants.BROTLI_PARAM_SIZE_HINT]: data.length } }),
  gzip: (data) => promisify(gzip)(data, { level: 6 }),
};

/** The build's compressed copy of `found` in `coding`, if there is one exactly as new as the file. */
async function precompressedCopy(found, coding) {
  const copy = await fileAt(found.path + SUFFIX[coding]);
  // A copy older (or newer) than its file belongs to another build: serving it would ship stale code.
  return copy && copy.mtime.getTime() === found.mtime.getTime() ? copy : undefined;
}

/**
 * What to send for `found`: its coding, the bytes (or a path to stream) and their length.
 * @returns {Promise<{ coding: 'br' | 'gzip' | 'identity', path?: string, body?: Buffer, size: number }>}
 */
async function representation(found, options, html) {
  const { req } = options;
  const raw = html === undefined ? undefined : Buffer.from(html);
  const identity = raw ? { coding: 'identity', body: raw, size: raw.length } : { coding: 'identity', path: found.path, size: found.size };
  if (options.compress === 'precompressed' && raw === undefined) {
    const copies = {};
    for (const coding of CODINGS) copies[coding] = await precompressedCopy(found, coding);
    const coding = chooseEncoding(req.headers['accept-encoding'], CODINGS.filter((c) => copies[c]));
    return coding === 'identity' ? identity : { coding, path: copies[coding].path, size: copies[coding].size };
  }
  if (options.compress === 'on-the-fly' || options.compress === 'precompressed') {
    const coding = chooseEncoding(req.headers['accept-encoding']);
    if (coding === 'identity') return identity;
    const body = await COMPRESS_NOW[coding](raw ?? await readFile(found.path));
    return { coding, body, size: body.length };
  }
  return identity;
}

/**
 * Serve `urlPath` from `root` with `headers` added; answers 404 when there is no such file.
 * @param {{ root: string, urlPath: string, req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse, headers?: Record<string, string>, pageHeaders?: Record<string, string>, notFoundPage?: string, rewriteHtml?: (html: string) => string, compress?: 'precompressed' | 'on-the-fly', cacheControl?: (fileName: string) => string }} options
 *   `rewriteHtml` adapts pages to where the server really runs (e.g. a port chosen at start-up).
 *   `compress`: where compressed text comes from — the build's `.br`/`.gz` copies beside each file
 *   (a rewritten page is then compressed per request), or per request for every text file; unset, never.
 *   `cacheControl` names the Cache-Control of a file by its name (default: always revalidate).
 *   `pageHeaders` go with HTML answers only: a policy for documents (CSP, framing, referrer) means
 *   nothing on a stylesheet or an image, and over HTTP/1.1 each copy costs half a kilobyte.
 */
export async function serveFile(options) {
  const { req, res } = options;
  const found = await lookup(options.root, options.urlPath);
  if (!found) {
    const page = options.notFoundPage && (req.headers.accept ?? '').includes('text/html') ? await fileAt(options.notFoundPage) : undefined;
    if (page) {
      res.writeHead(404, { ...options.headers, ...options.pageHeaders, 'Content-Type': TYPES['.html'], 'Content-Length': page.size, 'Cache-Control': 'no-store' });
      createReadStream(page.path).pipe(res);
      return;
    }
    sendOutcome(res, 404, 'not-found', 'There is no such page.');
    return;
  }
  const extension = extname(found.path);
  const compressible = options.compress !== undefined && COMPRESSIBLE.has(extension);
  const html = options.rewriteHtml && extension === '.html' ? options.rewriteHtml(await readFile(found.path, 'utf8')) : undefined;
  const sent = compressible ? await representation(found, options, html) : html === undefined
    ? { coding: 'identity', path: found.path, size: found.size }
    : { coding: 'identity', body: Buffer.from(html), size: Buffer.byteLength(html) };
  // One ETag per representation: a cache holding the gzip bytes must not revalidate them against brotli.
  const tag = `${found.size.toString(16)}-${found.mtime.getTime().toString(16)}${sent.coding === 'identity' ? '' : `-${sent.coding}`}`;
  const etag = `W/"${tag}"`;
  const common = {
    ...options.headers,
    ...(extension === '.html' ? options.pageHeaders : {}),
    ETag: etag,
    'Cache-Control': (options.cacheControl ?? (() => REVALIDATE))(basename(found.path)),
    'X-Content-Type-Options': 'nosniff',
    ...(compressible ? { Vary: 'Accept-Encoding' } : {}),
  };
  if (String(req.headers['if-none-match'] ?? '').split(',').some((candidate) => candidate.trim() === etag)) {
    res.writeHead(304, common);
    res.end();
    return;
  }
  const type = TYPES[extension] ?? 'application/octet-stream';
  res.writeHead(200, {
    ...common,
    'Content-Type': type,
    'Content-Length': sent.size,
    ...(sent.coding === 'identity' ? {} : { 'Content-Encoding': sent.coding }),
  });
  if (req.method === 'HEAD') {
    res.end();
    return;
  }
  if (sent.body) {
    res.end(sent.body);
    return;
  }
  createReadStream(sent.path).on('error', () => res.destroy()).pipe(res);
}
