/**
 * What happens to every registry request before its handler: it is counted, refused with 503 while
 * the registry is down, and possibly failed by an injected fault (500/503, a timeout that never
 * answers, or a dropped connection). The token endpoint fails in OAuth's words (RFC 6749 §5.2
 * `server_error` / `temporarily_unavailable`), the FHIR routes with OperationOutcomes, so each
 * client meets the error shape it parses.
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { outcome } from '@itb/shared';
import type { FaultKind } from '../knobs.js';
import { FHIR_JSON } from '../http/errors.js';
import { describeRequest } from '../http/pipeline.js';
import type { RegistryRequestKind, RegistryRuntime } from './registry.js';

export type ErrorShape = 'oauth' | 'fhir';


async function unavailable(reply: FastifyReply, shape: ErrorShape, status: 500 | 503, diagnostics: string): Promise<void> {
  if (shape === 'oauth') {
    await reply.code(status).header('cache-control', 'no-store').type('application/json').send({ error: status === 500 ? 'server_error' : 'temporarily_unavailable', error_description: diagnostics });
  } else {
    await reply.code(status).type(FHIR_JSON).send(outcome(status === 500 ? 'internal' : 'temporarily-unavailable', diagnostics));
  }
}

async function suffer(fault: FaultKind, request: FastifyRequest, reply: FastifyReply, shape: ErrorShape): Promise<void> {
  if (fault === '500') {
    await unavailable(reply, shape, 500, 'Injected fault: internal server error.');
  } else if (fault === '503') {
    reply.header('retry-after', '1');
    await unavailable(reply, shape, 503, 'Injected fault: service unavailable.');
  } else if (fault === 'drop') {
    reply.hijack();
    request.raw.socket.destroy();
  } else {
    // Never answer; the connection closes when the client gives up or the sandbox closes.
    reply.hijack();
  }
}

/**
 * The hooks for one route group: `onRequest` counts and applies the down switch before anything
 * else (authentication included), `preHandler` the faults, since they may match the body.
 */
export function createRegistryGate(registry: RegistryRuntime, shape: ErrorShape) {
  const kindOf = (request: FastifyRequest): RegistryRequestKind => (shape === 'oauth' ? 'token' : request.method === 'GET' || request.method === 'HEAD' ? 'read' : 'write');
  return {
    async onRequest(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      if (registry.arrive(kindOf(request), request.method)) await unavailable(reply, shape, 503, 'The registry is down (sandbox knob).');
    },
    async preHandler(request: FastifyRequest, reply: FastifyReply): Promise<void> {
      const fault = registry.fault(describeRequest(request));
      if (fault !== undefined) await suffer(fault, request, reply, shape);
    },
  };
}
