/**
 * `/healthz` (the process answers) and `/readyz` (Redis answers when configured, a system token
 * can be obtained and ITB's `metadata` answers; one check is shared by the polls of a few seconds), for load balancers and
 * orchestrators; `/embed-check` (may a page on this `Origin` embed the widget here, and is the BFF
 * ready?), for a site's own server to test its set-up (the WordPress plugin's "Test connection").
 * @module
 */
import type { FastifyInstance } from 'fastify';
import { OutcomeError, isOutcomeError } from '../errors.js';
import { trustedOrigins } from '../plugins/security.js';

/**
 * How long one readiness answer is reused. Load balancers poll `/readyz` from one address, often
 * several times a second: instead of rate-limiting them, their polls share one upstream check.
 */
const READINESS_REUSE_MS = 3000;

/** Health route group. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', async (_request, reply) => {
    // Readable from any page, without credentials: when the widget's catalog request fails, the
    // browser reports a refused origin and an unreachable BFF as the same TypeError; this answer
    // (or its absence) tells them apart. It says nothing but "ok", so every origin may read it.
    if (!reply.hasHeader('access-control-allow-origin')) reply.header('Access-Control-Allow-Origin', '*');
    return reply.header('Cache-Control', 'no-store').send({ status: 'ok' });
  });

  /** Not ready without the shared store: that instance would refuse signed-in patients (503). */
  class StoreDown extends Error {}
  async function probe(): Promise<void> {
    await app.sharedStore?.ping().catch((error: unknown) => {
      throw new StoreDown('shared store', { cause: error });
    });
    await app.upstream.systemToken();
    const metadata = await app.upstream.request({ path: 'metadata', auth: 'system' });
    if (metadata.status !== 200) throw new Error(`metadata answered ${metadata.status}`);
  }
  let last: { readonly at: number; readonly check: Promise<void> } | undefined;
  function readiness(): Promise<void> {
    const now = app.now().getTime();
    if (last === undefined || now - last.at >= READINESS_REUSE_MS) {
      const check = probe();
      check.catch(() => undefined); // observed by every caller below; never an unhandled rejection
      last = { at: now, check };
    }
    return last.check;
  }

  async function assertReady(): Promise<void> {
    try {
      await readiness();
    } catch (error) {
      if (error instanceof StoreDown) throw new OutcomeError('network', 'Not ready: the shared store (Redis) is not reachable.', { cause: error });
      const why = isOutcomeError(error) ? error.reason : 'upstream-unavailable';
      // 'network' is the reason that travels as 503: not ready, try another instance.
      throw new OutcomeError('network', `Not ready: the booking system is not reachable (${why}).`, { cause: error });
    }
  }

  app.get('/readyz', async (_request, reply) => {
    await assertReady();
    return reply.header('Cache-Control', 'no-store').send({ status: 'ready' });
  });

  // The origin check comes first: it is the mistake a site owner can fix, and it needs no upstream.
  // A server sends the Origin header itself; a browser sends it only cross-origin, and then CORS
  // keeps the answer from an unlisted page anyway.
  const embedders = trustedOrigins(app.config);
  app.get('/embed-check', async (request, reply) => {
    const origin = request.headers.origin;
    if (typeof origin !== 'string' || origin === '') {
      throw new OutcomeError('invalid-parameter', 'Send the Origin header of the site that embeds the widget, e.g. Origin: https://clinic.example.');
    }
    if (!embedders.has(origin)) {
      throw new OutcomeError('origin-not-allowed', `The origin ${origin} is not allowed: add it to ITB_ALLOWED_ORIGINS.`);
    }
    await assertReady();
    return reply.header('Cache-Control', 'no-store').send({
      resourceType: 'OperationOutcome',
      issue: [{ severity: 'information', code: 'informational', diagnostics: `Ready: pages on ${origin} may embed the booking widget with this BFF.` }],
    });
  });
}
