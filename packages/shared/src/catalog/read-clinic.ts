/**
 * HealthcareServicePortal → {@link Clinic}: contained address, area and organisation, clinic info,
 * booking rules, photo, external-booking URL and opening hours (spec §7.2–§7.4, §8.1, §11.2).
 * @module
 */
import { arrayOf, booleanValue, findExtension, isRecord, numberValue, stringOf, subExtension, textValue } from '../fhir/extensions.js';
import { resolveContained } from '../fhir/references.js';
import type { HealthcareService, Organization } from '../fhir/types.js';
import { EXT } from '../fhir/urls.js';
import { safeHttpUrl } from '../fhir/safe-url.js';
import { clinicPhoto } from './read-photo.js';
import { readBookingRules } from '../rules/booking-rules.js';
import { organizationWebsite, priceAtConfirmation } from './organization-settings.js';
import type { Area, Clinic, ClinicInfo, OpeningHours } from './catalog-types.js';

type Loose = Record<string, unknown>;

const COUNTRY_ZONES: Readonly<Record<string, string>> = {
  SE: 'Europe/Stockholm', SWE: 'Europe/Stockholm', SWEDEN: 'Europe/Stockholm', SVERIGE: 'Europe/Stockholm',
  NO: 'Europe/Oslo', NOR: 'Europe/Oslo', NORWAY: 'Europe/Oslo', NORGE: 'Europe/Oslo', NOREG: 'Europe/Oslo',
  DK: 'Europe/Copenhagen', DNK: 'Europe/Copenhagen', DENMARK: 'Europe/Copenhagen', DANMARK: 'Europe/Copenhagen',
  FI: 'Europe/Helsinki', FIN: 'Europe/Helsinki', FINLAND: 'Europe/Helsinki', SUOMI: 'Europe/Helsinki',
};

/** IANA time zone from the clinic address country (SE → Europe/Stockholm, NO → Europe/Oslo, …). */
export function timeZoneForCountry(country: string | undefined, fallback: string): string {
  if (typeof country !== 'string') return fallback;
  return COUNTRY_ZONES[country.trim().toUpperCase()] ?? fallback;
}

/** `site` or `area` from a Location's physicalType: by code (any system, incl. the OID) or by text. */
export function physicalTypeOf(location: unknown): 'site' | 'area' | undefined {
  if (!isRecord(location) || !isRecord(location.physicalType)) return undefined;
  const words = [
    ...arrayOf(location.physicalType.coding).map((c) => (isRecord(c) ? [stringOf(c.code), stringOf(c.display)] : [])).flat(),
    stringOf(location.physicalType.text),
  ].map((w) => w?.trim().toLowerCase());
  if (words.some((w) => w === 'area')) return 'area';
  if (words.some((w) => w === 'si' || w === 'site')) return 'site';
  return undefined;
}

function readArea(location: Loose): Area | undefined {
  const id = stringOf(location.id);
  const name = stringOf(location.name);
  if (id === undefined) return undefined;
  const sortKey = numberValue(findExtension(location, EXT.sortKey));
  return { id, name: name ?? id, ...(sortKey === undefined ? {} : { sortKey }) };
}

function readInfo(hs: Loose): ClinicInfo {
  const info = findExtension(hs, EXT.clinicInfo);
  const text = (name: string) => textValue(subExtension(info, name));
  const fields: Record<string, string | undefined> = {
    directions: text('directions'),
    parking: text('parking'),
    about: text('about'),
    spokenLanguages: text('spokenLanguages'),
    bookingSummaryText: text('bookingSummaryInformationText'),
  };
  const present = Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined));
  return {
    ...present,
    hasExternalBooking: booleanValue(subExtension(info, 'hasExternalBooking')) === true,
    urlPlaceholder: text('urlPlaceholder') ?? '',
  };
}

