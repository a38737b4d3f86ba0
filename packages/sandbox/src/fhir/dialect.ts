/**
 * Quirk mode (the default) versus strict mode. By default the sandbox writes what live ITB writes
 * (spec §13), so everything built on it meets the deviations in tests; `strict` writes only
 * profile-conformant data. Every deviation is decided here, in one place.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { EXT, EXT_AS_SEEN_LIVE, SYSTEM, type Coding, type Identifier } from '@itb/shared';
import type { SeedCatalog } from '../seed/catalog.js';
import { utcWithOffset } from '../slots/local-time.js';
import type { SeedTreatment } from '../seed/types.js';

/** What every resource builder needs. */
export interface FhirContext {
  /** `…/demo/1.0/R4/fhir` as clients see it (fullUrls). */
  readonly fhirBase: string;
  readonly strict: boolean;
  readonly catalog: SeedCatalog;
}

/**
 * Extension URLs as sent. Live ITB sends booking rules and sort keys under the https wof-portal
 * host although they are declared under http wof-connect (spec §8, §13.2); areas keep the declared
 * spelling, so both variants occur in one answer.
 */
export function extensionUrl(ctx: FhirContext, name: keyof typeof EXT, where: 'clinic' | 'treatment' | 'area' | 'other' = 'other'): string {
  if (ctx.strict) return EXT[name];
  if (name === 'bookingRules') return EXT_AS_SEEN_LIVE.bookingRules;
  if (name === 'sortKey' && where === 'treatment') return EXT_AS_SEEN_LIVE.sortKey;
  return EXT[name];
}

/** The treatment's code: the profile's service-type-id system, or live data's csServiceType with a display (§13.3). */
export function treatmentCoding(ctx: FhirContext, treatment: SeedTreatment): Coding {
  return ctx.strict
    ? { system: SYSTEM.serviceTypeId, code: treatment.code }
    : { system: SYSTEM.liveServiceType, code: treatment.code, display: treatment.title };
}

/** `{system}|{code}` of the treatment as this dialect writes it (`visit-type`). */
export function visitType(ctx: FhirContext, treatment: SeedTreatment): string {
  const coding = treatmentCoding(ctx, treatment);
  return `${coding.system}|${coding.code}`;
}

/** Identifier slices are discriminated on `type`, but live identifiers carry none (§13.10). */
export function typedIdentifier(ctx: FhirContext, identifier: Identifier, type: { code: string; text: string; system?: string }): Identifier {
  if (!ctx.strict) return identifier;
  return { type: { coding: [{ ...(type.system === undefined ? {} : { system: type.system }), code: type.code }], text: type.text }, ...identifier };
}

/** Ids with `:` are what live `$find` sends (§13.1); strict mode strips them to a valid FHIR id. */
export function slotResourceId(ctx: FhirContext, slotId: string): string {
  return ctx.strict ? slotId.replace(/:/g, '') : slotId;
}

/**
 * An instant as sent. Live ITB (a .NET stack) writes seven fractional-second digits
 * (`2026-06-15T07:30:00.0000000+00:00`); strict mode writes whole seconds.
 */
export function instant(ctx: FhirContext, ms: number): string {
  const whole = utcWithOffset(ms);
  return ctx.strict ? whole : `${whole.slice(0, 19)}.${String(ms % 1000).padStart(3, '0')}0000${whole.slice(19)}`;
}

/** The FHIR base with the other scheme (`http` ↔ `https`): what live fullUrls often use (§13.2). */
function otherScheme(base: string): string {
  return base.startsWith('https:') ? `http:${base.slice(6)}` : base.replace(/^http:/, 'https:');
}

/**
 * The base live ITB writes a resource type's addresses under (spec §13.31): never simply the base
 * it is called on. Each type gets one variant, so one catalog answer carries several at once.
 */
export function liveBase(ctx: FhirContext, resourceType: string): string {
  const path = new URL(ctx.fhirBase).pathname;
  switch (resourceType) {
    case 'Parameters': return '[[baseurl]]';
    case 'ActivityDefinition': return 'http://example.com/fhir';
    case 'PractitionerRole': return `https://api-no.wellonfhir.se${path}`;
    // The old proxy path (§13.19) on the other scheme.
    case 'Appointment': return otherScheme(ctx.fhirBase).replace(/\/fhir$/, '/portal/fhir');
    default: return otherScheme(ctx.fhirBase);
  }
}

/** `fullUrl` of a resource: under the configured base in strict mode, a live variant otherwise. */
export function fullUrl(ctx: FhirContext, resourceType: string, id: string): string {
  return `${ctx.strict ? ctx.fhirBase : liveBase(ctx, resourceType)}/${resourceType}/${id}`;
}

/**
 * An absolute reference to another resource, where live data writes one: under the configured base in
 * strict mode (relative there), under a live variant base otherwise (§13.31).
 */
export function referenceTo(ctx: FhirContext, resourceType: string, id: string): string {
  return ctx.strict ? `${resourceType}/${id}` : `${liveBase(ctx, resourceType)}/${resourceType}/${id}`;
}

/**
 * The id of a new booking. Live bookings keep the colon form of the `$find` time they came from
 * (spec §13.28): the slot id plus the PMS key, so a slot booked, cancelled and booked again still
 * gives distinct ids. Strict mode uses a UUID.
 */
export function bookingResourceId(ctx: FhirContext, slotId: string, sourceKey: string): string {
  return ctx.strict ? randomUUID() : `${slotId}-A${sourceKey}`;
}
