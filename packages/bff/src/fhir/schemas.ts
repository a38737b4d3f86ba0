/**
 * Parameter schemas shared by route groups (they double as the BFF's documented contract).
 * @module
 */
import { z } from 'zod';
import { RESOURCE_ID_PATTERN, RESOURCE_ID_RULE, isResourceId } from '@itb/shared';

/** A resource id in a path: @itb/shared's one id rule (live ids contain colons, spec §13.1, §13.28). */
export const fhirId = z.string().refine(isResourceId, `must be ${RESOURCE_ID_RULE}`);

/** `Type/{id}` reference parameter; the parsed value is the id. */
export function referenceTo(type: string) {
  const pattern = new RegExp(`^${type}/(${RESOURCE_ID_PATTERN})$`);
  return z.string().regex(pattern, `must be '${type}/{id}'`).transform((value) => value.slice(type.length + 1));
}

const INSTANT = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2})(?:\.\d{1,9})?)?(Z|[+-](\d{2}):(\d{2})))?$/;

/** A FHIR date (YYYY-MM-DD) or dateTime with a zone, as epoch ms (a date counts from its UTC midnight). */
export function parseDateOrDateTime(value: string): { readonly ms: number; readonly dateOnly: boolean } | undefined {
  const m = INSTANT.exec(value);
  if (m === null) return undefined;
  const [, y, mo, d, h, mi, s, , oh, om] = m.map((part) => (part === undefined ? undefined : Number(part)));
  const day = new Date(Date.UTC(y ?? 0, (mo ?? 1) - 1, d ?? 1));
  if (day.getUTCFullYear() !== y || day.getUTCMonth() + 1 !== mo || day.getUTCDate() !== d) return undefined;
  if ((h ?? 0) > 23 || (mi ?? 0) > 59 || (s ?? 0) > 59 || (oh ?? 0) > 14 || (om ?? 0) > 59) return undefined;
  const ms = Date.parse(h === undefined ? `${value}T00:00:00Z` : value);
  return Number.isFinite(ms) ? { ms, dateOnly: h === undefined } : undefined;
}

/**
 * A date or dateTime query parameter. A '+' that arrived as a space (an unencoded offset) is put
 * back: be liberal in what we read, the value goes upstream correctly encoded.
 */
export const dateOrDateTime = z.string().max(40)
  .transform((value) => value.replace(/ (\d{2}:\d{2})$/, '+$1'))
  .refine((value) => parseDateOrDateTime(value) !== undefined, 'must be a date (YYYY-MM-DD) or a dateTime with a zone (e.g. 2026-09-14T00:00:00+02:00)');

/**
 * FHIR `_elements` (comma separated, may repeat): see @itb/shared's parseElements. Names that are
 * not element names are ignored, as R4 lets a server do; the bounds only stop abuse.
 */
export const elementsParam = z.union([z.string().max(2000), z.array(z.string().max(2000)).max(20)]).optional();
