import { Writable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { offlineTestConfig } from '../test/test-config.test-support.js';
import { createBff } from './create-bff.js';
import { OutcomeError } from './errors.js';
import { scrubText } from './logging.js';

const config = offlineTestConfig();

function capture(): { stream: Writable; lines: () => Record<string, unknown>[]; text: () => string } {
  const chunks: string[] = [];
  const stream = new Writable({ write(chunk, _enc, done) { chunks.push(String(chunk)); done(); } });
  return { stream, text: () => chunks.join(''), lines: () => chunks.join('').split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>) };
}

describe('logging', () => {
  it('logs method, route, status, duration and request id, never the query string or body', async () => {
    const out = capture();
    const app = await createBff(config, { logger: { level: 'info', stream: out.stream } });
    app.get('/t/callback', async () => ({ ok: true }));
    app.post('/echo', async () => ({ ok: true }));
    await app.ready();
    const res = await app.inject({ url: '/t/callback?code=SECRETCODE123&state=s', headers: { 'x-request-id': 'req-abcdef12', cookie: 'sid=COOKIEVALUE' } });
    expect(res.headers['x-request-id']).toBe('req-abcdef12');
    await app.inject({ method: 'POST', url: '/echo', headers: { origin: 'https://clinic.example', 'x-itb-csrf': '1' }, payload: { personalNumber: '191212121212', phone: '0701234567' } });
    await app.close();
    const done = out.lines().filter((l) => l['msg'] === 'request completed');
    expect(done[0]).toMatchObject({ method: 'GET', route: '/t/callback', status: 200, reqId: 'req-abcdef12' });
    expect(typeof done[0]?.['durationMs']).toBe('number');
    expect(out.text()).not.toMatch(/SECRETCODE123|COOKIEVALUE|191212121212|0701234567/);
  });

  it('redacts credential headers and personal fields, and scrubs personal numbers in messages and causes', async () => {
    const out = capture();
    const app = await createBff(config, { logger: { level: 'info', stream: out.stream } });
    app.get('/boom', async () => { throw new OutcomeError('upstream-unavailable', 'Upstream failed.', { cause: new Error('patient 19121212-1212 refused') }); });
    await app.ready();
    app.log.info({ headers: { authorization: 'Bearer TOKENVALUE', cookie: 'a=b', 'set-cookie': 'c=d' } }, 'headers');
    app.log.info({ patient: { name: 'Tolvan Tolvansson', personalNumber: '191212121212' }, apiKey: 'APIKEYVALUE', session: { accessToken: 'AT', refreshToken: 'RT' } }, 'fields');
    app.log.warn('message with 201212121212 inside');
    await app.inject({ url: '/boom' });
    await app.close();
    const text = out.text();
    expect(text).not.toMatch(/TOKENVALUE|Tolvansson|191212121212|APIKEYVALUE|"AT"|"RT"|19121212-1212|201212121212/);
    expect(text).toContain('[redacted]');
    const failure = out.lines().find((l) => l['msg'] === 'request failed');
    expect(failure?.['reason']).toBe('upstream-unavailable');
    expect(JSON.stringify(failure)).toContain('[redacted-number]');
  });

  it('scrubs Swedish and Norwegian personal-number shapes', () => {
    expect(scrubText('a 191212121212 b 121212-1212 c 01010112345 d 2026')).toBe('a [redacted-number] b [redacted-number] c [redacted-number] d 2026');
  });
});
