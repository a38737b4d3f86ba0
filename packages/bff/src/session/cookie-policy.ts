/**
 * Which name and attributes our cookies get, decided once from the public URL and the cookie mode,
 * and how a value too large for one cookie is split into numbered chunks.
 * @module
 */
import type { CookieSerializeOptions } from '@fastify/cookie';

/** `same-site`: BFF on the clinic's site (default). `cross-site`: embedded from another site. */
export type CookieMode = 'same-site' | 'cross-site';

/** Name and attributes shared by every cookie of one kind. */
export interface CookiePolicy {
  readonly name: string;
  readonly attributes: CookieSerializeOptions;
}

/** Per-cookie ceiling for name + value; browsers allow 4096 bytes, the rest is headroom. */
export const CHUNK_BYTES = 3800;
/** A session that needs more than this many chunks is a bug (or an IdP gone wild), not a session. */
export const MAX_CHUNKS = 6;

/**
 * Chromium (156, checked with headless Chromium in session-cookie.browser.test.ts) treats every
 * loopback host (`localhost`, `*.localhost`, `127.0.0.0/8`, `[::1]`) as a secure context and keeps
 * `Secure` (hence `__Host-`) cookies set over plain HTTP there, while it drops them for any other
 * plain-HTTP host. Firefox does the same for loopback; Safari does not, so develop in Chromium or
 * Firefox (or over https) when you use plain http://localhost.
 */
function isLoopbackHost(hostname: string): boolean {
  return hostname === 'localhost' || hostname.endsWith('.localhost') || hostname === '[::1]' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(hostname);
}

/** Whether cookies for this public URL can carry `Secure`. */
export function canUseSecureCookies(publicUrl: URL): boolean {
  return publicUrl.protocol === 'https:' || (publicUrl.protocol === 'http:' && isLoopbackHost(publicUrl.hostname));
}

/**
 * The session cookie policy.
 *
 * Path: `__Host-` demands `Path=/` and no `Domain`, which also covers a BFF mounted under a path
 * such as `/booking-api` on the clinic's own host (the browser sends the cookie to every path of
 * that host, but it is HttpOnly and encrypted, so the clinic pages can neither read nor use it).
 * Where `__Host-` is impossible (plain HTTP other than localhost) we keep the cookie to the BFF's
 * own path prefix instead, the tightest scope that still reaches every BFF route.
 *
 * SameSite: `Lax` same-site (the login callback is a top-level GET, which Lax allows);
 * cross-site embedding needs `None`, which browsers accept only with `Secure`, and `Partitioned`
 * (CHIPS) so that browsers blocking third-party cookies still keep one jar per embedding site.
 */
export function sessionCookiePolicy(publicUrl: string, mode: CookieMode, baseName = 'itb-session'): CookiePolicy {
  const url = new URL(publicUrl);
  const secure = mode === 'cross-site' || canUseSecureCookies(url);
  const path = secure ? '/' : (url.pathname.replace(/\/+$/, '') || '/');
  const attributes: CookieSerializeOptions = mode === 'cross-site'
    ? { path, httpOnly: true, secure: true, sameSite: 'none', partitioned: true }
    : { path, httpOnly: true, secure, sameSite: 'lax' };
  return { name: secure ? `__Host-${baseName}` : baseName, attributes };
}

/**
 * The login-transaction cookie: set by /auth/login and read by /auth/callback, both top-level
 * navigations of the BFF's own site, so `Lax` works in either mode.
 */
export function transactionCookiePolicy(publicUrl: string): CookiePolicy {
  return sessionCookiePolicy(publicUrl, 'same-site', 'itb-login');
}

/** Split a value into chunks of at most `CHUNK_BYTES` (values are ASCII: base64url and dots). */
export function splitValue(value: string): string[] {
  const chunks: string[] = [];
  for (let at = 0; at < value.length; at += CHUNK_BYTES) chunks.push(value.slice(at, at + CHUNK_BYTES));
  return chunks;
}

/** The name of chunk `index` of cookie `name`. */
export function chunkName(name: string, index: number): string {
  return `${name}-${index}`;
}

/**
 * The value stored under `name`: the single cookie if present, else chunks `-0`, `-1`, … joined
 * until the first gap. Returns `undefined` when neither exists.
 */
export function joinChunks(cookies: Readonly<Record<string, string | undefined>>, name: string): string | undefined {
  const single = cookies[name];
  if (single !== undefined && single !== '') return single;
  const parts: string[] = [];
  for (let index = 0; index < MAX_CHUNKS; index += 1) {
    const part = cookies[chunkName(name, index)];
    if (part === undefined || part === '') break;
    parts.push(part);
  }
  return parts.length === 0 ? undefined : parts.join('');
}

/** Every cookie name in the request that belongs to `name` (single or chunk). */
export function namesPresent(cookies: Readonly<Record<string, string | undefined>>, name: string): string[] {
  const prefix = `${name}-`;
  return Object.keys(cookies).filter((key) => key === name || (key.startsWith(prefix) && /^\d+$/.test(key.slice(prefix.length))));
}
