/**
 * The patient session: tokens and identity in one encrypted, HTTP-only cookie (split into chunks
 * when large), so any BFF instance holding the session keys can serve any request (design:
 * stateless BFF). A cookie that is tampered with, expired or sealed with a retired key is simply
 * "no session", never an error.
 * @module
 */
import { randomBytes } from 'node:crypto';
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest, preParsingAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import type { PatientIdentity } from '@itb/shared';
import { OutcomeError } from '../errors.js';
import { CHUNK_BYTES, chunkName, joinChunks, MAX_CHUNKS, namesPresent, sessionCookiePolicy, splitValue } from '../session/cookie-policy.js';
import { RefreshLockUnavailable, createSharedRefreshLock, perInstanceRefreshLock } from '../session/refresh-lock.js';
import { createMemoryRevocationList, createSharedRevocationList, type RevocationList } from '../session/revocation.js';
import { createKeyring } from '../session/seal.js';
import { sharedStoreOf } from './shared-store.js';

/** The patient's tokens; never sent to the browser except sealed. */
export interface PatientTokens {
  readonly accessToken: string;
  readonly refreshToken?: string | undefined;
  readonly idToken?: string | undefined;
  /** Epoch seconds when the access token expires. */
  readonly expiresAt: number;
}

/** Who is signed in and with which tokens, until when. */
export interface PatientSession {
  /** Random id of this sign-in, kept through refreshes: what logout puts on the revocation list. */
  readonly id: string;
  /** Epoch seconds of the sign-in. */
  readonly issuedAt: number;
  /** The IdP's names for this sign-in, matched by back-channel logout. */
  readonly idp?: { readonly sid?: string | undefined; readonly sub?: string | undefined } | undefined;
  readonly tokens: PatientTokens;
  readonly identity: PatientIdentity & { readonly displayName: string };
  /** Epoch seconds: the absolute end of the session, never extended by a refresh. */
  readonly expiresAt: number;
}

/** How long a session lasts at most after login, whatever the refresh token allows. */
export const SESSION_LIFETIME_SECONDS = 8 * 60 * 60;
/** Refresh the access token when fewer seconds than this are left. */
export const REFRESH_BEFORE_SECONDS = 60;

/** The shape of a sealed session (also checked when a cross-site login hand-off is claimed). */
export const sessionSchema = z.object({
  id: z.string().min(16),
  issuedAt: z.number().int(),
  idp: z.object({ sid: z.string().min(1).optional(), sub: z.string().min(1).optional() }).optional(),
  tokens: z.object({
    accessToken: z.string().min(1),
    refreshToken: z.string().min(1).optional(),
    idToken: z.string().min(1).optional(),
    expiresAt: z.number().int(),
  }),
  identity: z.object({
    personalNumber: z.object({ system: z.string().min(1), value: z.string().min(1) }),
    givenName: z.string(),
    familyName: z.string(),
    birthDate: z.string().optional(),
    displayName: z.string(),
  }),
  expiresAt: z.number().int(),
});

declare module 'fastify' {
  interface FastifyInstance {
    /** Signed-out sessions (shared on Redis when configured). */
    revocations: RevocationList;
    /** false only in tests that show what the shared refresh lock prevents (createBff option). */
    refreshLockShared: boolean;
  }
  interface FastifyRequest {
    /** The signed-in patient, or null (set from the cookie in onRequest). */
    session: PatientSession | null;
  }
  interface FastifyReply {
    /** Seal `session` into the cookie(s) of this reply (always with the first key; clears stale chunks). */
    setSession(session: PatientSession): Promise<void>;
    /** Remove every session cookie (single and chunks) in this reply. */
    clearSession(): void;
  }
  interface FastifyInstance {
    /**
     * Route `preParsing` hook: 401 'login-required' without a usable session, after rate limits
     * and CSRF but before the body is read or validated; refreshes the access token near expiry.
     */
    requirePatient: preParsingAsyncHookHandler;
  }
}

const kReseal = Symbol('itb-session-reseal');
const kWritten = Symbol('itb-session-written');
/** Set when a cookie's session could not be checked against the revocation list (Redis down). */
const kUnverified = Symbol('itb-session-unverified');
type Marked = { [kReseal]?: boolean; [kWritten]?: boolean; [kUnverified]?: { readonly error: unknown; readonly session: PatientSession } };

/** A fresh session id: 128 random bits. */
export function newSessionId(): string {
  return randomBytes(16).toString('base64url');
}

/** The 503 a patient gets while their sign-out state cannot be checked: never served as signed in. */
export function unverifiedSession(cause: unknown): OutcomeError {
  return new OutcomeError('temporarily-unavailable', 'Signed-in services are briefly unavailable; try again in a moment.', { cause });
}

/** Throw the 503 of {@link unverifiedSession} when `request`'s cookie could not be checked. */
export function assertSessionChecked(request: FastifyRequest): void {
  const unchecked = (request as Marked)[kUnverified];
  if (unchecked !== undefined) throw unverifiedSession(unchecked.error);
}

/** The cookie's session, also when it could not be checked: signing out must work in every state. */
export function sessionToSignOut(request: FastifyRequest): PatientSession | null {
  return request.session ?? (request as Marked)[kUnverified]?.session ?? null;
}

