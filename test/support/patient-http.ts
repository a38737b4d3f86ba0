/**
 * A patient's browser reduced to HTTP, for journeys that need no page: cookies per host,
 * redirects followed by hand, the headers a page's writes carry (X-ITB-CSRF, Origin), and the
 * test-BankID sign-in through the BFF's /auth/login → the sandbox's IdP → /auth/callback.
 */
import { createTestCookieJar, loginWithTestBankId } from '@itb/sandbox';
import { CSRF_HEADER } from '@itb/shared';

export interface PatientHttp {
  /** A path below the BFF's public URL (or an absolute URL); writes get CSRF and Origin headers. */
  json<T = unknown>(path: string, init?: RequestInit): Promise<{ status: number; body: T; headers: Headers }>;
  /** Sign in as `personalNumber`; throws unless the BFF answers the callback with a session. */
  signIn(personalNumber: string): Promise<void>;
}

/** A patient on a page of `origin` using the BFF at `bffUrl` (its public URL). */
export function patientHttp(bffUrl: string, origin: string): PatientHttp {
  const jar = createTestCookieJar();
  const send = async (path: string, init: RequestInit = {}): Promise<Response> => {
    const url = new URL(path, `${bffUrl}/`);
    const headers = new Headers(init.headers);
    const cookie = jar.headerFor(url);
    if (cookie !== '') headers.set('cookie', cookie);
    if ((init.method ?? 'GET') !== 'GET') {
      headers.set(CSRF_HEADER, '1');
      headers.set('origin', origin);
    }
    const response = await fetch(url, { ...init, headers, redirect: 'manual' });
    jar.store(url, response);
    return response;
  };
  return {
    async json<T>(path: string, init?: RequestInit) {
      const response = await send(path, init);
      const text = await response.text();
      return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T, headers: response.headers };
    },
    async signIn(personalNumber) {
      const returnTo = `${origin}/`;
      const start = await send(`auth/login?${new URLSearchParams({ returnTo, mode: 'redirect' }).toString()}`);
      const authorize = start.headers.get('location');
      if (start.status !== 302 || authorize === null) throw new Error(`/auth/login answered ${start.status}: ${await start.text()}`);
      const { callbackUrl } = await loginWithTestBankId(authorize, personalNumber, { cookies: jar });
      const callback = await send(callbackUrl);
      const landing = callback.headers.get('location') ?? '';
      if (callback.status !== 303 || !landing.startsWith(returnTo) || landing.includes('itb-login-error')) {
        throw new Error(`/auth/callback answered ${callback.status} → ${landing}: ${await callback.text()}`);
      }
    },
  };
}
