/**
 * The ITB system token: fetched with the API key, cached until shortly before it expires, refreshed
 * single-flight (many concurrent requests → one token call). ITB does not document the token
 * response (spec §3.2, §15.1), so JSON `{access_token, expires_in}`, a JSON string and a bare JWT
 * (lifetime from its `exp`) are all accepted.
 * @module
 */
import { OutcomeError } from '../errors.js';

/** A token and the epoch milliseconds at which it should no longer be used. */
export interface CachedToken {
  readonly token: string;
  readonly refreshAt: number;
}

/** Options of {@link createSystemTokenSource}. */
export interface SystemTokenOptions {
  readonly tokenUrl: string;
  readonly apiKey: string;
  readonly timeoutMs: number;
  /** Epoch ms; injectable for tests. */
  readonly clock?: () => number;
}

/** The token cache of one BFF instance. */
export interface SystemTokenSource {
  /** A valid token, from cache or fetched (single-flight). */
  get(signal?: AbortSignal): Promise<string>;
  /** Forget `token` (upstream answered 401 to it) unless a newer one has replaced it already. */
  invalidate(token: string): void;
}

/** Lifetime assumed when the answer says nothing about expiry. */
const DEFAULT_LIFETIME_S = 300;
const JWT = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;

function jwtExp(token: string): number | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as { exp?: unknown };
    return typeof payload.exp === 'number' ? payload.exp * 1000 : undefined;
  } catch {
    return undefined;
  }
}

/** Read a token answer; `undefined` when it holds no usable token. Exported for unit tests. */
export function readTokenAnswer(text: string, now: number): CachedToken | undefined {
  let token: string | undefined;
  let expiresAt: number | undefined;
  const trimmed = text.trim();
  let json: unknown = trimmed;
  try {
    json = JSON.parse(trimmed);
  } catch {
    // a bare token is fine
  }
  if (typeof json === 'string') {
    token = json.trim();
  } else if (typeof json === 'object' && json !== null) {
    const answer = json as { access_token?: unknown; token?: unknown; expires_in?: unknown };
    const value = answer.access_token ?? answer.token;
    if (typeof value === 'string') token = value;
    const expiresIn = typeof answer.expires_in === 'string' ? Number(answer.expires_in) : answer.expires_in;
    // expires_in is relative, so it is immune to clock skew between us and ITB: prefer it to exp.
    if (typeof expiresIn === 'number' && Number.isFinite(expiresIn) && expiresIn > 0) expiresAt = now + expiresIn * 1000;
  }
  if (token === undefined || token === '' || /\s/.test(token)) return undefined;
  if (expiresAt === undefined && JWT.test(token)) expiresAt = jwtExp(token);
  expiresAt ??= now + DEFAULT_LIFETIME_S * 1000;
  const lifetime = Math.max(0, expiresAt - now);
  // Refresh a minute early (or halfway through a short lifetime) so no request travels with a token about to lapse.
  return { token, refreshAt: now + Math.max(0, lifetime - Math.min(60_000, lifetime / 2)) };
}

/** Create the cache; nothing is fetched until the first `get()`. */
export function createSystemTokenSource(options: SystemTokenOptions): SystemTokenSource {
  const clock = options.clock ?? Date.now;
  let cached: CachedToken | undefined;
  let inflight: Promise<CachedToken> | undefined;

  async function fetchToken(): Promise<CachedToken> {
    let response: Response;
    let text: string;
    try {
      response = await fetch(options.tokenUrl, {
        method: 'POST',
        headers: { 'X-ApiKey': options.apiKey, Accept: 'application/json' },
        signal: AbortSignal.timeout(options.timeoutMs),
        // The API key must not follow a redirect anywhere.
        redirect: 'error',
      });
      text = await response.text();
    } catch (error) {
      const timedOut = error instanceof DOMException && error.name === 'TimeoutError';
      throw new OutcomeError(timedOut ? 'upstream-timeout' : 'upstream-unavailable',
        timedOut ? 'The booking system did not answer in time.' : 'The booking system is unreachable.',
        { cause: new Error(`system token request failed (${timedOut ? 'timeout' : 'network'})`, { cause: error }) });
    }
    if (!response.ok) {
      // Wrong API key (401/403) is our configuration problem, not the patient's: 502, body never echoed.
      throw new OutcomeError('upstream-unavailable', 'The booking system is unavailable.',
        { cause: new Error(`system token request answered ${response.status}`) });
    }
    const read = readTokenAnswer(text, clock());
    if (read === undefined) {
      throw new OutcomeError('upstream-invalid', 'The booking system sent an unreadable answer.',
        { cause: new Error('system token answer holds no token') });
    }
    return read;
  }

  return {
    async get(signal) {
      if (cached !== undefined && clock() < cached.refreshAt) return cached.token;
      if (inflight === undefined) {
        inflight = fetchToken().then((fresh) => {
          cached = fresh;
          return fresh;
        }).finally(() => {
          inflight = undefined;
        });
      }
      const pending = inflight;
      if (signal === undefined) return (await pending).token;
      // A caller that gives up (deadline) must not wait for the shared token call to finish.
      return new Promise<string>((resolve, reject) => {
        const onAbort = (): void => reject(signal.reason);
        if (signal.aborted) return onAbort();
        signal.addEventListener('abort', onAbort, { once: true });
        pending.then((t) => resolve(t.token), reject).finally(() => signal.removeEventListener('abort', onAbort));
      });
    },
    invalidate(token) {
      if (cached?.token === token) cached = undefined;
    },
  };
}
