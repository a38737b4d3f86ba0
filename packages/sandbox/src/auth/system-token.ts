/**
 * `POST [api]/auth/system-token`: the API key in `X-ApiKey` buys a bearer token with an expiry.
 * ITB does not document the body (spec §3.2, §15.1); the sandbox answers the proposed default,
 * `{ access_token, token_type, expires_in }`. Tokens are opaque and live only in this instance.
 * @module
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';

export interface SystemTokens {
  /** A new token, or undefined when `apiKey` is wrong. */
  issue(apiKey: string | undefined): { access_token: string; token_type: 'Bearer'; expires_in: number } | undefined;
  /** True while `token` is one of ours and not expired. */
  verify(token: string): boolean;
  /** True when `token` looks like one of ours (expired or not): a patient token never does. */
  isSystemToken(token: string): boolean;
}

const PREFIX = 'itb-sys.';

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** `clock` is the real clock: the sandbox's fixed clock must not expire tokens under a running client. */
export function createSystemTokens(options: { apiKey: string; ttlSeconds: number; clock?: () => number }): SystemTokens {
  const clock = options.clock ?? Date.now;
  const expiries = new Map<string, number>();
  return {
    issue(apiKey) {
      if (apiKey === undefined || !sameSecret(apiKey, options.apiKey)) return undefined;
      const now = clock();
      for (const [token, expiresAt] of expiries) if (expiresAt <= now) expiries.delete(token);
      const token = `${PREFIX}${randomBytes(24).toString('base64url')}`;
      expiries.set(token, now + options.ttlSeconds * 1000);
      return { access_token: token, token_type: 'Bearer', expires_in: options.ttlSeconds };
    },
    verify(token) {
      const expiresAt = expiries.get(token);
      return expiresAt !== undefined && expiresAt > clock();
    },
    isSystemToken(token) {
      return token.startsWith(PREFIX);
    },
  };
}
