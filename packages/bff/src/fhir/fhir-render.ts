/**
 * Serving cacheable FHIR answers: serialise once per (upstream body, variant) with upstream
 * addresses rewritten (public-links.ts), hash the bytes into an ETag, answer If-None-Match with 304, and say how long
 * the browser may reuse the answer.
 * @module
 */
import { createHash } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { FHIR_JSON } from '../plugins/errors.js';
import type { PublicLinks } from './public-links.js';

/** A serialised answer and its validator. */
export interface Rendered {
  readonly text: string;
  readonly etag: string;
}

/** Renders per instance; the memo dies with the upstream bodies it is keyed by. */
export interface FhirRenderer {
  /** Serialise `build()` for `raw` + `variant` (e.g. the unlocked campaign tags), memoised. */
  render(raw: object, variant: string, build: () => unknown): Rendered;
}

/** Create a renderer that serialises with `links` (upstream addresses rewritten for the browser). */
export function createFhirRenderer(links: PublicLinks): FhirRenderer {
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
      const text = links.toJson(build());
      const rendered = { text, etag: `"${createHash('sha256').update(text).digest('base64url').slice(0, 27)}"` };
      variants.set(variant, rendered);
      return rendered;
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

/** Send `rendered` with ETag and Cache-Control, or 304 when the browser already has it. */
export function sendCached(request: FastifyRequest, reply: FastifyReply, rendered: Rendered, maxAgeSeconds: number, staleSeconds: number): FastifyReply {
  reply
    .header('ETag', rendered.etag)
    .header('Cache-Control', `private, max-age=${maxAgeSeconds}, stale-while-revalidate=${staleSeconds}`);
  if (matchesEtag(request.headers['if-none-match'], rendered.etag)) return reply.code(304).send();
  return reply.code(200).type(FHIR_JSON).send(rendered.text);
}
