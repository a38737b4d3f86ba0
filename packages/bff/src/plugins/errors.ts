/**
 * Everything that leaves the BFF as an error is a FHIR OperationOutcome, with the status of its
 * reason chosen here and nowhere else. Causes go to the log (redacted), never to the client:
 * no stack traces, no upstream bodies, no echoed input values.
 * @module
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { REASON_STATUS, outcome, type ReasonCode } from '@itb/shared';
import { OutcomeError, isOutcomeError } from '../errors.js';
import { describeValidation } from '../fhir/schema-errors.js';

/** Content type of every FHIR body the BFF sends. */
export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

/**
 * Fastify's own request errors, in our words: its messages ("Body is not valid JSON but
 * content-type is set to 'application/json'", "Unsupported Media Type: text/xml") are a library's.
 */
const FRAMEWORK_DIAGNOSTICS: Readonly<Record<string, string>> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'The request body is not valid JSON.',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'The request body is empty; send a JSON body or no Content-Type.',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'This route does not take a request body of that content type.',
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: 'The request body does not match its Content-Length.',
};

function statusReason(status: number): ReasonCode {
  if (status === 404) return 'not-found';
  if (status === 413) return 'payload-too-large';
  if (status === 429) return 'rate-limited';
  if (status === 401) return 'login-required';
  if (status === 403) return 'forbidden';
  if (status >= 400 && status < 500) return 'invalid-parameter';
  return 'internal';
}

const GENERIC_DIAGNOSTICS: Partial<Record<ReasonCode, string>> = {
  'not-found': 'Not found.',
  'payload-too-large': 'The request body is too large.',
  'rate-limited': 'Too many requests; try again shortly.',
  'invalid-parameter': 'The request is malformed.',
  forbidden: 'Forbidden.',
  'login-required': 'Sign-in required.',
  internal: 'Something went wrong in the booking service.',
};

/** Turn anything thrown into an OutcomeError (the one translation point for foreign errors). */
export function toOutcomeError(error: unknown): OutcomeError {
  if (isOutcomeError(error)) return error;
  const fastifyError = error as FastifyError;
  if (hasZodFastifySchemaValidationErrors(error) || Array.isArray(fastifyError?.validation)) {
    const { diagnostics, expression } = describeValidation(fastifyError);
    return new OutcomeError('invalid-parameter', diagnostics, { cause: error, expression });
  }
  const status = typeof fastifyError?.statusCode === 'number' ? fastifyError.statusCode : 500;
  const reason = statusReason(status);
  const ours = typeof fastifyError?.code === 'string' && Object.hasOwn(FRAMEWORK_DIAGNOSTICS, fastifyError.code) ? FRAMEWORK_DIAGNOSTICS[fastifyError.code] : undefined;
  return new OutcomeError(reason, ours ?? GENERIC_DIAGNOSTICS[reason] ?? 'The request failed.', { cause: error });
}

/** Send `error` as an OperationOutcome with its reason's status. */
export function sendOutcome(reply: FastifyReply, error: OutcomeError): FastifyReply {
  return reply
    .code(REASON_STATUS[error.reason])
    .type(FHIR_JSON)
    .header('Cache-Control', 'no-store')
    .send(outcome(error.reason, error.diagnostics, error.detail, error.expression));
}

function logFailure(request: FastifyRequest, error: OutcomeError): void {
  const status = REASON_STATUS[error.reason];
  if (status >= 500) request.log.error({ err: error, reason: error.reason }, 'request failed');
  else request.log.info({ reason: error.reason }, 'request refused');
}

/** Error and not-found handlers for the whole app (registered at the root, so every route inherits them). */
export const errorsPlugin = fp(async (app: FastifyInstance) => {
  app.setErrorHandler((error, request, reply) => {
    const mapped = toOutcomeError(error);
    logFailure(request, mapped);
    // Headers set before the failure (ETag, Cache-Control of a half-built answer) must not survive.
    reply.removeHeader('etag');
    reply.removeHeader('last-modified');
    return sendOutcome(reply, mapped);
  });
  app.setNotFoundHandler((request, reply) => {
    const mapped = new OutcomeError('not-found', `No route ${request.method} for this path.`);
    logFailure(request, mapped);
    return sendOutcome(reply, mapped);
  });
}, { fastify: '5.x', name: 'itb-errors' });
