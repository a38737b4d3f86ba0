/**
 * Upstream addresses never reach the browser. Live ITB writes `fullUrl`s, references and Bundle
 * links under bases that need not match the configured one (http/https, `api`/`api-no` hosts, an
 * old `/portal/fhir` path, a literal `[[baseurl]]`; spec §13.31), so links are rewritten by their
 * FHIR path, never by prefix:
 * - `Bundle.entry.fullUrl` → the BFF's own address when the BFF serves that resource, else a
 *   stable `urn:uuid:` (offers, `$find` times, anything with no REST address here);
 * - `Reference.reference` written under a base → relative `ResourceType/id`;
 * - `Bundle.link.url` → the same FHIR path under the BFF, or dropped when it names none.
 * Data meant as links for people (a clinic's web site, its external-booking URL) sits in other
 * fields and is left as it is.
 * @module
 */
import { createHash } from 'node:crypto';
import { fhirPathOf, isBasedAddress } from '@itb/shared';

/** Types the BFF answers `GET /fhir/{type}/{id}` for (Appointment: the patient's own bookings). */
const SERVED_HERE: ReadonlySet<string> = new Set(['HealthcareService', 'PractitionerRole', 'ActivityDefinition', 'Appointment']);

/** A stable name-based UUID for `key` (RFC 9562 layout, version 5 bits), as a `urn:uuid:`. */
export function urnFor(key: string): string {
  const hex = createHash('sha256').update(key).digest('hex');
  const variant = ((Number.parseInt(hex.charAt(16), 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** Rewrites a value's links for the browser. One per BFF instance. */
export interface PublicLinks {
  /** The `fullUrl` a browser gets for an upstream entry address. */
  fullUrl(address: string): string;
  /** A resource's own `fullUrl` when only its type and id are known (the BFF's address or a urn). */
  fullUrlOf(resourceType: string, id: string): string;
  /** {@link urnFor}, remembered: a `$find` answer names ~70 times, each hashed anew otherwise. */
  urn(key: string): string;
  /** Serialise `value` with every fullUrl, based reference and Bundle link rewritten. */
  toJson(value: unknown): string;
}

/** Remembered urns per instance; past this many the memo starts again (times move on weekly). */
const MAX_REMEMBERED_URNS = 20_000;

export function createPublicLinks(publicFhirUrl: string): PublicLinks {
  const urns = new Map<string, string>();
  function urn(key: string): string {
    let known = urns.get(key);
    if (known === undefined) {
      if (urns.size >= MAX_REMEMBERED_URNS) urns.clear();
      known = urnFor(key);
      urns.set(key, known);
    }
    return known;
  }

  function fullUrlOf(resourceType: string, id: string): string {
    return SERVED_HERE.has(resourceType) ? `${publicFhirUrl}/${resourceType}/${id}` : urnFor(`${resourceType}/${id}`);
  }

  function fullUrl(address: string): string {
    if (address.startsWith('urn:') || address.startsWith(`${publicFhirUrl}/`)) return address;
    const path = fhirPathOf(address);
    if (path?.type !== undefined && path.id !== undefined && path.operation === undefined) {
      return SERVED_HERE.has(path.type) ? `${publicFhirUrl}/${path.path}` : urnFor(path.path);
    }
    return urnFor(path?.path ?? address);
  }

  function reference(value: string): string {
    if (!isBasedAddress(value)) return value;
    const path = fhirPathOf(value);
    return path?.type !== undefined && path.id !== undefined && path.operation === undefined ? path.path : value;
  }

  function withPublicBundleLinks(value: unknown): unknown {
    const bundle = value as { resourceType?: unknown; link?: unknown } | null;
    if (bundle === null || typeof bundle !== 'object' || bundle.resourceType !== 'Bundle' || !Array.isArray(bundle.link)) return value;
    const link = bundle.link.flatMap((item: unknown) => {
      const url = (item as { url?: unknown } | null)?.url;
      const path = typeof url === 'string' ? fhirPathOf(url) : undefined;
      return path === undefined ? [] : [{ ...(item as object), url: `${publicFhirUrl}/${path.path}` }];
    });
    return { ...bundle, link };
  }

  /**
   * `value` with every `fullUrl` and based `reference` (at any depth) rewritten. Copy on write:
   * the input is shared (cached upstream bodies), so only the objects on a changed path are copied.
   * Walking the parsed tree costs a fraction of rescanning the serialised text with a regex
   * (a 105 KB `$find` answer: ~0.05 ms against ~0.3 ms), which the `$find` CPU budget needs.
   */
  function rewritten(value: unknown): unknown {
    if (Array.isArray(value)) {
      let copy: unknown[] | undefined;
      for (let i = 0; i < value.length; i += 1) {
        const item: unknown = value[i];
        if (typeof item !== 'object' || item === null) continue;
        const next = rewritten(item);
        if (next !== item) (copy ??= value.slice())[i] = next;
      }
      return copy ?? value;
    }
    if (typeof value !== 'object' || value === null) return value;
    let copy: Record<string, unknown> | undefined;
    const record = value as Record<string, unknown>;
    for (const key of Object.keys(record)) {
      const item = record[key];
      let next = item;
      if (typeof item === 'string') {
        if (key === 'fullUrl') next = fullUrl(item);
        // Relative references and our own addresses need nothing.
        else if (key === 'reference' && (item.includes('://') || item.startsWith('[['))) next = reference(item);
      } else if (typeof item === 'object' && item !== null) {
        next = rewritten(item);
      }
      if (next !== item) (copy ??= { ...record })[key] = next;
    }
    return copy ?? value;
  }

  return {
    fullUrl,
    fullUrlOf,
    urn,
    toJson(value) {
      return JSON.stringify(rewritten(withPublicBundleLinks(value)));
    },
  };
}
