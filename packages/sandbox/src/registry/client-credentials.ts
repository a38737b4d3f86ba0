/**
 * The registry's token endpoint logic: OAuth 2.0 client credentials (RFC 6749 §4.4) for one
 * confidential client, authenticated by HTTP Basic (`client_secret_basic`, §2.3.1) or by
 * `client_id` + `client_secret` in the form (`client_secret_post`), never both. Any of the
 * configured secrets is accepted, so a client can rotate its secret without downtime. Tokens are
 * opaque, live only in this instance and can all be revoked at once (a test knob).
 * Secrets never appear in an error description.
 * @module
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

export type TokenErrorCode = 'invalid_request' | 'invalid_client' | 'unsupported_grant_type' | 'invalid_scope';

export interface TokenResponse {
  readonly access_token: string;
  readonly token_type: 'Bearer';
  readonly expires_in: number;
  readonly scope: string;
}

export type TokenOutcome =
  | { readonly ok: true; readonly body: TokenResponse }
  /** `basic`: the client tried HTTP Basic, so a 401 carries `WWW-Authenticate: Basic` (§5.2). */
  | { readonly ok: false; readonly status: 400 | 401; readonly error: TokenErrorCode; readonly description: string; readonly basic: boolean };

export interface TokenRequest {
  readonly authorization: string | undefined;
  /** The parsed form; a repeated parameter arrives as an array. */
  readonly form: Readonly<Record<string, unknown>>;
}

export interface RegistryTokens {
  /** Answer one token request. */
  grant(request: TokenRequest): TokenOutcome;
  /** `valid` while issued, not expired and not revoked. */
  check(token: string): 'valid' | 'expired' | 'unknown';
  /** Every issued token stops working. */
  revokeAll(): void;
}

const PREFIX = 'itb-reg.';

/** Equal-length digests, so the comparison takes the same time whatever the secret's length. */
function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function oneOf(secrets: readonly Buffer[], given: string): boolean {
  const candidate = digest(given);
  let found = false;
  // No early exit: every configured secret is compared.
  for (const secret of secrets) found = timingSafeEqual(secret, candidate) || found;
  return found;
}

/** RFC 6749 §2.3.1: id and secret are form-encoded before they are joined for Basic. */
function formDecode(value: string): string | undefined {
  try {
    return decodeURIComponent(value.replace(/\+/g, ' '));
  } catch {
    return undefined;
  }
}

function readBasic(header: string): { id: string; secret: string } | undefined {
  const match = /^Basic\s+([A-Za-z0-9+/]+={0,2})\s*$/i.exec(header);
  if (match?.[1] === undefined) return undefined;
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon < 0) return undefined;
  const id = formDecode(decoded.slice(0, colon));
  const secret = formDecode(decoded.slice(colon + 1));
  return id === undefined || secret === undefined ? undefined : { id, secret };
}

export function createRegistryTokens(options: {
  readonly clientId: string;
  readonly clientSecrets: readonly string[];
  /** Read per request: the default scope is known only once the sandbox listens. */
  readonly scope: () => string;
  readonly ttlSeconds: number;
  readonly clock: () => number;
}): RegistryTokens {
  const secrets = options.clientSecrets.map(digest);
  const expiries = new Map<string, number>();

  const fail = (status: 400 | 401, error: TokenErrorCode, description: string, basic = false): TokenOutcome => ({ ok: false, status, error, description, basic });

  return {
    grant({ authorization, form }) {
      const repeated = Object.keys(form).find((name) => Array.isArray(form[name]));
      if (repeated !== undefined) return fail(400, 'invalid_request', `The parameter ${repeated} is given more than once.`);
      const param = (name: string): string | undefined => (typeof form[name] === 'string' && form[name] !== '' ? (form[name] as string) : undefined);

      const grantType = param('grant_type');
      if (grantType === undefined) return fail(400, 'invalid_request', 'grant_type is required.');
      if (grantType !== 'client_credentials') return fail(400, 'unsupported_grant_type', 'Only grant_type=client_credentials is supported.');

      let client: { id: string; secret: string } | undefined;
      if (authorization !== undefined) {
        if (param('client_secret') !== undefined) return fail(400, 'invalid_request', 'Authenticate the client one way only: HTTP Basic or client_secret in the body, not both.');
        client = readBasic(authorization);
        if (client === undefined) return fail(401, 'invalid_client', 'The Authorization header is not valid HTTP Basic client authentication.', true);
        const bodyId = param('client_id');
        if (bodyId !== undefined && bodyId !== client.id) return fail(400, 'invalid_request', 'client_id in the body differs from the one in the Authorization header.');
      } else {
        const id = param('client_id');
        const secret = param('client_secret');
        if (id === undefined || secret === undefined) return fail(401, 'invalid_client', 'Client authentication is required: HTTP Basic, or client_id and client_secret in the body.');
        client = { id, secret };
      }
      const basic = authorization !== undefined;
      // One answer for an unknown client and a wrong secret: nothing to learn by probing ids.
      if (!(oneOf(secrets, client.secret) && client.id === options.clientId)) return fail(401, 'invalid_client', 'Client authentication failed.', basic);

      const required = options.scope();
      const requested = (param('scope') ?? '').split(' ').filter((s) => s !== '');
      if (requested.length === 0) return fail(400, 'invalid_scope', `A scope is required: ${required}.`);
      const unknown = requested.find((s) => s !== required);
      if (unknown !== undefined) return fail(400, 'invalid_scope', `The scope ${unknown} is not granted to this client; request ${required}.`);

      const now = options.clock();
      for (const [token, expiresAt] of expiries) if (expiresAt <= now) expiries.delete(token);
      const token = `${PREFIX}${randomBytes(32).toString('base64url')}`;
      expiries.set(token, now + options.ttlSeconds * 1000);
      return { ok: true, body: { access_token: token, token_type: 'Bearer', expires_in: options.ttlSeconds, scope: required } };
    },
    check(token) {
      const expiresAt = expiries.get(token);
      if (expiresAt === undefined) return 'unknown';
      return expiresAt > options.clock() ? 'valid' : 'expired';
    },
    revokeAll() {
      expiries.clear();
    },
  };
}
