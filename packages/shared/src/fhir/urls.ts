/**
 * Canonical URLs, extension URLs and identifier systems of the ITB (WOF Portal) guide.
 *
 * The live API spells many of these differently from the profiles (http vs https, wof-connect vs
 * wof-portal hosts; spec §13.2), so never compare extension URLs with `===`: use
 * {@link isExtension}, which matches on the last path segment and a small alias table.
 * @module
 */

/** Root of every WOF Portal canonical. */
export const WOF_PORTAL = 'https://canonical.fhir.link/servicewell/wof-portal';
/** Root of the WOF Connect canonicals (vendor-facing layer; many extensions are declared here). */
export const WOF_CONNECT = 'http://canonical.fhir.link/servicewell/wof-connect';
/** Root of the WOF base canonicals. */
export const WOF_BASE = 'http://canonical.fhir.link/servicewell/wof-base';
/** Host used by a few older artefacts (LocationArea, consent to marketing, live code systems). */
export const WOF_PURIFIED = 'http://portal.wof.purified.link/fhir';
/** IHE ITI Scheduling canonical root. */
export const IHE_SCHEDULING = 'https://profiles.ihe.net/ITI/Scheduling';

/** `meta.profile` values of every ITB profile a client sees. */
export const PROFILE = {
  activityDefinition: `${WOF_PORTAL}/StructureDefinition/activity-definition-portal`,
  healthcareService: `${WOF_PORTAL}/StructureDefinition/healthcare-service-portal`,
  healthcareServiceLocation: `${WOF_PORTAL}/StructureDefinition/healthcare-service-location`,
  locationArea: `${WOF_PURIFIED}/StructureDefinition/LocationArea`,
  practitionerRole: `${WOF_PORTAL}/StructureDefinition/practitioner-role-portal`,
  offer: `${WOF_PORTAL}/StructureDefinition/offer-portal`,
  offersBundle: `${WOF_PORTAL}/StructureDefinition/BundleOffersContextPortal`,
  availableAppointment: `${WOF_PORTAL}/StructureDefinition/portal-available-appointment`,
  findBundle: `${WOF_PORTAL}/StructureDefinition/portal-find-appointment-bundle`,
  appointment: `${WOF_PORTAL}/StructureDefinition/portal-appointment`,
  patient: `${WOF_PORTAL}/StructureDefinition/portal-patient`,
  serviceProvider: `${WOF_PORTAL}/StructureDefinition/service-provider-portal`,
  iheAvailBundle: `${IHE_SCHEDULING}/StructureDefinition/ihe-sched-avail-bundle`,
} as const;

/** Declared canonical URL of every extension (spec §8). What the live API sends may differ. */
export const EXT = {
  clinicInfo: `${WOF_PORTAL}/StructureDefinition/ext-clinic-info`,
  bookingRules: `${WOF_CONNECT}/StructureDefinition/ext-booking-rules`,
  sortKey: `${WOF_CONNECT}/StructureDefinition/ext-sort-key`,
  characteristic: `${WOF_CONNECT}/StructureDefinition/wofconnect-characteristic`,
  appointmentUpdate: `${WOF_CONNECT}/StructureDefinition/wofconnect-appointment-update`,
  activityDefinitionReference: `${WOF_PORTAL}/StructureDefinition/activity-definition-reference`,
  bannerImage: `${WOF_PORTAL}/StructureDefinition/extBannerImage`,
  organizationSettings: `${WOF_PORTAL}/StructureDefinition/organization-settings`,
  consentToMarketing: `${WOF_PURIFIED}/StructureDefinition/extConsentToMarketing`,
  practitionerRoleDescription: `${WOF_PORTAL}/StructureDefinition/ext-practitionerrole-description`,
  binaryReference: `${WOF_PORTAL}/StructureDefinition/ext-binary-reference`,
  campaigns: `${WOF_PORTAL}/StructureDefinition/ext-campaigns`,
  listReference: `${WOF_CONNECT}/StructureDefinition/wof-connect-list-reference`,
  statusReason: `${IHE_SCHEDULING}/StructureDefinition/extension-status-reason`,
} as const;

/** The URL variants the live API is known to send (spec §8 "seen" column, §13.2). */
export const EXT_AS_SEEN_LIVE = {
  bookingRules: `${WOF_PORTAL}/StructureDefinition/ext-booking-rules`,
  sortKey: `${WOF_PORTAL}/StructureDefinition/ext-sort-key`,
  appointmentUpdate: `${WOF_CONNECT}/StructureDefinition/wof-connect-appointment-update`,
} as const;

