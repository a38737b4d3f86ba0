import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ItbDataError } from '../errors.js';
import { SYSTEM, WOF_PURIFIED } from '../fhir/urls.js';
import {
  clinicsOfferingTreatment, findClinic, findTreatment, indexOffersContext, listClinics, listTreatments,
  normalizeForSearch, offerBookability, offersFor, practitionersFor, searchClinics, timeZoneForCountry, treatmentsAtClinic, visitTypeOfBookingUrl,
} from './catalog.js';
import { withoutInactiveClinics } from './inactive-clinics.js';
import { IDS, kungsholmen, offer, offersContextBundle } from './offers-context.fixture.js';

describe('indexOffersContext: clinics', () => {
  it('reads a clinic with contained address, area, organisation, info, rules, photo and hours', () => {
    const clinic = indexOffersContext(offersContextBundle()).clinics.get(IDS.kungsholmen);
    expect(clinic).toEqual({
      id: IDS.kungsholmen,
      name: 'Acme Tandvård Kungsholmen',
      active: true,
      address: { text: 'Fleminggatan 7, 112 26 Stockholm', lines: ['Fleminggatan 7'], postalCode: '112 26', city: 'Stockholm', country: 'SE' },
      position: { latitude: 59.3326, longitude: 18.0426 },
      area: { id: 'area-stockholm', name: 'Stockholm', sortKey: 1 },
      phone: '+46 8 123 456 78',
      email: 'kungsholmen@example.invalid',
      photo: 'data:image/png;base64,iVBORw0KGgo=',
      info: {
        directions: 'T-bana Fridhemsplan, uppgång Fleminggatan.',
        bookingSummaryText: '<b>Välkommen!</b> Kom tio minuter före.',
        hasExternalBooking: false,
        urlPlaceholder: 'kungsholmen',
      },
      // The organisation's rules apply where the clinic says nothing; the clinic's own value wins.
      bookingRules: { cancellationAllowed: true, allowCancellationRemainingHours: 24, allowCancellationAfterRegistrationHours: 2, minimumAdvanceBookingMinutes: 120 },
      openingHours: [
        { daysOfWeek: ['mon', 'tue', 'wed', 'thu', 'fri'], allDay: false, opens: '08:00:00', closes: '17:00:00' },
        { daysOfWeek: ['sat'], allDay: false, opens: '10:00:00', closes: '14:00:00' },
      ],
      timeZone: 'Europe/Stockholm',
      priceAtConfirmation: true,
    });
  });

  it('finds site and area by OID-coded or text-only physical types, and takes the zone from the country', () => {
    const clinic = indexOffersContext(offersContextBundle()).clinics.get(IDS.oslo);
    expect(clinic?.address).toEqual({ city: 'Oslo', country: 'NO', lines: [] });
    expect(clinic?.area).toEqual({ id: 'a2', name: 'Oslo sentrum' });
    expect(clinic?.timeZone).toBe('Europe/Oslo');
  });

  it('resolves Location/#id and picks the lowest-ranked url telecom as the external booking URL', () => {
    const clinic = indexOffersContext(offersContextBundle()).clinics.get(IDS.sodermalm);
    expect(clinic?.area).toEqual({ id: 'area', name: 'Stockholm', sortKey: 1 });
    expect(clinic?.info.hasExternalBooking).toBe(true);
    expect(clinic?.externalBookingUrl).toBe('https://booking.example.invalid/first');
    expect(clinic?.partial).toBeUndefined();
  });

  it('uses the default zone for unknown countries and refuses non-image photos', () => {
    const hs = kungsholmen();
    hs.contained = [];
    hs.photo = { contentType: 'text/html', data: 'PHNjcmlwdD4=' };
    const bundle = { resourceType: 'Bundle', type: 'searchset', entry: [{ resource: hs }] };
    const clinic = indexOffersContext(bundle, { defaultTimeZone: 'Europe/Helsinki' }).clinics.get(IDS.kungsholmen);
    expect(clinic?.timeZone).toBe('Europe/Helsinki');
    expect(clinic?.photo).toBeUndefined();
    expect(clinic?.address).toBeUndefined();
    expect(clinic?.bookingRules).toEqual({ allowCancellationRemainingHours: 24, allowCancellationAfterRegistrationHours: 2, minimumAdvanceBookingMinutes: 120 });
  });
});

