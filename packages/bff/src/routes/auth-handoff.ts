/**
 * Cross-site mode's login hand-off. The login callback runs as a top-level page on the BFF's own
 * site, so a `Partitioned` cookie it set would be filed under the BFF's site, not under the clinic
 * site whose partition the embedded widget's fetches use. Instead the callback seals the new
 * session into a one-time hand-off (JWE with the session keys, 60 s) bound to the SHA-256 of a
 * secret `claim` the widget made before the login started, and gives it to the widget (popup
 * `postMessage` or redirect fragment). The widget then POSTs `{ handoff, claim }` to
 * `/auth/session/claim` from inside the clinic page, and the cookie set in THAT response lands in
 * the clinic-site partition.
 * @module
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { BFF_ROUTES } from '@itb/shared';
import { OutcomeError } from '../errors.js';
import { sessionSchema, type PatientSession } from '../plugins/session.js';
import type { Keyring } from '../session/seal.js';

/** How long a hand-off may wait for its claim. */
export const HANDOFF_SECONDS = 60;
/** Used hand-off ids remembered per instance at most (fail closed beyond: ~170 logins per second). */
const MAX_USED_IDS = 10_000;

/** base64url of 32 bytes (a SHA-256) and of at least 16 random bytes (the claim). */
export const claimHashSchema = z.string().regex(/^[A-Za-z0-9_-]{43}$/);
const claimSchema = z.string().regex(/^[A-Za-z0-9_-]{22,128}$/);

const handoffSchema = z.object({
  id: z.string().min(16),
  claimHash: claimHashSchema,
  origin: z.string(),
  session: sessionSchema,
});

const claimBody = z.object({ handoff: z.string().min(1).max(16_384), claim: claimSchema });

/** base64url SHA-256, the form the widget sends as `claimHash`. */
export function hashClaim(claim: string): string {
  return createHash('sha256').update(claim, 'utf8').digest('base64url');
}

/** Seal `session` for the page on `origin` that holds the claim behind `claimHash`. */
export async function sealHandoff(keyring: Keyring, session: PatientSession, claimHash: string, origin: string, now: Date): Promise<string> {
  const payload = { id: randomBytes(18).toString('base64url'), claimHash, origin, session };
  return keyring.seal({ handoff: payload }, { purpose: 'itb-session-handoff', expiresAt: new Date(now.getTime() + HANDOFF_SECONDS * 1000), now });
}

/**
 * Ids of claimed hand-offs until their expiry, so a hand-off works once per instance.
 *
 * Why per instance is enough: a replay needs both the hand-off AND the claim secret, which only
 * ever exist together inside the clinic page that started the login (its memory or its tab's
 * sessionStorage; never on a server, the claim hash is all the BFF sees). Whoever holds both can
 * already act with that page's session, so a second claim on another instance within the 60 s
 * gives them nothing new. What the set stops is the cheap case: the same response replayed to the
 * same instance (a retried request, a double submit), which would otherwise mint a second cookie.
 */
function createUsedIds(): { use(id: string, expiresAtSeconds: number, nowSeconds: number): boolean } {
  const used = new Map<string, number>();
  return {
    use(id, expiresAtSeconds, nowSeconds) {
      for (const [key, expiry] of used) if (expiry <= nowSeconds) used.delete(key);
      if (used.has(id)) return false;
      if (used.size >= MAX_USED_IDS) throw new OutcomeError('rate-limited', 'Too many sign-ins right now; try again in a minute.');
      used.set(id, expiresAtSeconds);
      return true;
    },
  };
}

function sameText(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}

/** `POST /auth/session/claim` (registered in cross-site mode only; needs the itb-session plugin). */
export async function claimRoute(parent: FastifyInstance, keyring: Keyring): Promise<void> {
  const app = parent.withTypeProvider<ZodTypeProvider>();
  const usedIds = createUsedIds();
  // The CSRF header and an allowed Origin are checked by the security plugin for every POST.
  app.post(BFF_ROUTES.sessionClaim, {
    schema: { body: claimBody },
    config: { rateLimit: { max: app.config.rateLimitLoginPerMinute, timeWindow: 60_000 } },
  }, async (request, reply) => {
    reply.header('cache-control', 'no-store');
    const refused = new OutcomeError('login-required', 'This sign-in hand-off is invalid, expired or used; sign in again.');
    const now = app.now();
    const opened = await keyring.open(request.body.handoff, { purpose: 'itb-session-handoff', now });
    const parsed = handoffSchema.safeParse(opened?.payload['handoff']);
    if (opened === undefined || !parsed.success || typeof opened.payload.exp !== 'number') throw refused;
    const handoff = parsed.data;
    // Only the page the login returned to may claim it, and only with the secret behind the hash.
    if (request.headers.origin !== handoff.origin || !sameText(hashClaim(request.body.claim), handoff.claimHash)) throw refused;
    const nowSeconds = Math.floor(now.getTime() / 1000);
    if (!usedIds.use(handoff.id, opened.payload.exp, nowSeconds)) throw refused;
    await reply.setSession(handoff.session as PatientSession);
    if (request.session === null) throw refused;
    return reply.code(204).send();
  });
}
