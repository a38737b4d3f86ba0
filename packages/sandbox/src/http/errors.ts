/**
 * One place turns anything thrown into an OperationOutcome: our FhirErrors with their status,
 * Fastify's own errors (bad JSON, wrong media type, body too large) as 4xx, and everything else as
 * a 500 without internals. Unknown paths answer 404 in the same shape.
 * @module
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { outcome } from '@itb/shared';
import { FhirError } from './fhir-error.js';

export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

export function installErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError | FhirError, request, reply) => {
    if (error instanceof FhirError) {
      if (error.status === 401) void reply.header('www-authenticate', 'Bearer');
      void reply.code(error.status).type(FHIR_JSON).send(error.outcome);
      return;
    }
    const status = typeof error.statusCode === 'number' ? error.statusCode : 500;
    if (status === 413) {
      void reply.code(413).type(FHIR_JSON).send(outcome('payload-too-large', 'The request body is too large.'));
    } else if (status === 415) {
      void reply.code(415).type(FHIR_JSON).send(outcome('invalid-parameter', 'Send application/fhir+json (or application/json).'));
    } else if (status >= 400 && status < 500) {
      // Fastify's parse and validation errors: a malformed request, never a server fault.
      void reply.code(400).type(FHIR_JSON).send(outcome('invalid-parameter', error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError ? 'The body is not valid JSON.' : 'The request is malformed.'));
    } else {
      request.log.error({ err: error }, 'sandbox handler failed');
      void reply.code(500).type(FHIR_JSON).send(outcome('internal', 'The sandbox failed to answer this request.'));
    }
  });
  app.setNotFoundHandler((_request, reply) => {
    void reply.code(404).type(FHIR_JSON).send(outcome('not-found', 'No such endpoint.'));
  });
}