describe('indexOffersContext: treatments, practitioners, offers', () => {
  it('reads treatments with sort key, code as visit type (profile and live systems) and campaigns', () => {
    const catalog = indexOffersContext(offersContextBundle());
    expect(catalog.treatments.get(IDS.hygienist)).toEqual({
      id: IDS.hygienist, title: 'Tandhygienistbesök', description: 'Rengöring, polering och råd om munhygien.', sortKey: 2,
      code: { system: SYSTEM.serviceTypeId, code: 'hyg45' }, visitType: `${SYSTEM.serviceTypeId}|hyg45`, campaigns: [],
    });
    expect(catalog.treatments.get(IDS.checkup)?.visitType).toBe(`${WOF_PURIFIED}/CodeSystem/csServiceType|undersokning`);
    expect(catalog.treatments.get(IDS.checkup)?.subtitle).toBe('Basundersökning med röntgen');
    expect(catalog.treatments.get(IDS.whitening)?.campaigns).toEqual(['SPRING26', 'VIP']);
  });

  it('reads practitioners with roles, description, photo from the contained Binary and clinic (absolute reference)', () => {
    const catalog = indexOffersContext(offersContextBundle());
    expect(catalog.practitioners.get(IDS.elin)).toEqual({
      id: IDS.elin, name: 'Tandhygienist Elin Berg', roles: ['Tandhygienist'], description: 'Tandhygienist sedan 2010.',
      photo: 'data:image/jpeg;base64,/9j/4AAQSkZJRg==', clinicId: IDS.kungsholmen, active: true,
    });
    expect(catalog.practitioners.get(IDS.kari)).toMatchObject({ roles: ['Tannlege'], clinicId: IDS.oslo });
  });

  it('reads offers with display strings, offline reason and the live extra parts', () => {
    const catalog = indexOffersContext(offersContextBundle());
    expect(catalog.offers).toHaveLength(6);
    expect(catalog.offers.find((o) => o.id === 'offer-1')).toEqual({
      id: 'offer-1', treatmentId: IDS.hygienist, clinicId: IDS.kungsholmen, practitionerRoleId: IDS.elin,
      isOnline: true, duration: '45 min', price: 'från 895 kr',
      // No visit-type part: resolved from the treatment's code in the Bundle.
      visitType: `${SYSTEM.serviceTypeId}|hyg45`,
    });
    expect(catalog.offers.find((o) => o.id === 'offer-2')).toMatchObject({
      visitType: `${WOF_PURIFIED}/CodeSystem/csServiceType|undersokning`, practitionerKey: '8820', organizationKey: '3301',
      bookingUrl: expect.stringContaining('/fhir/Appointment/$find?') as unknown as string,
    });
    expect(catalog.offers.find((o) => o.id === 'offer-4')).toMatchObject({ isOnline: false, offlineReason: 'Journalsystemet er nede for vedlikehold.', price: 'fra 560,-' });
  });

  it('builds partial entries from the reference display when resources were not included', () => {
    const catalog = indexOffersContext(offersContextBundle());
    expect(catalog.treatments.get(IDS.emergency)).toEqual({
      id: IDS.emergency, title: 'Akuttid', code: { system: SYSTEM.serviceTypeId, code: 'akut' }, visitType: `${SYSTEM.serviceTypeId}|akut`, campaigns: [], partial: true,
    });
    expect(catalog.practitioners.get(IDS.sara)).toEqual({ id: IDS.sara, name: 'Tandläkare Sara Lind', roles: [], clinicId: IDS.sodermalm, active: true, partial: true });
    // Only offers: every clinic is partial, named from the display or, without one, its id.
    const onlyOffers = { resourceType: 'Bundle', entry: [{ resource: offer('o', 'ad:1', 'hs:1', 'pr:1', [], { c: 'Klinik Ett' }) }, { resource: offer('p', 'ad:1', 'hs:2', 'pr:1') }] };
    const partial = indexOffersContext(onlyOffers);
    expect(partial.clinics.get('hs:1')).toMatchObject({ name: 'Klinik Ett', partial: true, timeZone: 'Europe/Stockholm', info: { hasExternalBooking: false, urlPlaceholder: '' } });
    expect(partial.clinics.get('hs:2')?.name).toBe('hs:2');
    expect(partial.treatments.get('ad:1')).toMatchObject({ title: 'ad:1', visitType: '', partial: true });
  });

  it('takes ids from fullUrl when a resource has none, keeps ids with colons, and ignores unknown resources', () => {
    const { id: _dropped, ...hs } = kungsholmen();
    const bundle = {
      resourceType: 'Bundle',
      entry: [
        { fullUrl: 'http://api.example/fhir/HealthcareService/hs:from:url', resource: hs },
        { resource: { resourceType: 'Patient', id: 'p1' } },
        { resource: { resourceType: 'Parameters', id: 'broken', parameter: [{ name: 'offering', part: [{ name: 'activityDefinition', valueReference: { reference: 'ActivityDefinition/x' } }] }] } },
        null, 42, { resource: 'text' },
      ],
    };
    const catalog = indexOffersContext(bundle);
    expect([...catalog.clinics.keys()]).toEqual(['hs:from:url']);
    expect(catalog.offers).toEqual([]);
  });

  it('keeps the first of duplicate entries', () => {
    const bundle = offersContextBundle();
    bundle.entry?.push({ resource: { ...kungsholmen(), name: 'Duplicate' } }, { resource: offer('offer-1', 'x', 'y', 'z') });
    const catalog = indexOffersContext(bundle);
    expect(catalog.clinics.get(IDS.kungsholmen)?.name).toBe('Acme Tandvård Kungsholmen');
    expect(catalog.offers.filter((o) => o.id === 'offer-1')).toHaveLength(1);
  });

  it('throws ItbDataError not-a-bundle for anything that is not a Bundle', () => {
    for (const input of [null, undefined, 'Bundle', [], { resourceType: 'OperationOutcome' }, { entry: [] }]) {
      expect(() => indexOffersContext(input)).toThrowError(expect.objectContaining({ name: 'ItbDataError', code: 'not-a-bundle' }) as unknown as Error);
    }
  });
});

