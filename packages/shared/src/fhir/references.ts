/**
 * Reading FHIR references the way live ITB data writes them: relative (`HealthcareService/1`),
 * absolute (`http://…/fhir/HealthcareService/1`), versioned (`…/_history/2`), contained (`#id`) and
 * the malformed `Organization/#id` (spec §13.13). Ids may contain `:` (spec §13.1).
 * @module
 */
import { arrayOf, isRecord, stringOf } from './extensions.js';

/**
 * The id a reference points at when it names a resource of `type` (or has no type at all).
 * `#id` and `Type/#id` give the contained id. Undefined for another type or no usable reference.
 */
export function referenceId(reference: unknown, type?: string): string | undefined {
  const text = stringOf(isRecord(reference) ? reference.reference : reference)?.trim();
  if (text === undefined) return undefined;
  if (text.startsWith('#')) return stringOf(text.slice(1));
  const withoutHistory = text.replace(/\/_history\/[^/]*$/, '');
  const segments = withoutHistory.split('/');
  const id = segments.at(-1)?.replace(/^#/, '');
  const refType = segments.length >= 2 ? segments.at(-2) : undefined;
  if (type !== undefined && refType !== undefined && refType !== type) return undefined;
  return stringOf(id);
}

/** The resource type named by a reference (`HealthcareService/1` → `HealthcareService`), if any. */
export function referenceType(reference: unknown): string | undefined {
  const text = stringOf(isRecord(reference) ? reference.reference : reference);
  if (text === undefined || text.startsWith('#')) return undefined;
  const segments = text.replace(/\/_history\/[^/]*$/, '').split('/');
  return segments.length >= 2 ? stringOf(segments.at(-2)) : undefined;
}

/**
 * The contained resource a reference points at: `#id`, `Type/#id`, or (tolerated) `Type/id` when
 * a contained resource has that id. Undefined when nothing contained matches.
 */
export function resolveContained(resource: unknown, reference: unknown): Record<string, unknown> | undefined {
  const text = stringOf(isRecord(reference) ? reference.reference : reference);
  if (text === undefined || !isRecord(resource)) return undefined;
  const hash = text.lastIndexOf('#');
  const id = hash >= 0 ? text.slice(hash + 1) : referenceId(text);
  if (id === undefined || id === '') return undefined;
  return arrayOf(resource.contained).filter(isRecord).find((c) => c.id === id);
}

/** The id of a resource: its `id`, else the last path segment of the entry's `fullUrl`. */
export function resourceId(resource: Record<string, unknown>, fullUrl?: unknown): string | undefined {
  const id = stringOf(resource.id);
  if (id !== undefined) return id;
  const url = stringOf(fullUrl);
  if (url === undefined || url.startsWith('urn:')) return undefined;
  return stringOf(url.replace(/\/_history\/[^/]*$/, '').split('/').at(-1));
}
