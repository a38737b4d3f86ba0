/**
 * HealthcareServicePortal (spec §7.2) with its contained address (HealthcareServiceLocation), area
 * (LocationArea) and tenant (ServiceProviderPortal), and the stand-alone LocationArea (§7.4).
 * @module
 */
import { PROFILE, SYSTEM, type Extension, type HealthcareServicePortal, type Location, type Organization } from '@itb/shared';
import { clinicPhoto } from '../../seed/images.js';
import { ORGANIZATION } from '../../seed/organization.js';
import type { SeedArea, SeedClinic } from '../../seed/types.js';
import { extensionUrl, typedIdentifier, type FhirContext } from '../dialect.js';

const DAY_CODES = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;

function sitePhysicalType(ctx: FhirContext): Location['physicalType'] {
  // Live data codes it with the value set's OID (spec §9.2, §13.14).
  if (ctx.strict) return { coding: [{ system: SYSTEM.locationPhysicalType, code: 'si' }] };
  return { coding: [{ system: SYSTEM.locationPhysicalTypeOid, code: 'si' }], text: 'Site' };
}

/** A LocationArea, top-level (`id` = the area id) or contained in a clinic (`id` = 'area'). */
export function buildArea(ctx: FhirContext, area: SeedArea, id = area.id): Location {
  return {
    resourceType: 'Location',
    id,
    meta: { profile: [PROFILE.locationArea] },
    extension: [{ url: extensionUrl(ctx, 'sortKey', 'area'), valueInteger: area.sortKey }],
    status: 'active',
    name: area.name,
    // Contained copies carry only the text in quirk mode, as some live data does (spec §13.14).
    physicalType: ctx.strict
      ? { coding: [{ system: SYSTEM.locationPhysicalType, code: 'area' }] }
      : id === area.id ? { coding: [{ system: SYSTEM.locationPhysicalTypeOid, code: 'area' }], text: 'Area' } : { text: 'Area' },
  };
}

function clinicInfo(ctx: FhirContext, clinic: SeedClinic): Extension {
  const parts: Extension[] = [];
  for (const key of ['directions', 'parking', 'about', 'spokenLanguages', 'bookingSummaryInformationText'] as const) {
    const value = clinic.info[key];
    if (value !== undefined) parts.push({ url: key, valueString: value });
  }
  parts.push({ url: 'hasExternalBooking', valueBoolean: clinic.externalBookingUrl !== undefined });
  parts.push({ url: 'urlPlaceholder', valueString: clinic.urlPlaceholder });
  return { url: extensionUrl(ctx, 'clinicInfo'), extension: parts };
}

function bookingRules(ctx: FhirContext, clinic: SeedClinic): Extension {
  const parts: Extension[] = [];
  for (const [name, value] of Object.entries(clinic.rules)) {
    if (typeof value === 'boolean') parts.push({ url: name, valueBoolean: value });
    else if (name === 'minimumPatientAgeYears') parts.push({ url: name, valuePositiveInt: value });
    else if (typeof value === 'number') parts.push({ url: name, valueInteger: value });
  }
  return { url: extensionUrl(ctx, 'bookingRules'), extension: parts };
}

/** wofconnect-characteristic `scheduling` of a clinic (also copied onto its bookings). */
export function schedulingCharacteristic(ctx: FhirContext, clinic: SeedClinic, extra: Extension[] = []): Extension | undefined {
  const c = clinic.characteristic;
  const parts: Extension[] = [];
  if (c?.childPatientThreshold !== undefined) parts.push({ url: 'childPatientThreshold', valueInteger: c.childPatientThreshold });
  if (c?.minChangeHours !== undefined) parts.push({ url: 'minChangeHours', valueInteger: c.minChangeHours });
  if (c?.webReschedulingCountAllowed !== undefined) parts.push({ url: 'webReschedulingCountAllowed', valueInteger: c.webReschedulingCountAllowed });
  for (const code of c?.schedulingAvailability ?? []) {
    parts.push({ url: 'schedulingAvailability', valueCodeableConcept: { coding: [{ system: SYSTEM.wcCharacteristic, code }] } });
  }
  parts.push(...extra);
  if (parts.length === 0) return undefined;
  return { url: extensionUrl(ctx, 'characteristic'), extension: [{ url: 'scheduling', extension: parts }] };
}

export function buildClinic(ctx: FhirContext, clinic: SeedClinic): HealthcareServicePortal {
  const area = ctx.catalog.area(clinic.areaId);
  const address: Location = {
    resourceType: 'Location',
    id: 'address',
    meta: { profile: [PROFILE.healthcareServiceLocation] },
    address: {
      use: 'work',
      text: `${clinic.street}, ${clinic.postalCode} ${clinic.city}`,
      line: [clinic.street],
      postalCode: clinic.postalCode,
      city: clinic.city,
      country: clinic.country,
    },
    physicalType: sitePhysicalType(ctx),
    position: { longitude: clinic.longitude, latitude: clinic.latitude },
    partOf: { reference: '#area' },
  };
  const tenant: Organization = { resourceType: 'Organization', id: 'org', meta: { profile: [PROFILE.serviceProvider] }, active: true, name: ORGANIZATION.name };
  const contained = [address, ...(area === undefined ? [] : [buildArea(ctx, area, 'area')]), tenant];
  const extension = [clinicInfo(ctx, clinic), bookingRules(ctx, clinic)];
  const characteristic = schedulingCharacteristic(ctx, clinic);
  if (characteristic !== undefined) extension.push(characteristic);
  const telecom: NonNullable<HealthcareServicePortal['telecom']> = [{ system: 'phone', value: clinic.phone, use: 'work' }];
  if (clinic.externalBookingUrl !== undefined) telecom.push({ system: 'url', value: clinic.externalBookingUrl, rank: 1 });
  return {
    resourceType: 'HealthcareService',
    id: clinic.id,
    meta: { versionId: '1', profile: [PROFILE.healthcareService] },
    contained,
    extension,
    identifier: [typedIdentifier(ctx, { system: `${SYSTEM.identifierRoot}/clinic-number`, value: clinic.number }, { system: SYSTEM.v2IdentifierType, code: 'RI', text: 'Resource identifier' })],
    active: clinic.inactive !== true,
    // One live example points at `Organization/#org` (spec §13.13); the sandbox does so for one clinic.
    providedBy: { reference: !ctx.strict && clinic.id === 'hs-goteborg-centrum' ? 'Organization/#org' : '#org', display: ORGANIZATION.name },
    name: clinic.name,
    telecom,
    location: [{ reference: '#address' }],
    availableTime: clinic.opening.map((hours) => ({
      daysOfWeek: hours.days.map((d) => DAY_CODES[d - 1] ?? 'mon'),
      availableStartTime: `${hours.open}:00`,
      availableEndTime: `${hours.close}:00`,
    })),
    photo: clinicPhoto(clinic.colour),
  };
}
