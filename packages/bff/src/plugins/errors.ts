/**
 * Everything that leaves the BFF as an error is a FHIR OperationOutcome, with the status of its
 * reason chosen here and nowhere else. Causes go to the log (redacted), never to the client:
 * no stack traces, no upstream bodies, no echoed input values.
 * @module
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { REASON_STATUS, outcome, type ReasonCode } from '@itb/shared';
import { OutcomeError, isOutcomeError } from '../errors.js';

/** Content type of every FHIR body the BFF sends. */
export const FHIR_JSON = 'application/fhir+json; charset=utf-8';

const CONTEXT_LABEL: Readonly<Record<string, string>> = {
  querystring: 'query parameter',
  params: 'path parameter',
  body: 'body field',
  headers: 'header',
};

/** "query parameter 'start': must be …" from a schema validation failure (first problem only). */
function describeValidation(error: FastifyError): string {
  const context = CONTEXT_LABEL[error.validationContext ?? ''] ?? 'parameter';
  const first = error.validation?.[0];
  if (first === undefined) return `Invalid ${context}.`;
  const path = first.instancePath.replace(/^\//, '').replaceAll('/', '.');
  const message = String(first.message ?? 'is invalid').slice(0, 200);
  if (path === '') return `Invalid ${context}s: ${message}`;
  return `Invalid ${context} '${path.slice(0, 80)}': ${message}`;
}

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
    return new OutcomeError('invalid-parameter', describeValidation(fastifyError), { cause: error });
  }
  const status = typeof fastifyError?.statusCode === 'number' ? fastifyError.statusCode : 500;
  const reason = statusReason(status);
  return new OutcomeError(reason, GENERIC_DIAGNOSTICS[reason] ?? 'The request failed.', { cause: error });
}

/** Send `error` as an OperationOutcome with its reason's status. */
export function sendOutcome(reply: FastifyReply, error: OutcomeError): FastifyReply {
  return reply
    .code(REASON_STATUS[error.reason])
    .type(FHIR_JSON)
    .header('Cache-Control', 'no-store')
    .send(outcome(error.reason, error.diagnostics, error.detail));
}

function logFailure(request: FastifyRequest, error: OutcomeError): void {
  const status = REASON_STATUS[error.reason];
  if (status >= 500) request.log.error({ err: error, reason: error.reason }, 'request failed');
  else request.log.info({ reason: error.reason }, 'request refused');
}

/**
 * Fastify's `clientErrorHandler`: a request Node's parser refuses before Fastify sees it (a
 * malformed request line, headers or URL over the 16 KB limit, a bad chunk) gets an
 * OperationOutcome too, and `Connection: close`, because the socket is closed after it.
 */
export function answerClientError(error: Error & { code?: string }, socket: Socket): void {
  if (socket.destroyed || !socket.writable || error.code === 'ECONNRESET') {
    socket.destroy();
    return;
  }
  const tooLarge = error.code === 'HPE_HEADER_OVERFLOW';
  const timedOut = error.code === 'ERR_HTTP_REQUEST_TIMEOUT';
  const reason: ReasonCode = tooLarge ? 'headers-too-large' : 'invalid-parameter';
  const diagnostics = tooLarge ? 'The request URL or headers are too large.' : timedOut ? 'The request took too long to arrive.' : 'The request is not valid HTTP.';
  endWithOutcome(socket, timedOut ? 408 : REASON_STATUS[reason], reason, diagnostics);
}

/**
 * Node's `connect` and `upgrade` events: the BFF tunnels nothing and speaks no other protocol.
 * Without a listener Node would drop the connection unanswered; this answers 405 and closes.
 */
export function refuseTunnel(_request: IncomingMessage, socket: Socket): void {
  if (socket.destroyed || !socket.writable) return;
  endWithOutcome(socket, 405, 'invalid-parameter', 'CONNECT and protocol upgrades are not supported.');
}

/** Write a whole HTTP/1.1 answer with an OperationOutcome straight to `socket`, then close it. */
function endWithOutcome(socket: Socket, status: number, reason: ReasonCode, diagnostics: string): void {
  const body = JSON.stringify(outcome(reason, diagnostics));
  socket.end([
    `HTTP/1.1 ${status} ${STATUS_CODES[status] ?? 'Error'}`,
    `Content-Type: ${FHIR_JSON}`,
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Cache-Control: no-store',
    'Connection: close',
    '',
    body,
  ].join('\r\n'));
}

/**
 * Node's `checkExpectation` event: an `Expect` header other than `100-continue` cannot be met.
 * Node would answer 417 with an empty body; this answers it as an OperationOutcome.
 */
export function answerUnmetExpectation(_request: IncomingMessage, response: ServerResponse): void {
  const body = JSON.stringify(outcome('invalid-parameter', 'The Expect header cannot be met.'));
  response.writeHead(417, { 'Content-Type': FHIR_JSON, 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-store', Connection: 'close' });
  response.end(body);
}

/** How long, and how much, an answer waits for the unread rest of its request's body. */
const DRAIN_WAIT_MS = 2000;
const DRAIN_AT_LEAST_BYTES = 1_048_576;

/** Read and discard the rest of `raw`'s body; true when it ended within `limit` bytes and `waitMs`. */
function drained(raw: IncomingMessage, limit: number, waitMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let seen = 0;
    const done = (ended: boolean) => {
      clearTimeout(timer);
      raw.off('data', count);
      raw.off('end', onEnd);
      raw.off('error', onFail);
      raw.off('aborted', onFail);
      if (!ended) raw.pause();
      resolve(ended);
    };
    const count = (chunk: Buffer) => {
      seen += chunk.length;
      if (seen > limit) done(false);
    };
    const onEnd = () => done(true);
    const onFail = () => done(false);
    const timer = setTimeout(onFail, waitMs);
    raw.on('data', count);
    raw.once('end', onEnd);
    raw.once('error', onFail);
    raw.once('aborted', onFail);
    raw.resume();
  });
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
  // Answered before the request's body was read (refused early, or a GET that came with a body):
  // read the rest of it first, so the connection stays in step for the next request. A body that
  // is too long or too slow is not waited for: the answer says Connection: close instead. (A
  // malformed body fails while draining; answerClientError then answers 400 and closes.)
  const drainLimit = Math.max(app.config.bodyLimitBytes, DRAIN_AT_LEAST_BYTES);
  app.addHook('onSend', async (request, reply, payload) => {
    // `complete === false` only on a real socket whose body is still unread (not under inject()).
    if (request.raw.complete === false && !request.raw.readableEnded && !(await drained(request.raw, drainLimit, DRAIN_WAIT_MS))) {
      reply.header('Connection', 'close');
    }
    return payload;
  });
  app.server.on('checkExpectation', answerUnmetExpectation);
  app.server.on('connect', refuseTunnel);
  app.server.on('upgrade', refuseTunnel);
  app.setNotFoundHandler((request, reply) => {
    const mapped = new OutcomeError('not-found', `No route ${request.method} for this path.`);
    logFailure(request, mapped);
    return sendOutcome(reply, mapped);
  });
}, { fastify: '5.x', name: 'itb-errors' });
