/**
 * A realistic `$get-offers-context` answer for tests, with the live quirks of spec §13: https
 * wof-portal extension URLs, `http` fullUrls, ids with `:`, `Organization/#id`, physical types by
 * OID or text only, an offline offer, extra offer parts, and offers whose resources were not included.
 * Excluded from the build (tsconfig `*.fixture.ts`); imported by tests only.
 * @module
 */
import type {
  ActivityDefinitionPortal,
  Binary,
  Location,
  Organization,
  Resource,
  BundleEntry,
  HealthcareServicePortal,
  OfferPortal,
  OffersContextBundle,
  PractitionerRolePortal,
} from '../fhir/types.js';
import { EXT, EXT_AS_SEEN_LIVE, PROFILE, SYSTEM, WOF_PURIFIED } from '../fhir/urls.js';

export const BASE = 'http://api.wellonfhir.se/acme/1.0/R4/fhir';
const PRACTITIONER_SYSTEM = `${SYSTEM.practitionerPrefix}/e7d6c5b4-a392-4817-b605-f4e3d2c1b0a9`;
const BILLING_SYSTEM = `${SYSTEM.billingOrganizationPrefix}/e7d6c5b4-a392-4817-b605-f4e3d2c1b0a9`;

export const IDS = {
  kungsholmen: '5d0c2a7e-1b3f-4e52-9a61-0c7d8e9f1a23',
  oslo: 'hs:oslo:1',
  sodermalm: 'hs-sodermalm',
  hygienist: 'a1f3c5e7-2468-4ace-8bdf-13579bdf2468',
  checkup: 'ad-undersokning',
  whitening: 'ad-blekning',
  emergency: 'ad-akut',
  elin: 'c9e8d7b6-a5f4-4e3d-8c2b-1a0f9e8d7c6b',
  omar: '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9',
  kari: 'pr:oslo:kari',
  sara: 'pr-sara',
} as const;

/** Contained resources are typed as bare `Resource`; this keeps their own type checked. */
const inner = (resource: Location | Organization | Binary): Resource => resource;

function clinicInfo(urlPlaceholder: string, hasExternalBooking = false) {
  return {
    url: EXT.clinicInfo,
    extension: [
      { url: 'directions', valueString: 'T-bana Fridhemsplan, uppgång Fleminggatan.' },
      { url: 'bookingSummaryInformationText', valueString: '<b>Välkommen!</b> Kom tio minuter före.' },
      { url: 'hasExternalBooking', valueBoolean: hasExternalBooking },
      { url: 'urlPlaceholder', valueString: urlPlaceholder },
      { url: 'futureSubExtension', valueString: 'ignored' },
    ],
  };
}

