/**
 * The registry's search parameters, all of FHIR's `token` type (R4 §3.1.1.4.9): `identifier`, the
 * patient's identifier (`patient:identifier`, also spelt as the chain `patient.identifier`) and any
 * participant's (`actor:identifier` / `actor.identifier`). A value is `system|value`, `|value` (no
 * system), `value` (any system) or `system|` (any value); commas mean OR, a repeated parameter AND.
 * @module
 */
import type { Appointment } from '@itb/shared';
import { actorIdentifiersOf, identifiersOf, type TokenIdentifier } from './pointer-shape.js';

type Target = 'identifier' | 'patient' | 'actor';

const PARAMETERS: Readonly<Record<string, Target>> = {
  identifier: 'identifier',
  'patient:identifier': 'patient',
  'patient.identifier': 'patient',
  'actor:identifier': 'actor',
  'actor.identifier': 'actor',
};

export const SEARCH_PARAMETERS: readonly string[] = Object.keys(PARAMETERS);

/** `system` null: the identifier must have no system; undefined: any system. */
interface TokenValue {
  readonly system: string | null | undefined;
  readonly value: string | undefined;
}

/** One parameter occurrence: any of `values` matches (OR). */
export interface Criterion {
  readonly target: Target;
  readonly values: readonly TokenValue[];
}

/** A search the registry cannot run, with the sentence to send back. */
export class SearchError extends Error {
  override readonly name = 'SearchError';
}

function parseToken(text: string, name: string): TokenValue {
  const bar = text.indexOf('|');
  if (bar < 0) {
    if (text === '') throw new SearchError(`${name} needs a value: system|value.`);
    return { system: undefined, value: text };
  }
  const system = text.slice(0, bar);
  const value = text.slice(bar + 1);
  if (system === '' && value === '') throw new SearchError(`${name} needs a system or a value: system|value.`);
  return { system: system === '' ? null : system, value: value === '' ? undefined : value };
}

/** Read search criteria from a parsed query (a repeated key arrives as an array). */
export function readCriteria(query: Readonly<Record<string, unknown>>): Criterion[] {
  const criteria: Criterion[] = [];
  for (const [name, raw] of Object.entries(query)) {
    const target = Object.hasOwn(PARAMETERS, name) ? PARAMETERS[name] : undefined;
    if (target === undefined) throw new SearchError(`The search parameter ${name} is not supported; use ${SEARCH_PARAMETERS.join(', ')}.`);
    for (const occurrence of Array.isArray(raw) ? raw : [raw]) {
      if (typeof occurrence !== 'string') throw new SearchError(`${name} must be text.`);
      criteria.push({ target, values: occurrence.split(',').map((text) => parseToken(text, name)) });
    }
  }
  return criteria;
}

/** Read criteria from the text of an `If-None-Exist` header (a query string without `?`). */
export function readCriteriaText(text: string): Criterion[] {
  const query: Record<string, string | string[]> = {};
  for (const [name, value] of new URLSearchParams(text.startsWith('?') ? text.slice(1) : text)) {
    const seen = query[name];
    query[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return readCriteria(query);
}

function tokenMatches(token: TokenValue, identifier: TokenIdentifier): boolean {
  const systemOk = token.system === undefined || (token.system === null ? identifier.system === undefined : identifier.system === token.system);
  return systemOk && (token.value === undefined || identifier.value === token.value);
}

function candidates(resource: Appointment, target: Target): TokenIdentifier[] {
  if (target === 'identifier') return identifiersOf(resource);
  return actorIdentifiersOf(resource, target === 'patient');
}

/** True when `resource` meets every criterion. */
export function matches(resource: Appointment, criteria: readonly Criterion[]): boolean {
  return criteria.every((criterion) => {
    const identifiers = candidates(resource, criterion.target);
    return criterion.values.some((token) => identifiers.some((identifier) => tokenMatches(token, identifier)));
  });
}
