/**
 * `POST /registry/oauth2/token`: the registry's client-credentials token endpoint (RFC 6749 §4.4).
 * Every answer, success or error, is OAuth's JSON with `Cache-Control: no-store` (§5.1, §5.2) —
 * including a body the sandbox cannot parse, which would otherwise become an OperationOutcome.
 * @module
 */
import type { FastifyInstance, FastifyReply } from 'fastify';
import formbody from '@fastify/formbody';
import type { TokenErrorCode } from './client-credentials.js';
import { createRegistryGate } from './registry-gate.js';
import type { RegistryRuntime } from './registry.js';

const FORM = 'application/x-www-form-urlencoded';

function sendError(reply: FastifyReply, status: number, error: TokenErrorCode, description: string): FastifyReply {
  return reply.code(status).header('cache-control', 'no-store').header('pragma', 'no-cache').type('application/json').send({ error, error_description: description });
}

export async function registryTokenRoute(app: FastifyInstance, options: { registry: RegistryRuntime }): Promise<void> {
  const { registry } = options;
  await app.register(formbody);
  const gate = createRegistryGate(registry, 'oauth');
  app.addHook('onRequest', gate.onRequest);
  app.addHook('preHandler', gate.preHandler);
  app.setErrorHandler((error: { statusCode?: number }, request, reply) => {
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status >= 500) {
      request.log.error({ err: error }, 'registry token endpoint failed');
      return reply.code(500).header('cache-control', 'no-store').type('application/json').send({ error: 'server_error', error_description: 'The token endpoint failed to answer.' });
    }
    // Wrong media type, a body too large or malformed: the request, not the server.
    return sendError(reply, 400, 'invalid_request', `Send the parameters as ${FORM}.`);
  });

  app.post('/token', async (request, reply) => {
    const type = request.headers['content-type'];
    const isForm = type !== undefined && type.split(';')[0]?.trim().toLowerCase() === FORM;
    if (type !== undefined && !isForm) return sendError(reply, 400, 'invalid_request', `Send the parameters as ${FORM}.`);
    const form = isForm && typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, unknown>) : {};
    const result = registry.tokens.grant({ authorization: request.headers.authorization, form });
    if (!result.ok) {
      if (result.status === 401 && result.basic) reply.header('www-authenticate', 'Basic realm="registry", charset="UTF-8"');
      return sendError(reply, result.status, result.error, result.description);
    }
    registry.recordIssued();
    return reply.code(200).header('cache-control', 'no-store').header('pragma', 'no-cache').type('application/json').send(result.body);
  });
}