export const sessionPlugin = fp(async (app: FastifyInstance) => {
  const config = app.config;
  if (!app.hasRequestDecorator('cookies')) await app.register(cookie);
  const keyring = createKeyring(config.sessionKeys);
  const policy = sessionCookiePolicy(config.publicUrl, config.cookieMode);
  const nowSeconds = () => Math.floor(app.now().getTime() / 1000);
  const store = sharedStoreOf(app);
  const revocations = store === undefined
    ? createMemoryRevocationList(nowSeconds)
    : createSharedRevocationList(store, nowSeconds, (error) => {
      app.telemetry.sharedStoreError('revocation');
      app.log.warn({ err: error }, 'revocation kept locally until the shared store is back');
    });
  app.decorate('revocations', revocations);
  const shareRefreshes = !app.hasDecorator('refreshLockShared') || app.refreshLockShared;
  const refreshLock = store === undefined || !shareRefreshes
    ? perInstanceRefreshLock
    : createSharedRefreshLock(store, keyring, { waitMs: config.upstreamTimeoutMs + 1000, now: () => app.now() });

  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request) => {
    const sealed = joinChunks(request.cookies, policy.name);
    if (sealed === undefined) return;
    const opened = await keyring.open(sealed, { purpose: 'itb-session', now: app.now() });
    if (opened === undefined) return;
    const parsed = sessionSchema.safeParse(opened.payload['session']);
    if (!parsed.success || parsed.data.expiresAt <= nowSeconds()) return;
    const session = parsed.data as PatientSession;
    try {
      if (await revocations.isRevoked({ id: session.id, sid: session.idp?.sid, sub: session.idp?.sub, issuedAt: session.issuedAt })) return;
    } catch (error) {
      // Fail closed: a cookie that may have been signed out is not a session while we cannot tell.
      (request as Marked)[kUnverified] = { error, session };
      app.telemetry.sharedStoreError('revocation');
      return;
    }
    request.session = session;
    // Sealed with an older key: re-seal with the first key on the way out, so rotation completes.
    if (opened.kid !== keyring.primaryKid) (request as Marked)[kReseal] = true;
  });

  function clearNames(reply: FastifyReply, names: Iterable<string>): void {
    for (const name of names) reply.clearCookie(name, policy.attributes);
  }

  async function setSession(this: FastifyReply, session: PatientSession): Promise<void> {
    const reply = this;
    const now = app.now();
    const remaining = session.expiresAt - Math.floor(now.getTime() / 1000);
    if (remaining <= 0) {
      reply.clearSession();
      return;
    }
    const sealed = await keyring.seal({ session }, { purpose: 'itb-session', expiresAt: new Date(session.expiresAt * 1000), now });
    const chunks = sealed.length <= CHUNK_BYTES ? [sealed] : splitValue(sealed);
    if (chunks.length > MAX_CHUNKS) throw new OutcomeError('internal', 'The session is too large to store.');
    const written = chunks.length === 1 ? [policy.name] : chunks.map((_, index) => chunkName(policy.name, index));
    const stale = namesPresent(reply.request.cookies, policy.name).filter((name) => !written.includes(name));
    clearNames(reply, stale);
    written.forEach((name, index) => reply.setCookie(name, chunks[index] as string, { ...policy.attributes, maxAge: remaining }));
    reply.request.session = session;
    (reply as Marked)[kWritten] = true;
  }

  function clearSession(this: FastifyReply): void {
    const present = namesPresent(this.request.cookies, policy.name);
    // Clear the single name even when absent: a client may hold it while sending only chunks.
    clearNames(this, new Set([policy.name, ...present]));
    this.request.session = null;
    (this as Marked)[kWritten] = true;
  }

  app.decorateReply('setSession', setSession);
  app.decorateReply('clearSession', clearSession);

  app.addHook('onSend', async (request, reply, payload) => {
    if ((request as Marked)[kReseal] === true && (reply as Marked)[kWritten] !== true && request.session !== null) {
      await reply.setSession(request.session);
    }
    return payload;
  });

  async function requirePatient<Payload>(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply, payload: Payload): Promise<Payload> {
    await ensurePatient(request, reply);
    return payload;
  }

  async function ensurePatient(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const session = request.session;
    if (session === null) {
      assertSessionChecked(request);
      throw new OutcomeError('login-required', 'Sign in to continue.');
    }
    if (session.tokens.expiresAt - nowSeconds() >= REFRESH_BEFORE_SECONDS) return;
    if (session.tokens.refreshToken === undefined) {
      reply.clearSession();
      throw new OutcomeError('login-required', 'The sign-in has expired; sign in again.');
    }
    const refreshToken = session.tokens.refreshToken;
    try {
      const tokens = await refreshLock.refresh(refreshToken, () => app.oidc.refresh(refreshToken, session.tokens.idToken));
      await reply.setSession({
        ...session,
        tokens: {
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken ?? refreshToken,
          idToken: tokens.idToken,
          expiresAt: tokens.expiresAt,
        },
      });
    } catch (cause) {
      // The lock could not be asked (Redis down): the session may be fine, so it is kept.
      if (cause instanceof RefreshLockUnavailable) {
        app.telemetry.sharedStoreError('refresh-lock');
        throw unverifiedSession(cause);
      }
      reply.clearSession();
      throw new OutcomeError('login-required', 'The sign-in has expired; sign in again.', { cause });
    }
  }

  app.decorate('requirePatient', requirePatient);
}, { fastify: '5.x', name: 'itb-session', dependencies: ['itb-oidc'] });
