import { describe, expect, it } from 'vitest';
import { createLoopbackFetch } from './loopback-fetch.js';

describe('createLoopbackFetch', () => {
  it("drops oidc-provider's SSRF dispatcher for loopback hosts only", async () => {
    const seen: { url: string; init: RequestInit | undefined }[] = [];
    const fetchLoopback = createLoopbackFetch(async (input, init) => {
      seen.push({ url: String(input), init });
      return new Response(null, { status: 204 });
    });
    const guard = { name: 'ssrf-guard' };
    // A stand-in object: only its identity matters here, not undici's Dispatcher interface.
    const init = () => ({ method: 'POST', dispatcher: guard }) as unknown as RequestInit;

    for (const url of ['http://localhost:4020/auth/backchannel-logout', 'http://127.0.0.1:4020/x', 'http://[::1]:4020/x']) {
      await fetchLoopback(url, init());
    }
    for (const url of ['https://bff.example/logout', 'http://localhost.example/x', 'http://10.0.0.5/x', 'http://127.0.0.2/x']) {
      await fetchLoopback(url, init());
    }

    expect(seen.slice(0, 3).map((call) => (call.init as { dispatcher?: unknown }).dispatcher)).toEqual([undefined, undefined, undefined]);
    expect(seen.slice(0, 3).every((call) => call.init?.method === 'POST')).toBe(true);
    expect(seen.slice(3).map((call) => (call.init as { dispatcher?: unknown }).dispatcher)).toEqual([guard, guard, guard, guard]);
  });
});
