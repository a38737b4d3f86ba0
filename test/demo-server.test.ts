/**
 * The demo server itself (no browser): pages and the widget are served, nothing outside the site
 * is, and /booking-api/ is a faithful reverse proxy — path prefix stripped, bodies streamed both
 * ways, every Set-Cookie line passed through, X-Forwarded-* set by the demo and never taken from
 * the client, and an OperationOutcome when the BFF is not there.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
