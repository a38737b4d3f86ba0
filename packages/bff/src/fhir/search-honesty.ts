/**
 * Honest searchsets: every searchset answer says what was searched for — a `self` link with the
 * parameters actually applied (absolute, under the BFF's FHIR base, names sorted), paging links
 * (paging.ts) — and what was not: a parameter the route does not know is refused under
 * `Prefer: handling=strict` (400 naming it) and otherwise served, listed in an OperationOutcome
 * entry (`search.mode = outcome`, warning `not-supported`). The route schemas strip unknown keys
 * from `request.query`, so the names are read from the raw URL. Known names are each route's own
 * schema keys plus {@link GENERAL_PARAMETERS}, so the list cannot drift from what is validated.
 * @module
 */
import type { FastifyRequest } from 'fastify';
import type { z } from 'zod';
import type { Bundle, BundleEntry, OperationOutcome } from '@itb/shared';
import { OutcomeError } from '../errors.js';
import type { FhirRenderer, Rendered } from './fhir-render.js';
import { isWhole, pageParams, pagedBundle, type Page } from './paging.js';

/** Parameters every `/fhir/*` route accepts on top of its own (plugins/fhir-format.ts checks `_format`). */
export const GENERAL_PARAMETERS: readonly string[] = ['_format'];

/** Parameters that live in the paging part of a link, never copied from what was sent. */
const PAGING_PARAMETERS: ReadonlySet<string> = new Set(['_count', '_offset', '_summary']);

/** Parameters as sent, in order: name → values (a repeated parameter has several). */
export type SentParameters = ReadonlyMap<string, readonly string[]>;

/** The query parameters of a raw request URL (`request.raw.url`), decoded as the router decodes them. */
export function sentParametersOf(url: string): Map<string, string[]> {
  const sent = new Map<string, string[]>();
  const queryAt = url.indexOf('?');
  if (queryAt < 0) return sent;
  for (const [name, value] of new URLSearchParams(url.slice(queryAt + 1))) {
    const values = sent.get(name);
    if (values === undefined) sent.set(name, [value]);
    else values.push(value);
  }
  return sent;
}

/** The parameter names a route's query schema validates (its object keys). */
export function parameterNamesOf(schema: z.ZodObject): string[] {
  return Object.keys(schema.shape);
}

/** Does a `Prefer` header (RFC 7240) ask for `handling=strict`? */
export function prefersStrictHandling(prefer: string | readonly string[] | undefined): boolean {
  const headers = prefer === undefined ? [] : typeof prefer === 'string' ? [prefer] : prefer;
  return headers.some((header) => header.split(',').some((preference) => {
    const [token = ''] = preference.split(';');
    return /^\s*handling\s*=\s*"?strict"?\s*$/i.test(token);
  }));
}

/** Sent names that `known` and the general parameters leave over, sorted. */
export function unknownParameters(sent: Iterable<string>, known: ReadonlySet<string>): string[] {
  return [...new Set(sent)].filter((name) => !known.has(name) && !GENERAL_PARAMETERS.includes(name)).sort();
}

const quoted = (names: readonly string[]) => names.map((name) => `'${name.slice(0, 80)}'`).join(', ');

/** Throw 400 naming `unknown` when the client asked for strict handling. */
export function refuseUnknownUnderStrict(strict: boolean, unknown: readonly string[]): void {
  if (!strict || unknown.length === 0) return;
  throw new OutcomeError('invalid-parameter', `Unknown parameter${unknown.length > 1 ? 's' : ''} ${quoted(unknown)} (refused because of Prefer: handling=strict).`, { expression: unknown.map((name) => name.slice(0, 80)) });
}

/**
 * The query parameters of `request` that `known` (and the general ones) leave over, sorted;
 * throws 400 naming them under `Prefer: handling=strict`. A POST operation passes no `known`:
 * its parameters belong in the body, so any in its query string is ignored (or refused).
 */
export function unknownQueryParameters(request: FastifyRequest, known: ReadonlySet<string> = new Set()): string[] {
  const unknown = unknownParameters(sentParametersOf(request.raw.url ?? '').keys(), known);
  refuseUnknownUnderStrict(prefersStrictHandling(request.headers.prefer), unknown);
  return unknown;
}

/** The searchset entry that lists the parameters a lenient search ignored. */
export function ignoredParametersEntry(unknown: readonly string[]): BundleEntry<OperationOutcome> {
  return {
    resource: {
      resourceType: 'OperationOutcome',
      issue: [{
        severity: 'warning',
        code: 'not-supported',
        diagnostics: `Parameter${unknown.length > 1 ? 's' : ''} ${quoted(unknown)} ${unknown.length > 1 ? 'are' : 'is'} not supported here and ${unknown.length > 1 ? 'were' : 'was'} ignored; send Prefer: handling=strict to have such a search refused.`,
        expression: unknown.map((name) => name.slice(0, 80)),
      }],
    },
    search: { mode: 'outcome' },
  };
}

