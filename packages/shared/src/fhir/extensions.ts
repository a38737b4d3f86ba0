/**
 * Defensive readers for extensions. Upstream data deviates from the profiles (spec §13), so every
 * reader accepts `unknown`, never throws, and matches URLs with {@link isExtension}.
 * @module
 */
import type { Extension } from './types.js';
import { canonicalName, isExtension } from './urls.js';

type Loose = Record<string, unknown>;

/** True for a non-null, non-array object. */
export function isRecord(value: unknown): value is Loose {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The array at `value`, or `[]` when it is missing or not an array. */
export function arrayOf(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

/** A non-empty string, else undefined. */
export function stringOf(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/** The `extension` array of any element, keeping only objects. */
export function extensionsOf(element: unknown): Extension[] {
  return isRecord(element) ? (arrayOf(element.extension).filter(isRecord) as unknown as Extension[]) : [];
}

/** True when `extension` is an object whose `url` names `declared`. */
export function isExtensionOf(extension: unknown, declared: string): boolean {
  return isRecord(extension) && isExtension(typeof extension.url === 'string' ? extension.url : undefined, declared);
}

/** Every extension on `element` that names `declared` (any host, scheme or alias). */
export function findExtensions(element: unknown, declared: string): Extension[] {
  return extensionsOf(element).filter((e) => isExtension(typeof e.url === 'string' ? e.url : undefined, declared));
}

/** The first extension on `element` that names `declared`. */
export function findExtension(element: unknown, declared: string): Extension | undefined {
  return findExtensions(element, declared)[0];
}

/** Sub-extensions named `name` (relative names; a full URL ending in the name also matches). */
export function subExtensions(extension: unknown, name: string): Extension[] {
  return extensionsOf(extension).filter((e) => typeof e.url === 'string' && canonicalName(e.url) === name);
}

/** The first sub-extension named `name`. */
export function subExtension(extension: unknown, name: string): Extension | undefined {
  return subExtensions(extension, name)[0];
}

/** A boolean value (also the strings `true`/`false`, which some adapters send). */
export function booleanValue(extension: unknown): boolean | undefined {
  if (!isRecord(extension)) return undefined;
  const value = extension.valueBoolean ?? extension.valueString;
  if (typeof value === 'boolean') return value;
  if (value === 'true') return true;
  if (value === 'false') return false;
  return undefined;
}

/** A numeric value from any of FHIR's number types (or a numeric string). */
export function numberValue(extension: unknown): number | undefined {
  if (!isRecord(extension)) return undefined;
  for (const key of ['valueInteger', 'valuePositiveInt', 'valueUnsignedInt', 'valueDecimal', 'valueInteger64', 'valueString']) {
    const value = extension[key];
    const number = typeof value === 'number' ? value : typeof value === 'string' && value.trim() !== '' ? Number(value) : Number.NaN;
    if (Number.isFinite(number)) return number;
  }
  return undefined;
}

/** A string value from `valueString`, `valueCode`, `valueUrl`, `valueUri` or `valueMarkdown`. */
export function textValue(extension: unknown): string | undefined {
  if (!isRecord(extension)) return undefined;
  for (const key of ['valueString', 'valueCode', 'valueUrl', 'valueUri', 'valueMarkdown']) {
    const value = stringOf(extension[key]);
    if (value !== undefined) return value;
  }
  return undefined;
}

/** Every `code` in a `valueCoding` or `valueCodeableConcept` (or a bare `valueCode`). */
export function codesOf(extension: unknown): string[] {
  if (!isRecord(extension)) return [];
  const codings = [extension.valueCoding, ...arrayOf(isRecord(extension.valueCodeableConcept) ? extension.valueCodeableConcept.coding : [])];
  const codes = codings.map((c) => (isRecord(c) ? stringOf(c.code) : undefined));
  codes.push(stringOf(extension.valueCode));
  return codes.filter((c): c is string => c !== undefined);
}