export function kungsholmen(): HealthcareServicePortal {
  return {
    resourceType: 'HealthcareService',
    id: IDS.kungsholmen,
    meta: { profile: [PROFILE.healthcareService] },
    contained: [
      inner({
        resourceType: 'Location', id: 'adress-kungsholmen',
        address: { use: 'work', text: 'Fleminggatan 7, 112 26 Stockholm', line: ['Fleminggatan 7'], postalCode: '112 26', city: 'Stockholm', country: 'SE' },
        physicalType: { coding: [{ system: SYSTEM.locationPhysicalType, code: 'si' }] },
        position: { latitude: 59.3326, longitude: 18.0426 },
        partOf: { reference: '#area-stockholm' },
      }),
      inner({
        resourceType: 'Location', id: 'area-stockholm', status: 'active', name: 'Stockholm',
        physicalType: { coding: [{ system: SYSTEM.locationPhysicalType, code: 'area' }] },
        extension: [{ url: EXT_AS_SEEN_LIVE.sortKey, valueInteger: 1 }],
      }),
      inner({
        resourceType: 'Organization', id: 'org-acme', name: 'Acme Tandvård AB',
        extension: [{ url: EXT.bookingRules, extension: [{ url: 'cancellationAllowed', valueBoolean: true }, { url: 'allowCancellationRemainingHours', valueInteger: 48 }] }],
      }),
    ],
    extension: [
      clinicInfo('kungsholmen'),
      {
        url: EXT_AS_SEEN_LIVE.bookingRules,
        extension: [
          { url: 'allowCancellationRemainingHours', valueInteger: 24 },
          { url: 'allowCancellationAfterRegistrationHours', valueInteger: 2 },
          { url: 'minimumAdvanceBookingMinutes', valueInteger: 120 },
        ],
      },
    ],
    active: true,
    name: 'Acme Tandvård Kungsholmen',
    providedBy: { reference: 'Organization/#org-acme' },
    location: [{ reference: '#adress-kungsholmen' }],
    telecom: [
      { system: 'phone', value: '+46 8 123 456 78' },
      { system: 'email', value: 'kungsholmen@example.invalid' },
    ],
    photo: { contentType: 'image/png', data: 'iVBORw0KGgo=' },
    availableTime: [
      { daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'], availableStartTime: '08:00:00', availableEndTime: '17:00:00' },
      { daysOfWeek: ['sat'], allDay: false, availableStartTime: '10:00:00', availableEndTime: '14:00:00' },
    ],
  } satisfies HealthcareServicePortal;
}

export function oslo(): HealthcareServicePortal {
  return {
    resourceType: 'HealthcareService',
    id: IDS.oslo,
    contained: [
      inner({
        resourceType: 'Location', id: 'a1',
        address: { city: 'Oslo', country: 'NO' },
        physicalType: { coding: [{ system: SYSTEM.locationPhysicalTypeOid, code: 'si' }] },
      }),
      inner({ resourceType: 'Location', id: 'a2', status: 'active', name: 'Oslo sentrum', physicalType: { text: 'Area' } }),
    ],
    extension: [clinicInfo('bjorvika')],
    active: true,
    name: 'Acme Tannlege Bjørvika',
    location: [{ reference: '#a1' }],
  } satisfies HealthcareServicePortal;
}

export function sodermalm(): HealthcareServicePortal {
  return {
    resourceType: 'HealthcareService',
    id: IDS.sodermalm,
    contained: [
      inner({ resourceType: 'Location', id: 'addr', address: { city: 'Stockholm', country: 'SE' }, physicalType: { text: 'Site' }, partOf: { reference: 'Location/#area' } }),
      inner({ resourceType: 'Location', id: 'area', name: 'Stockholm', physicalType: { coding: [{ code: 'area' }] }, extension: [{ url: EXT.sortKey, valueInteger: 1 }] }),
    ],
    extension: [clinicInfo('sodermalm', true)],
    active: true,
    name: 'Acme Tandvård Södermalm',
    location: [{ reference: '#addr' }],
    telecom: [
      { system: 'url', value: 'https://booking.example.invalid/second', rank: 2 },
      { system: 'url', value: 'https://booking.example.invalid/first', rank: 1 },
      { system: 'url', value: 'https://booking.example.invalid/unranked' },
    ],
  } satisfies HealthcareServicePortal;
}

export function hygienist(): ActivityDefinitionPortal {
  return {
    resourceType: 'ActivityDefinition',
    id: IDS.hygienist,
    meta: { versionId: '3', profile: [PROFILE.activityDefinition] },
    extension: [{ url: EXT_AS_SEEN_LIVE.sortKey, valueInteger: 2 }],
    title: 'Tandhygienistbesök',
    status: 'active',
    date: '2026-03-01',
    description: 'Rengöring, polering och råd om munhygien.',
    kind: 'ServiceRequest',
    code: { coding: [{ system: SYSTEM.serviceTypeId, code: 'hyg45' }] },
  } satisfies ActivityDefinitionPortal;
}

export function checkup(): ActivityDefinitionPortal {
  return {
    resourceType: 'ActivityDefinition',
    id: IDS.checkup,
    extension: [{ url: EXT.sortKey, valueInteger: 1 }],
    title: 'Undersökning',
    subtitle: 'Basundersökning med röntgen',
    status: 'active',
    kind: 'ServiceRequest',
    code: { coding: [{ system: `${WOF_PURIFIED}/CodeSystem/csServiceType`, code: 'undersokning', display: 'Undersökning' }] },
  } satisfies ActivityDefinitionPortal;
}

export function whitening(): ActivityDefinitionPortal {
  return {
    resourceType: 'ActivityDefinition',
    id: IDS.whitening,
    extension: [{ url: EXT.campaigns, extension: [{ url: 'campaign', valueCode: 'SPRING26' }, { url: 'campaign', valueCode: 'VIP' }] }],
    title: 'Blekning',
    status: 'active',
    kind: 'ServiceRequest',
    code: { coding: [{ system: SYSTEM.serviceTypeId, code: 'blek' }] },
  } satisfies ActivityDefinitionPortal;
}

export function elin(): PractitionerRolePortal {
  return {
    resourceType: 'PractitionerRole',
    id: IDS.elin,
    contained: [inner({ resourceType: 'Binary', id: 'avatar1', contentType: 'image/jpeg', data: '/9j/4AAQSkZJRg==' })],
    extension: [
      { url: EXT.practitionerRoleDescription, valueString: 'Tandhygienist sedan 2010.' },
      { url: EXT.binaryReference, valueReference: { reference: '#avatar1' } },
    ],
    active: true,
    code: [{ coding: [{ system: SYSTEM.livePractitionerRole, code: 'hygienist' }], text: 'Tandhygienist' }],
    practitioner: { identifier: { system: PRACTITIONER_SYSTEM, value: '8812' }, display: 'Tandhygienist Elin Berg' },
    organization: { identifier: { system: BILLING_SYSTEM, value: '3301' }, display: 'Acme Kungsholmen AB' },
    healthcareService: [{ reference: `HealthcareService/${IDS.kungsholmen}`, display: 'Acme Tandvård Kungsholmen' }],
  } satisfies PractitionerRolePortal;
}

export function omar(): PractitionerRolePortal {
  return {
    resourceType: 'PractitionerRole',
    id: IDS.omar,
    active: true,
    code: [{ coding: [{ system: SYSTEM.livePractitionerRole, code: 'dentist' }], text: 'Tandläkare' }],
    practitioner: { identifier: { system: PRACTITIONER_SYSTEM, value: '8820' }, display: 'Tandläkare Omar Haddad' },
    organization: { identifier: { system: BILLING_SYSTEM, value: '3301' } },
    healthcareService: [{ reference: `HealthcareService/${IDS.kungsholmen}` }],
  } satisfies PractitionerRolePortal;
}

export function kari(): PractitionerRolePortal {
  return {
    resourceType: 'PractitionerRole',
    id: IDS.kari,
    active: true,
    code: [{ coding: [{ system: SYSTEM.livePractitionerRole, code: 'dentist', display: 'Tannlege' }] }],
    practitioner: { identifier: { system: PRACTITIONER_SYSTEM, value: '9001' }, display: 'Tannlege Kari Nordmann' },
    organization: { identifier: { system: BILLING_SYSTEM, value: '4401' } },
    healthcareService: [{ reference: `${BASE}/HealthcareService/${IDS.oslo}` }],
  } satisfies PractitionerRolePortal;
}

type Part = NonNullable<NonNullable<OfferPortal['parameter']>[number]['part']>[number];

export function offer(id: string, treatment: string, clinic: string, practitioner: string, extra: Part[] = [], displays: { t?: string; c?: string; p?: string } = {}): OfferPortal {
  return {
    resourceType: 'Parameters',
    id,
    meta: { profile: [PROFILE.offer] },
    parameter: [{
      name: 'offering',
      part: [
        { name: 'activityDefinition', valueReference: { reference: `ActivityDefinition/${treatment}`, ...(displays.t === undefined ? {} : { display: displays.t }) } },
        { name: 'healthcareService', valueReference: { reference: `HealthcareService/${clinic}`, ...(displays.c === undefined ? {} : { display: displays.c }) } },
        { name: 'practitionerRole', valueReference: { reference: `PractitionerRole/${practitioner}`, ...(displays.p === undefined ? {} : { display: displays.p }) } },
        ...extra,
      ],
    }],
  } satisfies OfferPortal;
}

const entry = (type: string, resource: OfferPortal | ActivityDefinitionPortal | HealthcareServicePortal | PractitionerRolePortal): BundleEntry<OfferPortal | ActivityDefinitionPortal | HealthcareServicePortal | PractitionerRolePortal> => ({
  fullUrl: `${BASE}/${type}/${resource.id ?? ''}`,
  resource,
  search: { mode: 'match' },
});

/** The whole system-level answer with every include. */
export function offersContextBundle(): OffersContextBundle {
  const offers = [
    offer('offer-1', IDS.hygienist, IDS.kungsholmen, IDS.elin, [{ name: 'duration', valueString: '45 min' }, { name: 'price', valueString: 'från 895 kr' }, { name: 'isOnline', valueBoolean: true }]),
    offer('offer-2', IDS.checkup, IDS.kungsholmen, IDS.omar, [
      { name: 'duration', valueString: '30' }, { name: 'isOnline', valueBoolean: true },
      { name: 'visit-type', valueString: `${WOF_PURIFIED}/CodeSystem/csServiceType|undersokning` },
      { name: 'practitioner', valueString: '8820' }, { name: 'organization', valueString: '3301' },
      { name: 'bookingUrl', valueUrl: `/fhir/Appointment/$find?start=2026-06-08&end=2026-06-15&healthcareService=HealthcareService/${IDS.kungsholmen}` },
    ]),
    offer('offer-3', IDS.hygienist, IDS.kungsholmen, IDS.omar, [{ name: 'isOnline', valueBoolean: true }]),
    offer('offer-4', IDS.checkup, IDS.oslo, IDS.kari, [{ name: 'price', valueString: 'fra 560,-' }, { name: 'isOnline', valueBoolean: false }, { name: 'offlineReason', valueString: 'Journalsystemet er nede for vedlikehold.' }]),
    offer('offer-5', IDS.whitening, IDS.kungsholmen, IDS.elin, [{ name: 'isOnline', valueBoolean: true }]),
    offer('offer-6', IDS.emergency, IDS.sodermalm, IDS.sara, [{ name: 'isOnline', valueBoolean: true }, { name: 'visit-type', valueString: `${SYSTEM.serviceTypeId}|akut` }], { t: 'Akuttid', c: 'Acme Tandvård Södermalm', p: 'Tandläkare Sara Lind' }),
  ];
  const resources: Array<[string, ActivityDefinitionPortal | HealthcareServicePortal | PractitionerRolePortal]> = [
    ['HealthcareService', kungsholmen()], ['HealthcareService', oslo()], ['HealthcareService', sodermalm()],
    ['ActivityDefinition', hygienist()], ['ActivityDefinition', checkup()], ['ActivityDefinition', whitening()],
    ['PractitionerRole', elin()], ['PractitionerRole', omar()], ['PractitionerRole', kari()],
  ];
  const entries = [...offers.map((o) => entry('Parameters', o)), ...resources.map(([type, r]) => entry(type, r))];
  return { resourceType: 'Bundle', type: 'searchset', total: entries.length, entry: entries } satisfies OffersContextBundle;
}
