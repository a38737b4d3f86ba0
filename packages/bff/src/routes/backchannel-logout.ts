/**
 * OIDC Back-Channel Logout 1.0: the IdP POSTs a signed `logout_token` when a patient's IdP session
 * ends (they signed out there, or an administrator ended it), and every BFF session of that IdP
 * session (`sid`) — or, with only `sub`, every session of that patient so far — is revoked on every
 * instance. Server to server: no cookie, no CSRF header, no Origin; the token's signature is the
 * authentication.
 * @module
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { createRemoteJWKSet, jwtVerify, type JWTPayload } from 'jose';
import { OutcomeError } from '../errors.js';
import { SESSION_LIFETIME_SECONDS } from '../plugins/session.js';
import { createSeenOnce } from '../session/seen-once.js';
import { sharedStoreOf } from '../plugins/shared-store.js';

/** The event a logout token must carry (spec §2.4). */
export const BACKCHANNEL_LOGOUT_EVENT = 'http://schemas.openid.net/event/backchannel-logout';
/** A logout token older than this is refused even if it has not expired (and its jti is remembered this long). */
const MAX_TOKEN_AGE_SECONDS = 300;
const CLOCK_TOLERANCE_SECONDS = 30;

/** Who a verified logout token signs out. */
export interface LogoutSubject {
  readonly sid?: string;
  readonly sub?: string;
  readonly jti: string;
}

/** The checks of spec §2.6 beyond signature, issuer, audience and times (jose does those). */
export function logoutSubjectOf(payload: JWTPayload): LogoutSubject {
  const events = payload['events'];
  const event = typeof events === 'object' && events !== null ? (events as Record<string, unknown>)[BACKCHANNEL_LOGOUT_EVENT] : undefined;
  if (typeof event !== 'object' || event === null || Array.isArray(event)) throw new Error('no back-channel logout event');
  if ('nonce' in payload) throw new Error('a logout token must not carry a nonce');
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);
  const sid = text(payload['sid']);
  const sub = text(payload.sub);
  const jti = text(payload.jti);
  if (sid === undefined && sub === undefined) throw new Error('neither sid nor sub');
  if (jti === undefined) throw new Error('no jti');
  return { ...(sid === undefined ? {} : { sid }), ...(sub === undefined ? {} : { sub }), jti };
}

/** `POST /auth/backchannel-logout` (needs the itb-oidc and itb-session plugins). */
export async function backchannelLogoutRoute(app: FastifyInstance): Promise<void> {
  const seen = createSeenOnce('logout-jti', sharedStoreOf(app), () => app.now().getTime(),
    (error) => {
      app.telemetry.sharedStoreError('logout-token');
      app.log.warn({ err: error }, 'logout token replay check fell back to this instance');
    });
  let keys: { uri: string; set: ReturnType<typeof createRemoteJWKSet> } | undefined;

  async function verify(token: string): Promise<LogoutSubject> {
    const rp = await app.oidc.configuration();
    const metadata = rp.serverMetadata();
    if (metadata.jwks_uri === undefined) throw new OutcomeError('upstream-unavailable', 'The sign-in service publishes no keys.');
    // jose caches the key set and refetches it when a token names an unknown key (IdP key rotation).
    if (keys?.uri !== metadata.jwks_uri) keys = { uri: metadata.jwks_uri, set: createRemoteJWKSet(new URL(metadata.jwks_uri)) };
    let payload: JWTPayload;
    try {
      ({ payload } = await jwtVerify(token, keys.set, {
        issuer: metadata.issuer,
        audience: app.config.oidcClientId,
        requiredClaims: ['iat', 'jti', 'events'],
        maxTokenAge: MAX_TOKEN_AGE_SECONDS,
        clockTolerance: CLOCK_TOLERANCE_SECONDS,
        currentDate: app.now(),
      }));
      return logoutSubjectOf(payload);
    } catch (cause) {
      throw new OutcomeError('invalid-parameter', 'The logout token is not valid.', { cause });
    }
  }

  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'string' }, (_request, body, done) => {
      done(null, new URLSearchParams(body as string));
    });
    scope.post('/auth/backchannel-logout', { config: { serverToServer: true } }, async (request: FastifyRequest, reply) => {
      const token = request.body instanceof URLSearchParams ? request.body.get('logout_token') : null;
      if (token === null || token === '') throw new OutcomeError('invalid-parameter', 'A form field logout_token is required.');
      const subject = await verify(token);
      if (!await seen.first(subject.jti, MAX_TOKEN_AGE_SECONDS + CLOCK_TOLERANCE_SECONDS)) {
        throw new OutcomeError('invalid-parameter', 'This logout token was already used.');
      }
      const now = Math.floor(app.now().getTime() / 1000);
      const until = now + SESSION_LIFETIME_SECONDS;
      if (subject.sid !== undefined) await app.revocations.revokeIdpSession(subject.sid, until);
      else if (subject.sub !== undefined) await app.revocations.revokeSubject(subject.sub, now, until);
      request.log.info({ by: subject.sid === undefined ? 'subject' : 'idp-session' }, 'back-channel logout');
      return reply.code(200).header('cache-control', 'no-store').send();
    });
  });
}
