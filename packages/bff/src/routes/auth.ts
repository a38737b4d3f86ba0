/**
 * Patient login routes: `/auth/login` → IdP (code + PKCE + state + nonce) → `/auth/callback` →
 * session cookie (same-site mode) or a one-time hand-off the widget claims at
 * `/auth/session/claim` (cross-site mode, auth-handoff.ts); `/auth/logout`; `/auth/session`. The login transaction (state, nonce, PKCE
 * verifier, where to return) rides in its own short-lived encrypted cookie, so the callback may
 * land on any BFF instance.
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import * as client from 'openid-client';
import { z } from 'zod';
import { LOCALES } from '@itb/shared';
import type { LoginMessage, SessionInfo } from '@itb/shared';
import { OutcomeError } from '../errors.js';
import { SESSION_LIFETIME_SECONDS, assertSessionChecked, newSessionId, sessionToSignOut, type PatientSession } from '../plugins/session.js';
import { transactionCookiePolicy } from '../session/cookie-policy.js';
import { identityFromClaims, identityFromPatientBody, type SessionIdentity } from '../session/identity.js';
import { createKeyring } from '../session/seal.js';
import { claimHashSchema, claimRoute, sealHandoff } from './auth-handoff.js';
import { popupResultPage } from './auth-pages.js';

/** How long a started login may take before its callback is refused. */
const TRANSACTION_SECONDS = 600;

/** Why a login ended without a session (sent to the widget; not a ReasonCode: login-specific). */
export type LoginFailure = 'cancelled' | 'idp-error' | 'login-failed' | 'identity-unavailable' | 'upstream-unavailable';

const transactionSchema = z.object({
  state: z.string(),
  nonce: z.string(),
  verifier: z.string(),
  returnTo: z.string(),
  mode: z.enum(['redirect', 'popup']),
  /** Cross-site mode: SHA-256 of the widget's claim secret (see auth-handoff.ts). */
  claimHash: claimHashSchema.optional(),
  /** The patient's language, for the popup's last page. */
  locale: z.enum(LOCALES).optional(),
});
type Transaction = z.infer<typeof transactionSchema>;

const loginQuery = z.object({
  returnTo: z.string().max(2048),
  mode: z.enum(['redirect', 'popup']).default('redirect'),
  locale: z.enum(LOCALES).optional(),
  claimHash: claimHashSchema.optional(),
});
const logoutQuery = z.object({ returnTo: z.string().max(2048).optional() });

/** `returnTo` as a URL when it is absolute http(s) on an allowed origin; else 400. */
function allowedReturnTo(value: string, allowedOrigins: readonly string[]): URL {
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    url = undefined;
  }
  if (url === undefined || (url.protocol !== 'https:' && url.protocol !== 'http:') || url.username !== '' || url.password !== ''
    || !allowedOrigins.includes(url.origin)) {
    throw new OutcomeError('invalid-parameter', "Query parameter 'returnTo' must be an absolute URL on an allowed origin.", { expression: ['returnTo'] });
  }
  return url;
}

/** The IdP's session id and subject from the ID token, for back-channel logout to match. */
function idpNamesOf(claims: Readonly<Record<string, unknown>> | undefined): PatientSession['idp'] {
  const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' && value.length <= 255 ? value : undefined);
  const sid = text(claims?.['sid']);
  const sub = text(claims?.['sub']);
  return sid === undefined && sub === undefined ? undefined : { ...(sid === undefined ? {} : { sid }), ...(sub === undefined ? {} : { sub }) };
}