/** A query value in a link: '/', ':' and a FHIR search's ',' stay readable (RFC 3986 allows them in a query). */
function encodeValue(value: string): string {
  return encodeURIComponent(value).replace(/%2F/gi, '/').replace(/%3A/gi, ':').replace(/%2C/gi, ',');
}

/** `base` with `params` as its query, names in code-point order (stable: a value list keeps its order). */
export function searchUrl(base: string, params: readonly (readonly [string, string])[]): string {
  const sorted = [...params].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return sorted.length === 0 ? base : `${base}?${sorted.map(([name, value]) => `${encodeValue(name)}=${encodeValue(value)}`).join('&')}`;
}

/** What one search request asked for and how its answer is finished. */
export interface SearchAnswer {
  /** The `self` link. */
  readonly self: string;
  /** The whole answer with nothing ignored: the same bytes for everyone sending the same `self`. */
  readonly plain: boolean;
  /** The parameters sent but not applied (listed in the answer's warning entry). */
  readonly unknown: readonly string[];
  /** `bundle` (shared: copied, never changed) with its links, page and ignored-parameter entry. */
  finish(bundle: Bundle): Bundle;
}

/** Options of {@link searchAnswer}. */
export interface SearchAnswerOptions {
  /** Absolute address searched, e.g. `${publicUrl}/fhir/HealthcareService`. */
  readonly base: string;
  /** Known parameters as sent and applied (paging ones are taken from `page`). */
  readonly applied: SentParameters;
  /** Parameters that were sent but not applied. */
  readonly unknown: readonly string[];
  readonly page: Page;
}

/** The links, page and ignored-parameter entry of one search. */
export function searchAnswer(options: SearchAnswerOptions): SearchAnswer {
  const applied = [...options.applied].filter(([name]) => !PAGING_PARAMETERS.has(name))
    .flatMap(([name, values]) => values.map((value) => [name, value] as const));
  const linkTo = (offset: number) => searchUrl(options.base, [...applied, ...pageParams(options.page, offset)]);
  const self = linkTo(options.page.offset);
  return {
    self,
    unknown: options.unknown,
    plain: isWhole(options.page) && options.unknown.length === 0,
    finish(bundle) {
      const paged = pagedBundle(bundle, options.page, linkTo);
      if (options.unknown.length === 0) return paged;
      return { ...paged, entry: [...(paged.entry ?? []), ignoredParametersEntry(options.unknown)] };
    },
  };
}

/** Which of a parameter's sent values were applied, e.g. only the campaign codes that unlock something. */
export type KeepApplied = (name: string, values: readonly string[]) => readonly string[];

/** The sent parameters `known` names, each with the values `keep` says were applied (default: all). */
export function appliedParameters(sent: SentParameters, known: ReadonlySet<string>, keep?: KeepApplied): Map<string, readonly string[]> {
  const applied = new Map<string, readonly string[]>();
  for (const [name, values] of sent) {
    if (!known.has(name)) continue;
    const kept = keep?.(name, values) ?? values;
    if (kept.length > 0) applied.set(name, kept);
  }
  return applied;
}

/** Options of {@link searchOf}. */
export interface SearchOfOptions {
  /** Which of a parameter's sent values were applied (default: all). */
  readonly keep?: KeepApplied;
  /** Parameters refused outright on this route, with the reason (e.g. `_count` on `$find`). */
  readonly refused?: Readonly<Record<string, string>>;
}

/**
 * The search a GET request makes on `base` with `schema` as its query schema: unknown
 * parameters refused under strict handling (throws), else kept for the warning entry.
 */
export function searchOf(request: FastifyRequest, base: string, schema: z.ZodObject, page: Page, options: SearchOfOptions = {}): SearchAnswer {
  const sent = sentParametersOf(request.raw.url ?? '');
  checkRefused(sent.keys(), options.refused);
  const known = new Set(parameterNamesOf(schema));
  const unknown = unknownQueryParameters(request, known);
  return searchAnswer({ base, applied: appliedParameters(sent, known, options.keep), unknown, page });
}

/** Throw 400 for the first sent parameter the route refuses outright. */
export function checkRefused(sent: Iterable<string>, refused: Readonly<Record<string, string>> | undefined): void {
  if (refused === undefined) return;
  for (const name of sent) {
    if (Object.hasOwn(refused, name)) throw new OutcomeError('invalid-parameter', `The parameter '${name}' is not supported here: ${refused[name]}`, { expression: [name] });
  }
}

/**
 * A cached searchset, rendered: the whole answer is memoised per upstream body with `self` in the
 * variant key (`self` holds only applied, bounded parameters, so variants stay few and ETags
 * stable); a page, a count or an answer with ignored parameters is rendered for this request
 * only, so no parameter a client makes up can crowd the cache.
 */
export function renderSearch(renderer: FhirRenderer, raw: object, variant: string, build: () => Bundle, search: SearchAnswer): Rendered {
  if (search.plain) return renderer.render(raw, `${variant}|${search.self}`, () => search.finish(build()));
  return renderer.renderOnce(search.finish(build()));
}