/** Telecom values of one system, lowest `rank` first (no rank sorts last), original order kept on ties. */
function telecoms(hs: Loose, system: string): string[] {
  return arrayOf(hs.telecom)
    .filter(isRecord)
    .filter((t) => t.system === system && stringOf(t.value) !== undefined)
    .map((t, index) => ({ value: String(t.value), rank: typeof t.rank === 'number' ? t.rank : Number.POSITIVE_INFINITY, index }))
    .sort((a, b) => a.rank - b.rank || a.index - b.index)
    .map((t) => t.value);
}

function readOpeningHours(hs: Loose): OpeningHours[] {
  return arrayOf(hs.availableTime).filter(isRecord).map((t) => {
    const opens = stringOf(t.availableStartTime);
    const closes = stringOf(t.availableEndTime);
    return {
      daysOfWeek: arrayOf(t.daysOfWeek).filter((d): d is string => typeof d === 'string'),
      allDay: t.allDay === true,
      ...(opens === undefined ? {} : { opens }),
      ...(closes === undefined ? {} : { closes }),
    };
  });
}

function readAddress(site: Loose | undefined): Clinic['address'] {
  if (site === undefined || !isRecord(site.address)) return undefined;
  const a = site.address;
  const fields = { text: stringOf(a.text), postalCode: stringOf(a.postalCode), city: stringOf(a.city), country: stringOf(a.country) };
  return { ...Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)), lines: arrayOf(a.line).filter((l): l is string => typeof l === 'string') };
}

function readPosition(site: Loose | undefined): Clinic['position'] {
  if (site === undefined || !isRecord(site.position)) return undefined;
  const { latitude, longitude } = site.position;
  return typeof latitude === 'number' && typeof longitude === 'number' && Number.isFinite(latitude) && Number.isFinite(longitude) ? { latitude, longitude } : undefined;
}

/** Read one HealthcareService into a Clinic. `id` must already be known. */
export function readClinic(hs: Loose, id: string, defaultTimeZone: string): Clinic {
  const contained = arrayOf(hs.contained).filter(isRecord);
  const locations = contained.filter((c) => c.resourceType === 'Location');
  const site = arrayOf(hs.location).map((ref) => resolveContained(hs, ref)).find((l) => l !== undefined)
    ?? locations.find((l) => physicalTypeOf(l) === 'site');
  const areaResource = (site === undefined ? undefined : resolveContained(hs, site.partOf))
    ?? locations.find((l) => l !== site && physicalTypeOf(l) === 'area');
  const area = areaResource === undefined ? undefined : readArea(areaResource);
  const organization = resolveContained(hs, hs.providedBy);
  // Booking rules may sit on the owning organisation (spec §8.2); the clinic's own values win.
  const rules = { ...(organization === undefined ? {} : readBookingRules(organization as unknown as Organization)), ...readBookingRules(hs as unknown as HealthcareService) };
  const address = readAddress(site);
  const position = readPosition(site);
  const phone = telecoms(hs, 'phone')[0];
  const email = telecoms(hs, 'email')[0];
  // Only an http(s) address may become the link patients follow (clinic data is untrusted).
  const externalBookingUrl = telecoms(hs, 'url').map(safeHttpUrl).find((url) => url !== undefined);
  const photo = clinicPhoto(hs);
  const website = organizationWebsite(organization);
  const optional = { address, position, area, phone, email, website, photo, externalBookingUrl };
  return {
    id,
    name: stringOf(hs.name) ?? id,
    active: hs.active !== false,
    ...Object.fromEntries(Object.entries(optional).filter(([, v]) => v !== undefined)),
    info: readInfo(hs),
    bookingRules: rules,
    openingHours: readOpeningHours(hs),
    timeZone: timeZoneForCountry(address?.country, defaultTimeZone),
    priceAtConfirmation: priceAtConfirmation(organization),
  };
}

/** A clinic known only from an offer's reference. */
export function partialClinic(id: string, display: string | undefined, defaultTimeZone: string): Clinic {
  return {
    id,
    name: display ?? id,
    active: true,
    info: { hasExternalBooking: false, urlPlaceholder: '' },
    bookingRules: {},
    openingHours: [],
    timeZone: defaultTimeZone,
    priceAtConfirmation: true,
    partial: true,
  };
}
