/**
 * HTTP at the edge of the connection: what Node would answer itself (or not at all) is answered as
 * an OperationOutcome, and a keep-alive connection never falls out of step with its client.
 * - Node's parser errors (malformed request line, headers or URL over 16 KB, bad chunks) come to
 *   `answerClientError` (Fastify's `clientErrorHandler`), `Expect` headers it cannot meet to
 *   `answerUnmetExpectation`, `CONNECT` and upgrades to `refuseTunnel`.
 * - An answer sent before its request's body was read (a refusal, a GET with a body) drains that
 *   body first, or says `Connection: close` when it is too long or too slow.
 * @module
 */
import { STATUS_CODES, type IncomingMessage, type ServerResponse } from 'node:http';
import type { Socket } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { REASON_STATUS, outcome, type ReasonCode } from '@itb/shared';
import { FHIR_JSON } from './errors.js';

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

/** Registers the connection-level answers and the drain (the client-error handler is a server option). */
export const connectionEdgesPlugin = fp(async (app: FastifyInstance) => {
  // A malformed body fails while draining; answerClientError then answers 400 and closes.
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
}, { fastify: '5.x', name: 'itb-connection-edges' });