/** Login routes (encapsulated; needs the itb-oidc and itb-session plugins). */
export async function authRoutes(parent: FastifyInstance): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const config = app.config;
  const keyring = createKeyring(config.sessionKeys);
  const txPolicy = transactionCookiePolicy(config.publicUrl);
  const allowed = config.allowedOrigins;
  const crossSite = config.cookieMode === 'cross-site';
  if (crossSite) await claimRoute(app, keyring);

  async function readTransaction(request: FastifyRequest): Promise<Transaction | undefined> {
    const sealed = request.cookies[txPolicy.name];
    if (sealed === undefined || sealed === '') return undefined;
    const opened = await keyring.open(sealed, { purpose: 'itb-login-transaction', now: app.now() });
    const parsed = transactionSchema.safeParse(opened?.payload['tx']);
    return parsed.success ? parsed.data : undefined;
  }

  function finish(reply: FastifyReply, tx: Transaction, message: LoginMessage): FastifyReply {
    const returnTo = new URL(tx.returnTo);
    if (tx.mode === 'popup') {
      const page = popupResultPage(message, returnTo.origin, returnTo.href, tx.locale);
      return reply.code(200).headers(page.headers).send(page.html);
    }
    // Redirect mode: success returns to the page as it was; a failure adds one query parameter
    // the widget reads (the fragment stays the page's own).
    if (!message.ok && message.reason !== undefined) returnTo.searchParams.set('itb-login-error', message.reason);
    // Cross-site hand-off: in the fragment, which browsers never send to a server (nor in Referer);
    // the widget removes it from the address bar at once. A page fragment already there is kept.
    if (message.handoff !== undefined) {
      const own = returnTo.hash.slice(1);
      returnTo.hash = `${own === '' ? '' : `${own}&`}itb-handoff=${message.handoff}`;
    }
    return reply.code(303).header('cache-control', 'no-store').header('cross-origin-opener-policy', 'unsafe-none').redirect(returnTo.href, 303);
  }

  /** A login that did not complete: told to the page; a session the patient already had stays. */
  function fail(request: FastifyRequest, reply: FastifyReply, tx: Transaction, reason: LoginFailure, cause?: unknown): FastifyReply {
    request.log.info({ reason, err: cause }, 'login did not complete');
    return finish(reply, tx, { type: 'itb-login', ok: false, reason });
  }

  async function identityFor(tokens: { accessToken: string; claims: Readonly<Record<string, unknown>> | undefined }): Promise<SessionIdentity | undefined> {
    const fromClaims = identityFromClaims(tokens.claims, app.now());
    if (fromClaims !== undefined) return fromClaims;
    const answer = await app.upstream.request({ path: 'Patient', auth: { bearer: tokens.accessToken }, retry: true });
    return answer.status === 200 ? identityFromPatientBody(answer.body, app.now()) : undefined;
  }

  app.get('/auth/login', {
    schema: { querystring: loginQuery },
    config: { rateLimit: { max: config.rateLimitLoginPerMinute, timeWindow: 60_000 } },
  }, async (request, reply) => {
    const returnTo = allowedReturnTo(request.query.returnTo, allowed);
    const rp = await app.oidc.configuration();
    const verifier = client.randomPKCECodeVerifier();
    const tx: Transaction = {
      state: client.randomState(), nonce: client.randomNonce(), verifier, returnTo: returnTo.href, mode: request.query.mode,
      ...(request.query.claimHash === undefined ? {} : { claimHash: request.query.claimHash }),
      ...(request.query.locale === undefined ? {} : { locale: request.query.locale }),
    };
    const parameters: Record<string, string> = {
      redirect_uri: config.oidcRedirectUri,
      scope: config.oidcScopes,
      response_type: 'code',
      code_challenge: await client.calculatePKCECodeChallenge(verifier),
      code_challenge_method: 'S256',
      state: tx.state,
      nonce: tx.nonce,
    };
    if (request.query.locale !== undefined) parameters['ui_locales'] = request.query.locale;
    if (config.oidcIdpHint !== undefined) parameters['kc_idp_hint'] = config.oidcIdpHint;
    const now = app.now();
    const sealed = await keyring.seal({ tx }, { purpose: 'itb-login-transaction', expiresAt: new Date(now.getTime() + TRANSACTION_SECONDS * 1000), now });
    reply.setCookie(txPolicy.name, sealed, { ...txPolicy.attributes, maxAge: TRANSACTION_SECONDS });
    return reply.header('cache-control', 'no-store').header('cross-origin-opener-policy', 'unsafe-none')
      .redirect(client.buildAuthorizationUrl(rp, parameters).href, 302);
  });

  app.get('/auth/callback', async (request, reply) => {
    const tx = await readTransaction(request);
    if (tx === undefined) {
      throw new OutcomeError('login-required', 'This sign-in has expired or was not started here; start the sign-in again.');
    }
    const search = request.url.includes('?') ? request.url.slice(request.url.indexOf('?')) : '';
    const current = new URL(config.oidcRedirectUri);
    current.search = search;
    // Anyone can link to /auth/callback?error=…: an answer that does not carry this login's state
    // is not this login's, so it touches neither the login under way nor an existing session.
    if (current.searchParams.get('state') !== tx.state) {
      throw new OutcomeError('login-required', 'This sign-in answer does not belong to a sign-in started here.');
    }
    reply.clearCookie(txPolicy.name, txPolicy.attributes);
    const idpError = current.searchParams.get('error');
    if (idpError !== null) return fail(request, reply, tx, idpError === 'access_denied' ? 'cancelled' : 'idp-error');

    let tokens;
    try {
      const rp = await app.oidc.configuration();
      const response = await client.authorizationCodeGrant(rp, current, {
        pkceCodeVerifier: tx.verifier,
        expectedState: tx.state,
        expectedNonce: tx.nonce,
        idTokenExpected: true,
      });
      tokens = app.oidc.toTokenSet(response);
    } catch (cause) {
      return fail(request, reply, tx, 'login-failed', cause);
    }
    let identity: SessionIdentity | undefined;
    try {
      identity = await identityFor(tokens);
    } catch (cause) {
      return fail(request, reply, tx, 'upstream-unavailable', cause);
    }
    if (identity === undefined) return fail(request, reply, tx, 'identity-unavailable');
    const nowSeconds = Math.floor(app.now().getTime() / 1000);
    const session: PatientSession = {
      id: newSessionId(),
      issuedAt: nowSeconds,
      idp: idpNamesOf(tokens.claims),
      tokens: { accessToken: tokens.accessToken, refreshToken: tokens.refreshToken, idToken: tokens.idToken, expiresAt: tokens.expiresAt },
      identity,
      expiresAt: nowSeconds + SESSION_LIFETIME_SECONDS,
    };
    if (crossSite) {
      // A cookie set here would land in the BFF-site partition, useless to the embedded widget:
      // hand the session to the page that started the login instead (auth-handoff.ts).
      if (tx.claimHash === undefined) return fail(request, reply, tx, 'login-failed', new Error('cross-site login started without claimHash'));
      const handoff = await sealHandoff(keyring, session, tx.claimHash, new URL(tx.returnTo).origin, app.now());
      return finish(reply, tx, { type: 'itb-login', ok: true, handoff });
    }
    // A fresh seal with new tokens: the cookie value changes at every login (no fixation).
    await reply.setSession(session);
    return finish(reply, tx, { type: 'itb-login', ok: true });
  });

  // Logout reads no body. Whatever arrives with it (an empty JSON body, a form, garbage) must not
  // stand between a patient and signing out, so in its own scope every body is drained unread.
  await app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, done) => {
      payload.resume();
      done(null, undefined);
    });
    scope.withTypeProvider<ZodTypeProvider>().post('/auth/logout', { schema: { querystring: logoutQuery } }, async (request, reply) => {
      const returnTo = request.query.returnTo === undefined ? undefined : allowedReturnTo(request.query.returnTo, allowed);
      const session = sessionToSignOut(request);
      reply.clearSession();
      reply.header('cache-control', 'no-store');
      if (session === null) return reply.code(204).send();
      // Copies of the cookie (another tab, another device, a stolen one) stop working everywhere.
      await app.revocations.revokeSession(session.id, session.expiresAt);
      let rp: client.Configuration;
      try {
        rp = await app.oidc.configuration();
      } catch {
        return reply.code(204).send();
      }
      if (session.tokens.refreshToken !== undefined && rp.serverMetadata().revocation_endpoint !== undefined) {
        // Best effort: the cookie is gone either way; a revoked refresh token also dies at the IdP.
        await client.tokenRevocation(rp, session.tokens.refreshToken, { token_type_hint: 'refresh_token' }).catch((cause: unknown) => {
          request.log.info({ err: cause }, 'refresh token revocation failed');
        });
      }
      if (rp.serverMetadata().end_session_endpoint === undefined) return reply.code(204).send();
      // client_id instead of id_token_hint (both allowed by RP-Initiated Logout 1.0): the URL goes to
      // the browser, and the ID token carries the personal number. The IdP then asks the patient to
      // confirm the sign-out, which is the safer default anyway.
      const parameters: Record<string, string> = { client_id: config.oidcClientId };
      if (returnTo !== undefined) parameters['post_logout_redirect_uri'] = returnTo.href;
      return reply.code(200).send({ endSessionUrl: client.buildEndSessionUrl(rp, parameters).href });
    });
  });

  app.get('/auth/session', async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const session = request.session;
    if (session === null) assertSessionChecked(request);
    const body: SessionInfo = session === null
      ? { signedIn: false }
      : { signedIn: true, name: session.identity.displayName, expiresAt: new Date(session.expiresAt * 1000).toISOString() };
    return body;
  });
}