describe('live catalog shapes', () => {
  function withInactiveClinic(): ReturnType<typeof offersContextBundle> {
    const bundle = offersContextBundle();
    const closed = { ...kungsholmen(), id: 'hs-closed', name: 'Closed clinic', active: false };
    bundle.entry = [
      ...(bundle.entry ?? []),
      { fullUrl: 'http://x/fhir/HealthcareService/hs-closed', resource: closed, search: { mode: 'match' } },
      { fullUrl: 'http://x/fhir/Parameters/offer-closed', resource: offer('offer-closed', IDS.hygienist, 'hs-closed', 'pr-closed', [{ name: 'isOnline', valueBoolean: true }]), search: { mode: 'match' } },
    ];
    bundle.total = bundle.entry.length;
    return bundle;
  }

  it('never offers an inactive clinic but remembers it to refuse it (spec §13.29)', () => {
    const catalog = indexOffersContext(withInactiveClinic());
    expect(catalog.clinics.has('hs-closed')).toBe(false);
    expect(catalog.inactiveClinicIds).toEqual(new Set(['hs-closed']));
    expect(catalog.offers.some((o) => o.clinicId === 'hs-closed')).toBe(false);
    expect(catalog.practitioners.has('pr-closed')).toBe(false);
    expect(clinicsOfferingTreatment(catalog, IDS.hygienist).map((c) => c.id)).not.toContain('hs-closed');
  });

  it('removes an inactive clinic, its offers and its only-there practitioners from a served Bundle', () => {
    const bundle = withInactiveClinic();
    const served = withoutInactiveClinics(bundle);
    const ids = (served.entry ?? []).map((e) => e.resource?.id);
    expect(ids).not.toContain('hs-closed');
    expect(ids).not.toContain('offer-closed');
    expect(served.total).toBe((bundle.total ?? 0) - 2);
    // An answer that carries only the offers is filtered with the ids known from the system catalog.
    const offersOnly = { ...bundle, entry: (bundle.entry ?? []).filter((e) => e.resource?.resourceType === 'Parameters') };
    expect((withoutInactiveClinics(offersOnly, new Set(['hs-closed'])).entry ?? []).map((e) => e.resource?.id)).not.toContain('offer-closed');
    const clean = offersContextBundle();
    expect(withoutInactiveClinics(clean)).toBe(clean);
  });

  it('resolves an offer\'s visit-type from what it carries when its treatment is not in the Bundle (spec §13.32)', () => {
    const fromUrl = offer('o-url', 'ad-missing', IDS.kungsholmen, IDS.elin, [
      { name: 'isOnline', valueBoolean: true },
      { name: 'bookingUrl', valueUrl: `/fhir/Appointment/$find?start=2026-06-08&end=2026-06-15&visit-type=${WOF_PURIFIED}/CodeSystem/csServiceType|impl30&practitionerRole=PractitionerRole/${IDS.elin}` },
    ], { t: 'Implantatkonsultation' });
    const nothing = offer('o-none', 'ad-unknown', IDS.kungsholmen, IDS.omar, [{ name: 'isOnline', valueBoolean: true }], { t: 'Okänd behandling' });
    const bundle = { resourceType: 'Bundle', type: 'searchset', entry: [fromUrl, nothing].map((resource) => ({ resource })) };
    const catalog = indexOffersContext(bundle);
    const [a, b] = catalog.offers;
    expect(a?.visitType).toBe(`${WOF_PURIFIED}/CodeSystem/csServiceType|impl30`);
    expect(catalog.treatments.get('ad-missing')).toMatchObject({ title: 'Implantatkonsultation', visitType: `${WOF_PURIFIED}/CodeSystem/csServiceType|impl30`, partial: true });
    expect(offerBookability(a!)).toEqual({ bookable: true });
    expect(b?.visitType).toBeUndefined();
    expect(catalog.treatments.get('ad-unknown')?.visitType).toBe('');
    expect(offerBookability(b!)).toEqual({ bookable: false, reason: 'treatment-unresolved' });
  });

  it('lets one offer tell the visit-type of the same treatment at another clinic, in any order', () => {
    const told = offer('o-told', 'ad-missing', IDS.kungsholmen, IDS.elin, [
      { name: 'isOnline', valueBoolean: true }, { name: 'visit-type', valueString: 'http://x/cs|impl30' },
    ]);
    const silent = offer('o-silent', 'ad-missing', IDS.oslo, IDS.kari, [{ name: 'isOnline', valueBoolean: true }]);
    for (const order of [[told, silent], [silent, told]]) {
      const catalog = indexOffersContext({ resourceType: 'Bundle', entry: order.map((resource) => ({ resource })) });
      expect(catalog.offers.find((o) => o.id === 'o-silent')?.visitType).toBe('http://x/cs|impl30');
    }
  });

  it('reads visit-type only from a $find bookingUrl, encoded or not', () => {
    expect(visitTypeOfBookingUrl('/fhir/Appointment/$find?visit-type=http%3A%2F%2Fx%2Fcs%7Cc1')).toBe('http://x/cs|c1');
    expect(visitTypeOfBookingUrl('https://clinic.example/boka?visit-type=a|b')).toBeUndefined();
    expect(visitTypeOfBookingUrl('/fhir/Appointment/$find?visit-type=')).toBeUndefined();
    expect(visitTypeOfBookingUrl('/fhir/Appointment/$find?visit-type=%E0%A4%A|b')).toBe('%E0%A4%A|b');
    expect(visitTypeOfBookingUrl(undefined)).toBeUndefined();
  });

  it('never turns a non-http clinic URL into the external-booking link', () => {
    const hostile = { ...kungsholmen(), telecom: [
      { system: 'url' as const, value: 'javascript:alert(document.cookie)', rank: 1 },
      { system: 'url' as const, value: 'https://boka.example/kungsholmen', rank: 2 },
    ] };
    const only = { ...kungsholmen(), telecom: [{ system: 'url' as const, value: ' JavaScript:alert(1)' }] };
    const read = (clinic: ReturnType<typeof kungsholmen>) => indexOffersContext({ resourceType: 'Bundle', entry: [{ resource: clinic }] }).clinics.get(IDS.kungsholmen)?.externalBookingUrl;
    expect(read(hostile)).toBe('https://boka.example/kungsholmen');
    expect(read(only)).toBeUndefined();
  });

  it('tells an offline offer by its reason', () => {
    const catalog = indexOffersContext(offersContextBundle());
    expect(offerBookability(catalog.offers.find((o) => o.id === 'offer-4')!)).toEqual({ bookable: false, reason: 'offer-offline', text: 'Journalsystemet er nede for vedlikehold.' });
  });
});

