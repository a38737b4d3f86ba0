/**
 * `/healthz` (the process answers) and `/readyz` (a system token can be obtained and ITB's
 * `metadata` answers), for load balancers and orchestrators.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import { OutcomeError, isOutcomeError } from '../errors.js';

/** Health route group. */
export async function healthRoutes(app: FastifyInstance): Promise<void> {
  app.get('/healthz', async (_request, reply) => reply.header('Cache-Control', 'no-store').send({ status: 'ok' }));

  app.get('/readyz', async (_request, reply) => {
    try {
      await app.upstream.systemToken();
      const metadata = await app.upstream.request({ path: 'metadata', auth: 'system' });
      if (metadata.status !== 200) throw new Error(`metadata answered ${metadata.status}`);
    } catch (error) {
      const why = isOutcomeError(error) ? error.reason : 'upstream-unavailable';
      // 'network' is the reason that travels as 503: not ready, try another instance.
      throw new OutcomeError('network', `Not ready: the booking system is not reachable (${why}).`, { cause: error });
    }
    return reply.header('Cache-Control', 'no-store').send({ status: 'ready' });
  });
}
