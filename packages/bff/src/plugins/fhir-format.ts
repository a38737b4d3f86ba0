/**
 * The BFF speaks FHIR JSON only. A `/fhir/*` request that asks for anything else — an `Accept`
 * header none of whose types is JSON (e.g. only `application/fhir+xml`), or a `_format` other
 * than `json`, `application/json` or `application/fhir+json` — gets 406 (as an OperationOutcome
 * in JSON, the one format there is) rather than a 200 in a format the client did not ask for.
 * `_format=json` is accepted on every route and is never reported as an unknown parameter.
 * @module
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import fp from 'fastify-plugin';
import { OutcomeError } from '../errors.js';

/** The `_format` values we serve (R4 §3.1.0.1.9's shorthand `json`, and the MIME types). */
export const JSON_FORMATS: readonly string[] = ['json', 'application/json', 'application/fhir+json'];

/** Media ranges in `Accept` that our JSON satisfies (`application/json+fhir`: DSTU2-era clients). */
const JSON_RANGES: ReadonlySet<string> = new Set(['*/*', 'application/*', 'application/json', 'application/fhir+json', 'application/json+fhir']);

/** A media type without its parameters, lower case (`Application/FHIR+JSON; fhirVersion=4.0` → `application/fhir+json`). */
function mediaTypeOf(value: string): string {
  return (value.split(';')[0] ?? '').trim().toLowerCase();
}

/** Whether a range has `q=0` (RFC 9110 §12.4.2: "not acceptable"). */
function isRefused(range: string): boolean {
  return range.split(';').slice(1).some((param) => /^\s*q\s*=\s*0(\.0{0,3})?\s*$/i.test(param));
}

/** Does an `Accept` header (absent or empty: anything) admit JSON? */
export function acceptsJson(accept: string | undefined): boolean {
  if (accept === undefined || accept.trim() === '') return true;
  return accept.split(',').some((range) => JSON_RANGES.has(mediaTypeOf(range)) && !isRefused(range));
}

/**
 * Is a `_format` value one we serve? A `+` sent unencoded arrives as a space
 * (`application/fhir json`): read liberally, as the date parameters do.
 */
export function isJsonFormat(value: string): boolean {
  return JSON_FORMATS.includes(mediaTypeOf(value.replaceAll(' ', '+')));
}

/** `_format` values of a raw URL (the route schemas strip the parameter, so it is read here). */
function formatsOf(url: string): string[] {
  const queryAt = url.indexOf('?');
  if (queryAt < 0 || !url.includes('_format', queryAt)) return [];
  try {
    return new URLSearchParams(url.slice(queryAt + 1)).getAll('_format');
  } catch {
    return [];
  }
}

function isFhirPath(url: string): boolean {
  return url === '/fhir' || url.startsWith('/fhir/') || url.startsWith('/fhir?');
}

/** Throw 406 unless `request` (to a `/fhir/*` route) takes JSON. */
export function checkFhirFormat(request: FastifyRequest): void {
  const url = request.raw.url ?? '';
  if (request.method === 'OPTIONS' || !isFhirPath(url)) return;
  const refused = formatsOf(url).find((format) => !isJsonFormat(format));
  if (refused !== undefined) {
    throw new OutcomeError('not-acceptable', `This server answers in FHIR JSON only: _format must be ${JSON_FORMATS.join(', ')}.`, { expression: ['_format'] });
  }
  if (!acceptsJson(request.headers.accept)) {
    throw new OutcomeError('not-acceptable', 'This server answers in FHIR JSON only: send Accept: application/fhir+json (or application/json).');
  }
}

/** The 406 check on every `/fhir/*` request, before anything else is done for it. */
export const fhirFormatPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onRequest', async (request) => {
    checkFhirFormat(request);
  });
}, { fastify: '5.x', name: 'itb-fhir-format' });
