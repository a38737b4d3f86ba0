/**
 * Reading the FHIR path out of an address, whatever base it was written under. Live `fullUrl`s,
 * references and Bundle links use `http://` and `https://`, the `api` and `api-no` hosts, an old
 * `/portal/fhir` path and even a literal `[[baseurl]]` placeholder (spec §13.31): never match the
 * configured base, read `ResourceType/id` (or `ResourceType/$operation?…`) from the end instead.
 * @module
 */

/** What {@link fhirPathOf} found. */
export interface FhirPath {
  /** `ResourceType`, when the address names one. */
  readonly type?: string;
  /** The (decoded) id for a resource address; absent for searches and system operations. */
  readonly id?: string;
  /** `$operation` when the address is an operation call. */
  readonly operation?: string;
  /** The path relative to any FHIR base, query kept: `HealthcareService/1`, `Appointment/$find?start=…`. */
  readonly path: string;
}

const RESOURCE_TYPE = /^[A-Z][A-Za-z]{2,63}$/;
const SCHEME_AND_HOST = /^[a-z][a-z0-9+.-]*:\/\/[^/?#]*/i;
const PLACEHOLDER = /^\[\[[^\]]*\]\]/;

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** True for an address written under some base (absolute, or the `[[baseurl]]` placeholder), not a relative one. */
export function isBasedAddress(address: string): boolean {
  return SCHEME_AND_HOST.test(address) || PLACEHOLDER.test(address);
}

/**
 * The FHIR path at the end of `address`: `Type/id` (a `_history/n` tail dropped), `Type/id/$op`,
 * `Type/$op`, `$op` or a search `Type`, each with its query. Undefined for `urn:`, `#local`
 * and addresses that name no resource or operation.
 * @example fhirPathOf('[[baseurl]]/Appointment/001-2026-06-15T09:30:00-B9') // → { type: 'Appointment', id: '001-2026-06-15T09:30:00-B9', path: 'Appointment/001-2026-06-15T09:30:00-B9' }
 */
export function fhirPathOf(address: string): FhirPath | undefined {
  if (address.startsWith('urn:') || address.startsWith('#')) return undefined;
  const queryAt = address.indexOf('?');
  const query = queryAt < 0 ? '' : address.slice(queryAt);
  const bare = (queryAt < 0 ? address : address.slice(0, queryAt)).replace(SCHEME_AND_HOST, '').replace(PLACEHOLDER, '');
  const segments = bare.split('/').filter((s) => s !== '');
  const history = segments.lastIndexOf('_history');
  if (history >= 0 && history === segments.length - 2) segments.splice(history);
  const [last, previous, before] = [segments.at(-1), segments.at(-2), segments.at(-3)];
  if (last === undefined) return undefined;
  const isType = (s: string | undefined): s is string => s !== undefined && RESOURCE_TYPE.test(s);
  if (last.startsWith('$') && last.length > 1) {
    if (isType(before) && previous !== undefined) return { type: before, id: decode(previous), operation: last, path: `${before}/${previous}/${last}${query}` };
    if (isType(previous)) return { type: previous, operation: last, path: `${previous}/${last}${query}` };
    return { operation: last, path: `${last}${query}` };
  }
  if (isType(previous)) return { type: previous, id: decode(last), path: `${previous}/${last}${query}` };
  if (isType(last)) return { type: last, path: `${last}${query}` };
  return undefined;
}
