/**
 * Compressed answers (`@fastify/compress`): brotli or gzip, as the request's `Accept-Encoding`
 * prefers, for every compressible answer of at least {@link COMPRESS_THRESHOLD_BYTES}. Dynamic
 * answers (`$find`, the patient's bookings, errors) are compressed per request at a fast level;
 * the cached catalog answers arrive here already compressed (fhir-render.ts keeps one copy per
 * coding per cache fill) with `Content-Encoding` set, which the plugin leaves alone.
 * Every compressible answer says `Vary: Accept-Encoding`, also when it went out uncompressed (too
 * small, or the client asked for none): a shared cache must not hand one client's coding to another.
 * @module
 */
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import compress from '@fastify/compress';
import negotiate from '@fastify/accept-negotiator';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';

/** The codings the BFF sends, most preferred first (brotli: smaller at the same CPU). */
export const ENCODINGS = ['br', 'gzip'] as const;
/** A content coding the BFF sends. */
export type ContentCoding = (typeof ENCODINGS)[number];

/** Below this many bytes compression saves less than it costs (headers, CPU): sent as is. */
export const COMPRESS_THRESHOLD_BYTES = 1024;

/**
 * Per-request levels, measured on a 105 KB "any practitioner" `$find` (bench machine, Node 20):
 * brotli q4 0.49 ms → 3.5 KB, q5 0.86 ms → 3.2 KB; gzip 6 0.38 ms → 4.2 KB, gzip 4 0.35 ms → 4.8 KB.
 * q4 is the knee: q5 costs almost twice the CPU for 9 % fewer bytes.
 */
export const DYNAMIC_BROTLI_QUALITY = 4;
export const DYNAMIC_GZIP_LEVEL = 6;

const COMPRESSIBLE = /^(application\/(fhir\+)?json|text\/)/;

/** The coding `request` gets (same negotiator and order as @fastify/compress), or undefined for identity. */
export function negotiateCoding(request: FastifyRequest): ContentCoding | undefined {
  const header = request.headers['accept-encoding'];
  if (header === undefined || request.headers['x-no-compression'] !== undefined) return undefined;
  // As @fastify/compress: `*` and `x-gzip` count as gzip (RFC 9110 §12.5.3).
  const chosen = negotiate(header.toLowerCase().replace(/\*|x-gzip/g, 'gzip'), [...ENCODINGS]);
  return chosen === 'br' || chosen === 'gzip' ? chosen : undefined;
}

/** Add `Accept-Encoding` to the reply's Vary (kept once). */
export function varyOnEncoding(reply: FastifyReply): void {
  const vary = reply.getHeader('Vary');
  const list = vary === undefined ? [] : String(vary).split(',').map((v) => v.trim()).filter(Boolean);
  if (list.some((v) => v.toLowerCase() === 'accept-encoding' || v === '*')) return;
  // Lower case: @fastify/compress looks for exactly this spelling before adding its own.
  reply.header('Vary', [...list, 'accept-encoding'].join(', '));
}

const DYNAMIC_BROTLI = { params: { [constants.BROTLI_PARAM_QUALITY]: DYNAMIC_BROTLI_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } };

/**
 * Send a whole JSON text (a `$find` answer) compressed in one call when the request takes a
 * coding. For a body already complete in memory, one synchronous call and one socket write cost
 * less CPU than @fastify/compress's stream (which writes each compressed chunk on its own), and
 * the write of 3.5 KB instead of 105 KB is most of the saving (see the README's `$find` profile).
 */
export function sendText(request: FastifyRequest, reply: FastifyReply, text: string): FastifyReply {
  const coding = text.length < COMPRESS_THRESHOLD_BYTES ? undefined : negotiateCoding(request);
  varyOnEncoding(reply);
  if (coding === undefined) return reply.send(text);
  const bytes = coding === 'br' ? brotliCompressSync(text, DYNAMIC_BROTLI) : gzipSync(text, { level: DYNAMIC_GZIP_LEVEL });
  return reply.header('Content-Encoding', coding).send(bytes);
}

/** Registers compression for every route of the instance. */
export const compressionPlugin = fp(async (app: FastifyInstance) => {
  await app.register(compress, {
    global: true,
    encodings: [...ENCODINGS],
    threshold: COMPRESS_THRESHOLD_BYTES,
    brotliOptions: DYNAMIC_BROTLI,
    zlibOptions: { level: DYNAMIC_GZIP_LEVEL },
    customTypes: COMPRESSIBLE,
    // Request bodies are small JSON; a compressed one is refused like any other unknown body.
    globalDecompression: false,
  });
  app.addHook('onSend', async (_request, reply, payload) => {
    const type = reply.getHeader('Content-Type');
    if (typeof type === 'string' && COMPRESSIBLE.test(type)) varyOnEncoding(reply);
    return payload;
  });
}, { fastify: '5.x', name: 'itb-compression' });
