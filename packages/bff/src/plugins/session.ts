/**
 * The patient session: tokens and identity in one encrypted, HTTP-only cookie (split into chunks
 * when large), so any BFF instance holding the session keys can serve any request (design:
 * stateless BFF). A cookie that is tampered with, expired or sealed with a retired key is simply
 * "no session", never an error.
 * @module
 */
import cookie from '@fastify/cookie';
import type { FastifyInstance, FastifyReply, FastifyRequest, preParsingAsyncHookHandler } from 'fastify';
import fp from 'fastify-plugin';
import { z } from 'zod';
import type { PatientIdentity } from '@itb/shared';
import { OutcomeError } from '../errors.js';
import { CHUNK_BYTES, chunkName, joinChunks, MAX_CHUNKS, namesPresent, sessionCookiePolicy, splitValue } from '../session/cookie-policy.js';
import { createKeyring } from '../session/seal.js';

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
type Marked = { [kReseal]?: boolean; [kWritten]?: boolean };

export const sessionPlugin = fp(async (app: FastifyInstance) => {
  const config = app.config;
  if (!app.hasRequestDecorator('cookies')) await app.register(cookie);
  const keyring = createKeyring(config.sessionKeys);
  const policy = sessionCookiePolicy(config.publicUrl, config.cookieMode);
  const nowSeconds = () => Math.floor(app.now().getTime() / 1000);

  app.decorateRequest('session', null);

  app.addHook('onRequest', async (request) => {
    const sealed = joinChunks(request.cookies, policy.name);
    if (sealed === undefined) return;
    const opened = await keyring.open(sealed, { purpose: 'itb-session', now: app.now() });
    if (opened === undefined) return;
    const parsed = sessionSchema.safeParse(opened.payload['session']);
    if (!parsed.success || parsed.data.expiresAt <= nowSeconds()) return;
    request.session = parsed.data as PatientSession;
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
    if (session === null) throw new OutcomeError('login-required', 'Sign in to continue.');
    if (session.tokens.expiresAt - nowSeconds() >= REFRESH_BEFORE_SECONDS) return;
    if (session.tokens.refreshToken === undefined) {
      reply.clearSession();
      throw new OutcomeError('login-required', 'The sign-in has expired; sign in again.');
    }
    try {
      const tokens = await app.oidc.refresh(session.tokens.refreshToken, session.tokens.idToken);
      await reply.setSession({
        ...session,
        tokens: {
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken ?? session.tokens.refreshToken,
          idToken: tokens.idToken,
          expiresAt: tokens.expiresAt,
        },
      });
    } catch (cause) {
      reply.clearSession();
      throw new OutcomeError('login-required', 'The sign-in has expired; sign in again.', { cause });
    }
  }

  app.decorate('requirePatient', requirePatient);
}, { fastify: '5.x', name: 'itb-session', dependencies: ['itb-oidc'] });
