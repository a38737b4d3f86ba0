import { describe, expect, it } from 'vitest';
import { readTokenAnswer } from './system-token.js';
import { encodePath } from './upstream.js';

const NOW = 1_800_000_000_000;
const jwt = (exp: number) => `${Buffer.from('{"alg":"none"}').toString('base64url')}.${Buffer.from(JSON.stringify({ exp })).toString('base64url')}.sig`;

describe('readTokenAnswer', () => {
  it('reads access_token with expires_in and refreshes a minute early', () => {
    expect(readTokenAnswer('{"access_token":"abc","expires_in":3600}', NOW)).toEqual({ token: 'abc', refreshAt: NOW + 3_540_000 });
  });
  it('refreshes halfway through a short lifetime', () => {
    expect(readTokenAnswer('{"access_token":"abc","expires_in":"60"}', NOW)?.refreshAt).toBe(NOW + 30_000);
  });
  it('reads a bare JWT or a JSON string and takes the lifetime from exp', () => {
    const token = jwt(NOW / 1000 + 600);
    expect(readTokenAnswer(token, NOW)).toEqual({ token, refreshAt: NOW + 540_000 });
    expect(readTokenAnswer(JSON.stringify(token), NOW)?.token).toBe(token);
  });
  it('assumes five minutes when nothing says otherwise', () => {
    expect(readTokenAnswer('opaque-token', NOW)?.refreshAt).toBe(NOW + 240_000);
  });
  it('rejects answers without a usable token', () => {
    for (const text of ['', '{}', '{"access_token":42}', '<html>error page</html>', 'null']) expect(readTokenAnswer(text, NOW)).toBeUndefined();
  });
});

describe('encodePath', () => {
  it('percent-encodes ids with colons and keeps operation names', () => {
    expect(encodePath('Appointment/001-2026-09-15T10:00:00-B3301')).toBe('Appointment/001-2026-09-15T10%3A00%3A00-B3301');
    expect(encodePath('HealthcareService/hs-1/$get-offers-context')).toBe('HealthcareService/hs-1/$get-offers-context');
  });
  it('refuses traversal and empty segments', () => {
    for (const path of ['HealthcareService/..', 'HealthcareService/.', 'HealthcareService//x', '../metadata']) {
      expect(() => encodePath(path)).toThrow('Invalid resource id');
    }
    expect(encodePath('HealthcareService/a%2F..')).toBe('HealthcareService/a%252F..');
  });
});
