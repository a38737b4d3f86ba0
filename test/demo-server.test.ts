/**
 * The demo server itself (no browser): pages and the widget are served, nothing outside the site
 * is, and /booking-api/ is a faithful reverse proxy — path prefix stripped, bodies streamed both
 * ways, every Set-Cookie line passed through, X-Forwarded-* set by the demo and never taken from
 * the client, and an OperationOutcome when the BFF is not there. Text goes out compressed as the
 * browser asks (brotli, else gzip, else as is), and the widget's hashed chunks and pinned releases are
 * cached for good.
 */
import { mkdtempSync, readFileSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { precompressDir } from '../demo/lib/precompress.js';
import { createDemoServer } from '../demo/server.js';
import { stack } from './support/journey.js';

interface Echoed { method: string; url: string; headers: http.IncomingHttpHeaders; body: string }

let upstream: http.Server;
let demo: ReturnType<typeof createDemoServer>;
let base: string;

beforeAll(async () => {
  // A stand-in upstream that answers with what it received: the proxy is what is under test here.
  upstream = http.createServer((req, res) => {
    let body = '';
    req.setEncoding('utf8');
    req.on('data', (chunk: string) => { body += chunk; });
    req.on('end', () => {
      const echoed: Echoed = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body };
      res.setHeader('Set-Cookie', ['a=1; Path=/; HttpOnly', 'b=2; Path=/; HttpOnly']);
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(echoed));
    });
  });
  await new Promise<void>((done) => upstream.listen(0, '127.0.0.1', done));
  demo = createDemoServer({ bff: `http://127.0.0.1:${(upstream.address() as AddressInfo).port}` });
  base = `http://localhost:${await demo.listen(0)}`;
});

afterAll(async () => {
  await demo.close();
  await new Promise((done) => upstream.close(done));
});

describe('static site', () => {
  it('serves pages by clean URL with security headers', async () => {
    const answer = await fetch(`${base}/kliniker/stockholm-city`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/text\/html/);
    expect(answer.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await answer.text();
    expect(html).toContain('<script type="module" src="/widget/itb-booking.js"></script>');
    expect(html).toContain('<itb-booking bff="/booking-api" terms-url="/villkor" clinic="stockholm-city">');
  });

  it('serves the built widget', async () => {
    const answer = await fetch(`${base}/widget/itb-booking.js`);
    expect(answer.status).toBe(200);
    expect(answer.headers.get('content-type')).toMatch(/javascript/);
  });

  it('refuses paths outside the site, plain and encoded', async () => {
    for (const path of ['/../package.json', '/..%2f..%2fpackage.json', '/%2e%2e/server.js', '/widget/..%2f..%2f..%2fpackage.json', '/%00']) {
      const answer = await fetch(`${base}${path}`);
      expect(answer.status, path).toBe(404);
      expect((await answer.json()).resourceType).toBe('OperationOutcome');
    }
  });

  it('answers a browser with a page and anything else with an OperationOutcome on 404', async () => {
    const page = await fetch(`${base}/nope`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(404);
    expect(await page.text()).toContain('Sidan finns inte');
    const api = await fetch(`${base}/nope`);
    expect((await api.json()).issue[0].details.coding[0].code).toBe('not-found');
  });

  it('rewrites the demo origin in pages to the port in use', async () => {
    const html = await (await fetch(`${base}/cross-site.html`)).text();
    expect(html).toContain(`bff="${base}/booking-api"`);
    expect(html).toContain(`href="http://127.0.0.1:${new URL(base).port}/cross-site.html"`);
    expect(html).not.toContain(':4030');
  });
});

interface RawAnswer { status: number; headers: http.IncomingHttpHeaders; body: Buffer }

/** GET without fetch's automatic decoding: the bytes as they crossed the wire. */
function rawGet(url: string, headers: Record<string, string> = {}, method = 'GET'): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    http.request(url, { method, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (chunk: Buffer) => chunks.push(chunk));
      answer.on('end', () => resolve({ status: answer.statusCode ?? 0, headers: answer.headers, body: Buffer.concat(chunks) }));
      answer.on('error', reject);
    }).on('error', reject).end();
  });
}

function decoded(answer: RawAnswer): Buffer {
  const coding = answer.headers['content-encoding'];
  if (coding === 'br') return brotliDecompressSync(answer.body);
  if (coding === 'gzip') return gunzipSync(answer.body);
  expect(coding).toBeUndefined();
  return answer.body;
}

