/**
 * Real patient sessions for the `$book` figure: each patient signs in through the BFF's OIDC flow
 * against the sandbox's test-BankID (the same redirects a browser follows), and ends up with the
 * BFF's encrypted session cookie. Each patient gets its own client address through
 * `X-Forwarded-For` (the BFF trusts only the loopback proxy), as 50 people on 50 phones would, so the
 * per-address rate limits stay at their defaults.
 * @module
 */
import { request } from './load.js';

/** The sandbox's fetch-driven test-BankID helper, without loading the whole sandbox into the bench process. */
async function testLoginHelper() {
  const helper = await import('../../packages/sandbox/dist/oidc/test-login.js');
  return helper.loginWithTestBankId;
}

/** `name=value` pairs from Set-Cookie lines into `jar` (a Map); expired ones removed. */
function storeCookies(jar, setCookie = []) {
  for (const line of setCookie) {
    const [pair = '', ...attributes] = line.split(';').map((p) => p.trim());
    const eq = pair.indexOf('=');
    if (eq <= 0) continue;
    const name = pair.slice(0, eq);
    const value = pair.slice(eq + 1);
    const expired = value === '' || attributes.some((a) => /^max-age=(0|-)/i.test(a));
    if (expired) jar.delete(name);
    else jar.set(name, value);
  }
}

const cookieHeader = (jar) => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');

/** A client address per patient number `i` (documentation range, never routed). */
export function clientAddress(i) {
  return `198.51.100.${1 + (i % 250)}`;
}

/**
 * Sign `personalNumber` in on the BFF at `bffUrl` (which believes it lives at its public URL,
 * behind a proxy) and return `{ cookie, ip }` for later requests.
 */
export async function signIn({ bffUrl, returnTo, personalNumber, ip }) {
  const login = await testLoginHelper();
  const jar = new Map();
  const headers = () => ({ 'x-forwarded-for': ip, cookie: cookieHeader(jar) });
  const start = await request(`${bffUrl}/auth/login?returnTo=${encodeURIComponent(returnTo)}`, { headers: headers() });
  if (start.status !== 302 || typeof start.headers.location !== 'string') {
    throw new Error(`/auth/login answered ${start.status}: ${start.body.slice(0, 200)}`);
  }
  storeCookies(jar, start.headers['set-cookie']);
  const { callbackUrl } = await login(start.headers.location, personalNumber);
  const callback = new URL(callbackUrl);
  // The IdP redirects to the public URL; this patient's "proxy" hands it to the BFF directly.
  const done = await request(`${bffUrl}/auth/callback${callback.search}`, { headers: headers() });
  storeCookies(jar, done.headers['set-cookie']);
  if (done.status !== 303 || String(done.headers.location ?? '').includes('itb-login-error')) {
    throw new Error(`/auth/callback answered ${done.status} → ${done.headers.location ?? ''}`);
  }
  const session = await request(`${bffUrl}/auth/session`, { headers: headers() });
  if (session.status !== 200 || JSON.parse(session.body).signedIn !== true) throw new Error('no session after sign-in');
  return { cookie: cookieHeader(jar), ip };
}

/** Sign in many patients, `parallel` at a time. */
export async function signInAll({ bffUrl, returnTo, personalNumbers, parallel = 4 }) {
  const sessions = new Array(personalNumbers.length);
  let next = 0;
  async function worker() {
    while (next < personalNumbers.length) {
      const i = next++;
      sessions[i] = await signIn({ bffUrl, returnTo, personalNumber: personalNumbers[i], ip: clientAddress(i) });
    }
  }
  await Promise.all(Array.from({ length: parallel }, worker));
  return sessions;
}