describe('catalog lookups', () => {
  const catalog = indexOffersContext(offersContextBundle());

  it('lists clinics by area sort key, area name and clinic name, and treatments by sort key then title', () => {
    expect(listClinics(catalog).map((c) => c.id)).toEqual([IDS.kungsholmen, IDS.sodermalm, IDS.oslo]);
    expect(listTreatments(catalog).map((t) => t.title)).toEqual(['Undersökning', 'Tandhygienistbesök', 'Akuttid', 'Blekning']);
  });

  it('filters treatments by clinic and clinics by treatment', () => {
    expect(treatmentsAtClinic(catalog, IDS.kungsholmen).map((t) => t.id)).toEqual([IDS.checkup, IDS.hygienist, IDS.whitening]);
    expect(treatmentsAtClinic(catalog, 'nowhere')).toEqual([]);
    expect(clinicsOfferingTreatment(catalog, IDS.checkup).map((c) => c.id)).toEqual([IDS.kungsholmen, IDS.oslo]);
  });

  it('lists the practitioners and offers of one treatment at one clinic', () => {
    expect(practitionersFor(catalog, IDS.kungsholmen, IDS.hygienist).map((p) => p.name)).toEqual(['Tandhygienist Elin Berg', 'Tandläkare Omar Haddad']);
    expect(offersFor(catalog, IDS.kungsholmen, IDS.hygienist).map((o) => o.id)).toEqual(['offer-1', 'offer-3']);
    expect(offersFor(catalog, IDS.oslo, IDS.hygienist)).toEqual([]);
  });

  it('finds a clinic by id, url placeholder or name', () => {
    expect(findClinic(catalog, IDS.oslo)?.id).toBe(IDS.oslo);
    expect(findClinic(catalog, 'bjorvika')?.id).toBe(IDS.oslo);
    expect(findClinic(catalog, 'Acme Tandvård Södermalm')?.id).toBe(IDS.sodermalm);
    expect(findClinic(catalog, 'acme tandvard sodermalm')?.id).toBe(IDS.sodermalm);
    expect(findClinic(catalog, '')).toBeUndefined();
    expect(findClinic(catalog, 'Göteborg')).toBeUndefined();
  });

  it('finds a treatment by id, system|code, code or title', () => {
    expect(findTreatment(catalog, IDS.whitening)?.title).toBe('Blekning');
    expect(findTreatment(catalog, `${SYSTEM.serviceTypeId}|hyg45`)?.id).toBe(IDS.hygienist);
    expect(findTreatment(catalog, 'undersokning')?.id).toBe(IDS.checkup);
    expect(findTreatment(catalog, 'Tandhygienistbesök')?.id).toBe(IDS.hygienist);
    expect(findTreatment(catalog, 'tandhygienistbesok')?.id).toBe(IDS.hygienist);
    expect(findTreatment(catalog, 'nothing')).toBeUndefined();
  });

  it('searches clinics by name, city and area, ignoring case and accents', () => {
    const clinics = listClinics(catalog);
    expect(searchClinics(clinics, 'bjorvika').map((c) => c.id)).toEqual([IDS.oslo]);
    expect(searchClinics(clinics, 'SÖDER').map((c) => c.id)).toEqual([IDS.sodermalm]);
    expect(searchClinics(clinics, 'stockholm').map((c) => c.id)).toEqual([IDS.kungsholmen, IDS.sodermalm]);
    expect(searchClinics(clinics, 'sentrum').map((c) => c.id)).toEqual([IDS.oslo]);
    expect(searchClinics(clinics, 'acme stockholm').map((c) => c.id)).toEqual([IDS.kungsholmen, IDS.sodermalm]);
    expect(searchClinics(clinics, '  ')).toHaveLength(3);
    expect(searchClinics(clinics, 'bergen')).toEqual([]);
  });

  it('folds Nordic letters for search', () => {
    expect(normalizeForSearch('Ærøskøbing Åre Mälarhöjden')).toBe('aeroskobing are malarhojden');
  });

  it('maps countries to time zones', () => {
    expect(timeZoneForCountry('SE', 'UTC')).toBe('Europe/Stockholm');
    expect(timeZoneForCountry('no', 'UTC')).toBe('Europe/Oslo');
    expect(timeZoneForCountry('DK', 'UTC')).toBe('Europe/Copenhagen');
    expect(timeZoneForCountry('FI', 'UTC')).toBe('Europe/Helsinki');
    expect(timeZoneForCountry('DE', 'UTC')).toBe('UTC');
    expect(timeZoneForCountry(undefined, 'Europe/Oslo')).toBe('Europe/Oslo');
  });
});