/** Last-segment spellings that name the same extension (spec §13.2). */
const EXTENSION_ALIASES: Readonly<Record<string, string>> = {
  'wof-connect-appointment-update': 'wofconnect-appointment-update',
  'wof-connect-characteristic': 'wofconnect-characteristic',
};

/** The last path segment of a canonical URL, with known aliases folded onto one spelling. */
export function canonicalName(url: string): string {
  const withoutVersion = url.split('|')[0] ?? url;
  const segment = withoutVersion.slice(withoutVersion.lastIndexOf('/') + 1);
  return EXTENSION_ALIASES[segment] ?? segment;
}

/** True when `url` names the extension `declared`, whatever host, scheme or path variant it uses. */
export function isExtension(url: string | undefined, declared: string): boolean {
  return url !== undefined && canonicalName(url) === canonicalName(declared);
}

/** Identifier and code systems (spec §9, §10). */
export const SYSTEM = {
  slotId: `${WOF_CONNECT}/identifiercodesystem/slot-id`,
  serviceTypeId: `${WOF_CONNECT}/identifiercodesystem/service-type-id`,
  /** Live data's treatment code system (spec §9.6, §13.3). */
  liveServiceType: `${WOF_PURIFIED}/CodeSystem/csServiceType`,
  livePractitionerRole: `${WOF_PURIFIED}/CodeSystem/csPractitionerRole`,
  identifierRoot: `${WOF_PORTAL}/identifier-system`,
  /** Prefixes: the real systems append `/{endpointId}`. Compare by prefix, never rebuild (spec §10). */
  appointmentSourcePrefix: `${WOF_PORTAL}/identifier-system/endpoint-identifier-system-for-appointment`,
  practitionerPrefix: `${WOF_PORTAL}/identifier-system/endpoint-identifier-system-for-practitioner`,
  billingOrganizationPrefix: `${WOF_PORTAL}/identifier-system/endpoint-identifier-system-for-billingorganization`,
  patientPrefix: `${WOF_PORTAL}/identifier-system/endpoint-identifier-system-for-patient`,
  /** The extension fixes the wof-base spelling; the code system lives under wof-connect. Accept both. */
  wcCharacteristic: `${WOF_BASE}/CodeSystem/wc-characteristic`,
  wcCharacteristicConnect: `${WOF_CONNECT}/CodeSystem/wc-characteristic`,
  locationPhysicalType: 'http://terminology.hl7.org/CodeSystem/location-physical-type',
  locationPhysicalTypeOid: 'urn:oid:2.16.840.1.113883.4.642.3.328',
  appointmentStatus: 'http://hl7.org/fhir/appointmentstatus',
  statusReason: `${IHE_SCHEDULING}/CodeSystem/status-reason`,
  v2IdentifierType: 'http://terminology.hl7.org/CodeSystem/v2-0203',
  organizationSettings: `${WOF_PORTAL}/CodeSystem/portal-organization-settings`,
} as const;

/** `Identifier.system` of each national personal-number kind (spec §9.5). */
export const PERSONAL_NUMBER_SYSTEM = {
  sePersonnummer: 'urn:oid:1.2.752.129.2.1.3.1',
  seSamordningsnummer: 'urn:oid:1.2.752.129.2.1.3.3',
  sePersonnummerHttp: 'http://electronichealth.se/identifier/personnummer',
  noFodselsnummer: 'urn:oid:2.16.578.1.12.4.1.4.1',
  noDNumber: 'urn:oid:2.16.578.1.12.4.1.4.2',
  noHNumber: 'urn:oid:2.16.578.1.12.4.1.4.3',
  noFhNumber: 'urn:oid:2.16.578.1.12.4.1.4.4',
  noDufNumber: 'urn:oid:2.16.578.1.12.4.1.4.5',
} as const;

/** Booking-confirmation codes of wc-characteristic (spec §9.3). */
export type BookingConfirmationCode =
  | 'send-confirmation-by-sms'
  | 'send-confirmation-by-email'
  | 'send-confirmation-by-email-and-sms'
  | 'no-booking-confirmation';

/** Scheduling-acceptance codes of wc-characteristic (spec §9.3). */
export type SchedulingAcceptsCode =
  | 'scheduling-accepts-new'
  | 'scheduling-accepts-cancellation'
  | 'scheduling-accepts-reschedule';

/** True for both http and https spellings of the same canonical (spec §13.2). */
export function sameCanonical(a: string | undefined, b: string): boolean {
  if (a === undefined) return false;
  const strip = (url: string) => url.replace(/^https?:\/\//, '');
  return strip(a) === strip(b);
}
