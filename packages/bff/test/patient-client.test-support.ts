/**
 * A browser-like HTTP client for BFF tests: `fetch` with manual redirects and a cookie jar, the
 * full patient login through /auth/login → test-BankID → /auth/callback, and a recorder of every
 * BFF response so a suite can scan them for secrets. Not part of the build.
 * @module
 */
import { createTestCookieJar, loginWithTestBankId, type TestCookieJar } from '@itb/sandbox';
import { CSRF_HEADER } from '@itb/shared';
import { TEST_ORIGIN } from './bff-test-env.test-support.js';

/** One response as the browser could read it. */
export interface RecordedResponse {
  readonly url: string;
  readonly status: number;
  readonly headers: ReadonlyArray<readonly [string, string]>;
  readonly body: string;
}

/** Where every client of a suite records its responses. */
export type ResponseLog = RecordedResponse[];

export interface PatientClient {
  readonly jar: TestCookieJar;
  /** Request a BFF path (or absolute URL); records the response. Writes get CSRF + Origin unless told otherwise. */
  request(path: string, init?: RequestInit & { csrf?: boolean; origin?: string | null }): Promise<{ response: Response; text: string }>;
  /** JSON helper over {@link request}. */
  json<T = unknown>(path: string, init?: RequestInit & { csrf?: boolean; origin?: string | null }): Promise<{ status: number; body: T; headers: Headers }>;
  /**
   * Sign in as `personalNumber`. Returns the callback's answer (303 for redirect mode, the HTML
   * page for popup mode). `cancel` presses cancel on the test-BankID page instead.
   */
  login(personalNumber: string, options?: { mode?: 'redirect' | 'popup'; returnTo?: string; locale?: string; cancel?: boolean }): Promise<{ status: number; location: string | null; text: string; headers: Headers }>;
}

/** A client of the BFF at `baseUrl` (cookies kept per host, as browsers do per site on localhost). */
export function createPatientClient(baseUrl: string, log: ResponseLog = [], jar: TestCookieJar = createTestCookieJar()): PatientClient {
  async function record(url: URL, response: Response): Promise<string> {
    jar.store(url, response);
    const text = await response.text();
    log.push({ url: url.href, status: response.status, headers: [...response.headers.entries()], body: text });
    return text;
  }

  async function request(path: string, init: RequestInit & { csrf?: boolean; origin?: string | null } = {}): Promise<{ response: Response; text: string }> {
    const url = new URL(path, `${baseUrl}/`);
    const { csrf, origin, ...rest } = init;
    const headers = new Headers(rest.headers);
    const cookie = jar.headerFor(url);
    if (cookie !== '') headers.set('cookie', cookie);
    const method = (rest.method ?? 'GET').toUpperCase();
    if (method !== 'GET' && method !== 'HEAD') {
      if (csrf !== false) headers.set(CSRF_HEADER, '1');
      if (origin !== null) headers.set('origin', origin ?? TEST_ORIGIN);
    } else if (origin !== undefined && origin !== null) {
      headers.set('origin', origin);
    }
    const response = await fetch(url, { ...rest, headers, redirect: 'manual' });
    const text = await record(url, response);
    return { response, text };
  }

  return {
    jar,
    request,
    async json<T>(path: string, init?: RequestInit & { csrf?: boolean; origin?: string | null }) {
      const { response, text } = await request(path, init);
      return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T, headers: response.headers };
    },
    async login(personalNumber, options = {}) {
      const query = new URLSearchParams({ returnTo: options.returnTo ?? `${TEST_ORIGIN}/book`, mode: options.mode ?? 'redirect' });
      if (options.locale !== undefined) query.set('locale', options.locale);
      const start = await request(`auth/login?${query.toString()}`);
      const location = start.response.headers.get('location');
      if (start.response.status !== 302 || location === null) throw new Error(`login did not redirect: ${start.response.status} ${start.text}`);
      const { callbackUrl } = await loginWithTestBankId(location, personalNumber, { cookies: jar, ...(options.cancel === true ? { cancel: true } : {}) });
      const callback = await request(callbackUrl);
      return { status: callback.response.status, location: callback.response.headers.get('location'), text: callback.text, headers: callback.response.headers };
    },
  };
}