describe('indexOffersContext: fuzz', () => {
  const onlyDataErrors = (input: unknown) => {
    try {
      const catalog = indexOffersContext(input);
      listClinics(catalog);
      listTreatments(catalog);
      for (const clinic of catalog.clinics.values()) treatmentsAtClinic(catalog, clinic.id);
      searchClinics(listClinics(catalog), 'a');
    } catch (error) {
      expect(error).toBeInstanceOf(ItbDataError);
    }
  };

  it('never throws anything but ItbDataError on arbitrary JSON', () => {
    fc.assert(fc.property(fc.jsonValue(), onlyDataErrors), { numRuns: 200 });
  });

  it('never throws on Bundles of arbitrary resources of the expected types', () => {
    const resource = fc.record({
      resourceType: fc.constantFrom('Parameters', 'HealthcareService', 'ActivityDefinition', 'PractitionerRole', 'Location'),
      id: fc.option(fc.string(), { nil: undefined }),
    }, { requiredKeys: ['resourceType'] }).chain((base) => fc.dictionary(fc.constantFrom(
      'parameter', 'contained', 'extension', 'location', 'telecom', 'photo', 'code', 'practitioner', 'healthcareService',
      'availableTime', 'providedBy', 'title', 'name', 'active', 'part', 'address', 'partOf', 'physicalType',
    ), fc.jsonValue()).map((extra) => ({ ...extra, ...base })));
    fc.assert(fc.property(fc.array(fc.record({ fullUrl: fc.option(fc.string(), { nil: undefined }), resource }), { maxLength: 8 }), (entry) => {
      onlyDataErrors({ resourceType: 'Bundle', entry });
    }), { numRuns: 200 });
  });

  it('survives mutations of the realistic fixture', () => {
    const paths = fc.array(fc.nat(), { minLength: 1, maxLength: 6 });
    fc.assert(fc.property(paths, fc.jsonValue(), (path, value) => {
      const bundle = offersContextBundle() as unknown;
      let node = bundle;
      for (const step of path.slice(0, -1)) {
        if (typeof node !== 'object' || node === null) break;
        const keys = Object.keys(node);
        if (keys.length === 0) break;
        node = (node as Record<string, unknown>)[keys[step % keys.length] ?? ''];
      }
      if (typeof node === 'object' && node !== null) {
        const keys = Object.keys(node);
        if (keys.length > 0) (node as Record<string, unknown>)[keys[(path.at(-1) ?? 0) % keys.length] ?? ''] = value;
      }
      onlyDataErrors(bundle);
    }), { numRuns: 200 });
  });
});
