/**
 * One deadline per browser request (`ITB_REQUEST_DEADLINE_MS`). Each upstream call has its own
 * timeout too, but a request may make several (read the booking, read the patient, `$book`), so
 * without this a slow ITB turned a cancel into 15 s. Every route handler races the deadline: when
 * it passes the patient gets a 504 OperationOutcome at once. Upstream calls made on the patient's
 * behalf are handed `request.deadline` and stop with it; a `$book` that may still complete
 * upstream is reconciled when the patient retries (the idempotency key and the lookup of the
 * patient's own booking at that time, see book-flow.ts).
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest, RouteHandlerMethod } from 'fastify';
import fp from 'fastify-plugin';
import { OutcomeError } from '../errors.js';

declare module 'fastify' {
  interface FastifyRequest {
    /** Aborts when this request's overall deadline passes. */
    deadline: AbortSignal;
  }
}

function deadlinePassed(signal: AbortSignal): Promise<never> {
  return new Promise<never>((_resolve, reject) => {
    const fail = () => reject(new OutcomeError('upstream-timeout', 'The booking system did not answer in time.'));
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
}

/** Registers the deadline (before any route, so every route's handler is wrapped). */
export const deadlinePlugin = fp(async (app: FastifyInstance) => {
  const ms = app.config.requestDeadlineMs;
  // Set for every request in onRequest below; a reference type cannot be a decorator's default.
  app.decorateRequest('deadline', null as unknown as AbortSignal);
  app.addHook('onRequest', async (request) => {
    request.deadline = AbortSignal.timeout(ms);
  });
  app.addHook('onRoute', (route) => {
    const handler = route.handler as RouteHandlerMethod;
    route.handler = async function raceDeadline(this: FastifyInstance, request: FastifyRequest, reply: FastifyReply) {
      return Promise.race([handler.call(this, request, reply), deadlinePassed(request.deadline)]);
    };
  });
}, { fastify: '5.x', name: 'itb-deadline' });