describe('compression and caching', () => {
  // A widget build of our own: an unversioned entry, a hashed chunk, the build's .br/.gz copies.
  const dir = mkdtempSync(join(tmpdir(), 'itb-widget-'));
  const entry = Buffer.from(`export const steps = ${JSON.stringify(Array.from({ length: 400 }, (_, i) => ({ step: i, label: `Step ${i}` })))};\n`);
  const chunk = Buffer.from(`import { steps } from './itb-booking.js';\n${'export const times = steps.map((s) => s.label);\n'.repeat(50)}`);
  let widgetBase: string;
  let widgetDemo: ReturnType<typeof createDemoServer>;

  beforeAll(async () => {
    writeFileSync(join(dir, 'itb-booking.js'), entry);
    writeFileSync(join(dir, 'itb-time-step-Bx3kq9Zd.js'), chunk);
    writeFileSync(join(dir, 'itb-booking-1.4.0.js'), entry);
    precompressDir(dir);
    widgetDemo = createDemoServer({ widgetDir: dir });
    widgetBase = `http://localhost:${await widgetDemo.listen(0)}/widget`;
  });

  afterAll(async () => {
    await widgetDemo.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('answers brotli, gzip or the file as is by Accept-Encoding, with the same bytes once decoded', async () => {
    const cases: [string, string | undefined][] = [
      ['gzip, deflate, br, zstd', 'br'],
      ['gzip, deflate', 'gzip'],
      ['br;q=0.5, gzip', 'gzip'],
      ['*', 'br'],
      ['br;q=0, *', 'gzip'],
      ['identity', undefined],
      ['', undefined],
    ];
    for (const [accept, coding] of cases) {
      const answer = await rawGet(`${widgetBase}/itb-booking.js`, { 'accept-encoding': accept });
      expect(answer.status, accept).toBe(200);
      expect(answer.headers['content-encoding'], accept).toBe(coding);
      expect(answer.headers['content-type'], accept).toBe('text/javascript; charset=utf-8');
      expect(answer.headers.vary, accept).toBe('Accept-Encoding');
      expect(Number(answer.headers['content-length']), accept).toBe(answer.body.length);
      expect(decoded(answer).equals(entry), accept).toBe(true);
      if (coding !== undefined) expect(answer.body.length, accept).toBeLessThan(entry.length / 3);
    }
  });

  it('caches hashed chunks and pinned releases for a year and the unversioned entry briefly, revalidated per encoding', async () => {
    const chunkAnswer = await rawGet(`${widgetBase}/itb-time-step-Bx3kq9Zd.js`, { 'accept-encoding': 'br' });
    expect(chunkAnswer.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(decoded(chunkAnswer).equals(chunk)).toBe(true);
    const pinned = await rawGet(`${widgetBase}/itb-booking-1.4.0.js`, { 'accept-encoding': 'br' });
    expect(pinned.headers['cache-control']).toBe('public, max-age=31536000, immutable');
    expect(decoded(pinned).equals(entry)).toBe(true);
    const br = await rawGet(`${widgetBase}/itb-booking.js`, { 'accept-encoding': 'br' });
    const gzip = await rawGet(`${widgetBase}/itb-booking.js`, { 'accept-encoding': 'gzip' });
    expect(br.headers['cache-control']).toBe('public, max-age=300, must-revalidate');
    expect(br.headers.etag).not.toBe(gzip.headers.etag);
    const again = await rawGet(`${widgetBase}/itb-booking.js`, { 'accept-encoding': 'br', 'if-none-match': String(br.headers.etag) });
    expect(again.status).toBe(304);
    expect(again.headers.vary).toBe('Accept-Encoding');
    // The brotli ETag does not validate the gzip bytes a shared cache may hold.
    const crossed = await rawGet(`${widgetBase}/itb-booking.js`, { 'accept-encoding': 'gzip', 'if-none-match': String(br.headers.etag) });
    expect(crossed.status).toBe(200);
    expect(crossed.headers['content-encoding']).toBe('gzip');
  });

  it('answers HEAD with the length of the encoding it would send', async () => {
    const head = await rawGet(`${widgetBase}/itb-booking.js`, { 'accept-encoding': 'br' }, 'HEAD');
    const get = await rawGet(`${widgetBase}/itb-booking.js`, { 'accept-encoding': 'br' });
    expect(head.body.length).toBe(0);
    expect(head.headers['content-length']).toBe(String(get.body.length));
  });

  it('never serves a compressed copy older than its file (a rebuild without precompressing)', async () => {
    const fresh = Buffer.from(`${entry.toString()}// rebuilt\n`);
    writeFileSync(join(dir, 'itb-booking.js'), fresh);
    utimesSync(join(dir, 'itb-booking.js'), new Date(), new Date(Date.now() + 5_000));
    try {
      const answer = await rawGet(`${widgetBase}/itb-booking.js`, { 'accept-encoding': 'br, gzip' });
      expect(answer.headers['content-encoding']).toBeUndefined();
      expect(answer.body.equals(fresh)).toBe(true);
    } finally {
      writeFileSync(join(dir, 'itb-booking.js'), entry);
      precompressDir(dir);
    }
  });

  it('serves the real build: the widget entry and its chunks precompressed', async () => {
    const dist = fileURLToPath(new URL('../packages/widget/dist/', import.meta.url));
    const answer = await rawGet(`${base}/widget/itb-booking.js`, { 'accept-encoding': 'br' });
    expect(answer.headers['content-encoding']).toBe('br');
    expect(decoded(answer).equals(readFileSync(join(dist, 'itb-booking.js')))).toBe(true);
  });

  it('caches the real build by name: the unversioned entries briefly, the pinned release and every chunk for a year', async () => {
    // Told apart here by how the build names them, not by the policy's own patterns: the entries
    // by their fixed names (vite.config.ts), the pinned files by integrity.json (scripts/cdn-files.js),
    // and everything else is a chunk named [name]-[hash].js, whose hash may hold `-` or `_`.
    const dist = fileURLToPath(new URL('../packages/widget/dist/', import.meta.url));
    const pinned = Object.keys((JSON.parse(readFileSync(join(dist, 'integrity.json'), 'utf8')) as { files: Record<string, string> }).files);
    const scripts = readdirSync(dist).filter((name) => name.endsWith('.js'));
    expect(scripts).toEqual(expect.arrayContaining([...pinned, 'itb-booking.js', 'itb-booking.iife.js']));
    expect(pinned).toHaveLength(2);
    for (const name of scripts) {
      const answer = await rawGet(`${base}/widget/${name}`, { 'accept-encoding': 'br' }, 'HEAD');
      const unversioned = name === 'itb-booking.js' || name === 'itb-booking.iife.js';
      expect(answer.headers['cache-control'], name).toBe(unversioned ? 'public, max-age=300, must-revalidate' : 'public, max-age=31536000, immutable');
    }
  });

  it('compresses the site\'s pages (as rewritten for the port) and CSS per request', async () => {
    const page = await rawGet(`${base}/cross-site.html`, { 'accept-encoding': 'gzip, br' });
    expect(page.headers['content-encoding']).toBe('br');
    expect(page.headers['cache-control']).toBe('no-cache');
    expect(page.headers['content-security-policy']).toContain("script-src 'self'");
    const html = decoded(page).toString('utf8');
    expect(html).toContain(`bff="${base}/booking-api"`);
    const css = await rawGet(`${base}/assets/site.css`, { 'accept-encoding': 'gzip' });
    expect(css.headers['content-encoding']).toBe('gzip');
    expect(css.headers['content-type']).toBe('text/css; charset=utf-8');
    expect(decoded(css).equals(readFileSync(fileURLToPath(new URL('../demo/site/assets/site.css', import.meta.url))))).toBe(true);
    // A document's policy (CSP, framing, referrer) goes with documents only: on a stylesheet it is
    // half a kilobyte of headers that mean nothing (issue 14 counts every byte).
    for (const header of ['content-security-policy', 'x-frame-options', 'referrer-policy', 'permissions-policy']) {
      expect(page.headers[header], header).toBeDefined();
      expect(css.headers[header], header).toBeUndefined();
    }
    expect(css.headers['x-content-type-options']).toBe('nosniff');
  });
});

describe('/booking-api proxy', () => {
  it('strips the prefix, streams the body and passes every Set-Cookie line', async () => {
    const body = 'x'.repeat(200_000);
    const answer = await fetch(`${base}/booking-api/fhir/Appointment/$book?x=1`, { method: 'POST', body, headers: { 'content-type': 'text/plain' } });
    const echoed = await answer.json() as Echoed;
    expect(echoed.method).toBe('POST');
    expect(echoed.url).toBe('/fhir/Appointment/$book?x=1');
    expect(echoed.body).toBe(body);
    expect(answer.headers.getSetCookie()).toEqual(['a=1; Path=/; HttpOnly', 'b=2; Path=/; HttpOnly']);
  });

  it('sets X-Forwarded-* itself and drops what the client claimed', async () => {
    const answer = await fetch(`${base}/booking-api/auth/session`, {
      headers: { 'x-forwarded-for': '203.0.113.9', 'x-forwarded-host': 'evil.example', forwarded: 'for=203.0.113.9', 'x-real-ip': '203.0.113.9' },
    });
    const { headers } = await answer.json() as Echoed;
    expect(headers['x-forwarded-for']).toMatch(/^(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1)$/);
    expect(headers['x-forwarded-host']).toBe(new URL(base).host);
    expect(headers['x-forwarded-proto']).toBe('http');
    expect(headers['x-forwarded-prefix']).toBe('/booking-api');
    expect(headers.forwarded).toBeUndefined();
    expect(headers['x-real-ip']).toBeUndefined();
  });

  it('answers 502 with an OperationOutcome when the BFF is down', async () => {
    const down = createDemoServer({ bff: 'http://127.0.0.1:9' });
    const port = await down.listen(0);
    try {
      const answer = await fetch(`http://localhost:${port}/booking-api/readyz`);
      expect(answer.status).toBe(502);
      const body = await answer.json();
      expect(body.issue[0].details.coding[0].code).toBe('upstream-unavailable');
    } finally {
      await down.close();
    }
  });

  it('reaches the real BFF of the stack, same-origin with the pages', async () => {
    const answer = await fetch(`${stack().demo}/booking-api/readyz`);
    expect(answer.status).toBe(200);
    const login = await fetch(`${stack().bffPublic}/auth/login?returnTo=${encodeURIComponent(`${stack().demo}/`)}`, { redirect: 'manual' });
    expect(login.status).toBe(302);
    expect(new URL(login.headers.get('location')!).origin).toBe(new URL(stack().sandbox).origin);
    expect(login.headers.getSetCookie().some((c) => /HttpOnly/i.test(c))).toBe(true);
  });
});
