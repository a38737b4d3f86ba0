/**
 * What happens to every upstream call before its handler: it is counted, delayed by the latency
 * knob, and possibly failed by an injected fault (500/503 OperationOutcome, a timeout that never
 * answers, or a dropped connection).
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { outcome } from '@itb/shared';
import type { KnobRuntime } from '../knobs.js';
import { FHIR_JSON } from './errors.js';

/** What a fault's `match` is tested against: the decoded URL and the body. */
export function describeRequest(request: FastifyRequest): string {
  let url = request.url;
  try {
    url = decodeURIComponent(url);
  } catch {
    // A malformed escape: match on the raw URL.
  }
  const body = request.body === undefined || request.body === null ? '' : typeof request.body === 'string' ? request.body : JSON.stringify(request.body);
  return body === '' ? url : `${url} ${body}`;
}

export function createPipelineHook(runtime: KnobRuntime) {
  return async function pipeline(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    const fault = runtime.arrive(describeRequest(request));
    // However the call ends (answered, faulted, hung up on), it no longer counts as in progress.
    reply.raw.once('close', () => runtime.depart());
    const latency = runtime.latencyMs();
    if (latency > 0) await new Promise((resolve) => setTimeout(resolve, latency));
    if (fault === undefined) return;
    if (fault === '500') {
      await reply.code(500).type(FHIR_JSON).send(outcome('internal', 'Injected fault: internal server error.'));
    } else if (fault === '503') {
      await reply.code(503).header('retry-after', '1').type(FHIR_JSON).send(outcome('upstream-unavailable', 'Injected fault: service unavailable.'));
    } else if (fault === 'drop') {
      reply.hijack();
      request.raw.socket.destroy();
    } else {
      // Never answer; the connection closes when the client gives up or the sandbox closes.
      reply.hijack();
    }
  };
}
