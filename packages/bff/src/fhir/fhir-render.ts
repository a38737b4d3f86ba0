/**
 * Serving cacheable FHIR answers: serialise once per (upstream body, variant) with upstream
 * addresses rewritten (public-links.ts), hash the bytes into an ETag, keep a brotli and a gzip copy
 * made once (on the first request that wants each), answer If-None-Match with 304, and say how
 * long the browser may reuse the answer. This is THE catalog answer cache: everything a cache fill
 * produces hangs off the upstream body it was made from and dies with it.
 * @module
 */
import { createHash } from 'node:crypto';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FHIR_JSON } from '../plugins/errors.js';
import { COMPRESS_THRESHOLD_BYTES, DYNAMIC_BROTLI_QUALITY, DYNAMIC_GZIP_LEVEL, negotiateCoding, varyOnEncoding, type ContentCoding } from '../plugins/compression.js';
import type { PublicLinks } from './public-links.js';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/**
 * Once per fill, so the smallest output is worth its CPU: brotli q11 takes ~100 ms for the 136 KB
 * catalog (7.5 KB against 8.2 KB at q5) on libuv's thread pool, not on the event loop.
 */
const CODERS: Readonly<Record<ContentCoding, (text: Buffer) => Promise<Buffer>>> = {
  br: (text) => brotli(text, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT, [constants.BROTLI_PARAM_SIZE_HINT]: text.length } }),
  gzip: (text) => gzipAsync(text, { level: 9 }),
};

/** For an answer made for one request only (a page of a search): the per-request levels of compression.ts. */
const FAST_CODERS: Readonly<Record<ContentCoding, (text: Buffer) => Promise<Buffer>>> = {
  br: (text) => brotli(text, { params: { [constants.BROTLI_PARAM_QUALITY]: DYNAMIC_BROTLI_QUALITY, [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT } }),
  gzip: (text) => gzipAsync(text, { level: DYNAMIC_GZIP_LEVEL }),
};

/** Variants kept per upstream body (campaign unlocks × include flags × `_elements` lists the widget sends). */
const MAX_VARIANTS = 64;

/** A strong ETag names one representation: the coded copies get their own (Apache's `-gzip` habit). */
const TAG_SUFFIX: Readonly<Record<ContentCoding, string>> = { br: '-br', gzip: '-gz' };

/** A serialised answer and its validator. */
export interface Rendered {
  readonly text: string;
  readonly etag: string;
  /** The answer in `coding`, compressed once and then reused (concurrent first callers share the work). */
  encoded(coding: ContentCoding): Promise<Buffer>;
  /** The ETag of the copy in `coding`. */
  etagOf(coding: ContentCoding | undefined): string;
}

/** Renders per instance; the memo dies with the upstream bodies it is keyed by. */
export interface FhirRenderer {
  /** Serialise `build()` for `raw` + `variant` (e.g. the unlocked campaign tags), memoised. */
  render(raw: object, variant: string, build: () => unknown): Rendered;
  /** Serialise `value` for one request: not kept, compressed at the fast per-request levels, same ETag rules. */
  renderOnce(value: unknown): Rendered;
}

/** Options of {@link createFhirRenderer}. */
export interface FhirRendererOptions {
  /** Called once per compressed copy made (tests count cache fills with it). */
  readonly onCompress?: (coding: ContentCoding, bytes: number) => void;
}

function rendered(text: string, options: FhirRendererOptions, coders = CODERS): Rendered {
  const etag = `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"`;
  const copies = new Map<ContentCoding, Promise<Buffer>>();
  return {
    text,
    etag,
    encoded(coding) {
      let copy = copies.get(coding);
      if (copy === undefined) {
        copy = coders[coding](Buffer.from(text));
        copy.then((bytes) => options.onCompress?.(coding, bytes.length), () => copies.delete(coding));
        copies.set(coding, copy);
      }
      return copy;
    },
    etagOf(coding) {
      return coding === undefined ? etag : `${etag.slice(0, -1)}${TAG_SUFFIX[coding]}"`;
    },
  };
}

/** Create a renderer that serialises with `links` (upstream addresses rewritten for the browser). */
export function createFhirRenderer(links: PublicLinks, options: FhirRendererOptions = {}): FhirRenderer {
  const memo = new WeakMap<object, Map<string, Rendered>>();
  return {
    render(raw, variant, build) {
      let variants = memo.get(raw);
      if (variants === undefined) {
        variants = new Map();
        memo.set(raw, variants);
      }
      const known = variants.get(variant);
      if (known !== undefined) return known;
      const answer = rendered(links.toJson(build()), options);
      // Variants come partly from the request (`_elements`): past the bound they are served, not kept.
      if (variants.size < MAX_VARIANTS) variants.set(variant, answer);
      return answer;
    },
    renderOnce(value) {
      return rendered(links.toJson(value), options, FAST_CODERS);
    },
  };
}

/** Does If-None-Match (possibly a list, possibly weak) match `etag`? */
export function matchesEtag(header: string | undefined, etag: string): boolean {
  if (header === undefined) return false;
  const bare = etag.replace(/^W\//, '');
  return header.split(',').some((candidate) => {
    const value = candidate.trim();
    return value === '*' || value.replace(/^W\//, '') === bare;
  });
}

/**
 * Send `rendered` with ETag and Cache-Control in the coding the request prefers (from the kept
 * compressed copy, which @fastify/compress passes on untouched because Content-Encoding is set),
 * or 304 when a GET's browser already has that representation.
 */
export async function sendCached(request: FastifyRequest, reply: FastifyReply, rendered: Rendered, maxAgeSeconds: number, staleSeconds: number): Promise<FastifyReply> {
  const coding = Buffer.byteLength(rendered.text) < COMPRESS_THRESHOLD_BYTES ? undefined : negotiateCoding(request);
  const etag = rendered.etagOf(coding);
  varyOnEncoding(reply);
  reply
    .header('ETag', etag)
    .header('Cache-Control', `private, max-age=${maxAgeSeconds}, stale-while-revalidate=${staleSeconds}`);
  // 304 answers a GET (RFC 9110 §13.1.2); the same answer to an operation's POST form is sent whole.
  if ((request.method === 'GET' || request.method === 'HEAD') && matchesEtag(request.headers['if-none-match'], etag)) return reply.code(304).send();
  if (coding === undefined) return reply.code(200).type(FHIR_JSON).send(rendered.text);
  const bytes = await rendered.encoded(coding);
  return reply.code(200).type(FHIR_JSON).header('Content-Encoding', coding).send(bytes);
}
