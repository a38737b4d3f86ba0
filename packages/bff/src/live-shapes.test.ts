/**
 * The live ITB shapes of spec §13 (items 1, 2, 28–32) through the BFF, against the sandbox in its
 * default (live) dialect: colon ids on bookings, inactive clinics, upstream addresses under other
 * bases, non-free `$find` entries, and offers whose treatment is not in the bundle.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { indexOffersContext, offerBookability, type Appointment, type Bundle } from '@itb/shared';
import {
  PERSON, STOCKHOLM_ANNA, appointmentOf, bookParameters, createBody, findTimes, freeTimePicker, postBook, reasonOf, type Offer,
} from '../test/booking-fixtures.test-support.js';
import type { PatientClient, ResponseLog } from '../test/patient-client.test-support.js';
import { signInPatient, startPatientEnv, type PatientEnv } from '../test/patient-env.test-support.js';
import { captureLog } from '../test/log-capture.test-support.js';
import type { PatientSession } from './plugins/session.js';

const UPPSALA = 'hs-uppsala-closed';
const ERIK_VIK = 'pr-erik-vik-upp';
const IMPLANT = 'ad-implant-consult-30';
const BRIDGE = 'ad-bridge-consult-30';
const ALL = 'includeActivityDefinitionPortal=true&includeHealthcareServicePortal=true&includePractitionerRolePortal=true';

const { stream: capture, lines } = captureLog();
const log: ResponseLog = [];
const sessions: PatientSession[] = [];
let env: PatientEnv;
let alva: PatientClient;
let erik: PatientClient;
const pick = freeTimePicker();

beforeAll(async () => {
  env = await startPatientEnv({ logger: { level: 'info', stream: capture }, env: { ITB_RATE_LIMIT_BOOK_PER_MINUTE: '1000' } });
  alva = await signInPatient(env, PERSON.alva, log, sessions);
  erik = await signInPatient(env, PERSON.erik, log, sessions);
});
afterAll(() => env?.close());

/** A free time nobody else in this file has taken yet. */
const freeTime = (offer?: Offer): Promise<Appointment> => pick(alva, offer);

const auditLines = (from: number) => lines.slice(from).map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line['logger'] === 'audit');

describe('ids with ":" on bookings (spec §13.1, §13.28)', () => {
  it('reads, reschedules and cancels a booking whose id has colons, and audits it by that id', async () => {
    const from = lines.length;
    const booked = appointmentOf((await postBook(alva, createBody(await freeTime()))).body);
    expect(booked.id).toContain(':');
    const id = encodeURIComponent(booked.id ?? '');

    const read = await alva.json<Appointment>(`fhir/Appointment/${id}`);
    expect([read.status, read.body.id]).toEqual([200, booked.id]);
    // Someone else's colon id is as missing as a made-up one, and nothing of it is shown.
    const foreign = await erik.json(`fhir/Appointment/${id}`);
    expect([foreign.status, reasonOf(foreign.body)]).toEqual([404, 'not-found']);

    const later = await freeTime();
    const moved = await postBook(alva, bookParameters({ ...booked, status: 'booked', start: later.start, end: later.end, identifier: later.identifier }));
    expect(moved.status).toBe(200);
    expect(appointmentOf(moved.body)).toMatchObject({ id: booked.id, start: later.start });

    const cancelled = await postBook(alva, bookParameters({ ...appointmentOf(moved.body), status: 'cancelled' }));
    expect([cancelled.status, appointmentOf(cancelled.body).status]).toEqual([200, 'cancelled']);
    expect(auditLines(from).map((line) => [line['action'], line['outcome'], line['appointmentId']])).toEqual([
      ['book', 'success', booked.id], ['modify', 'success', booked.id], ['cancel', 'success', booked.id],
    ]);
  });

  it('answers its own booking fullUrls', async () => {
    const answer = await postBook(alva, createBody(await freeTime()));
    const fullUrl = answer.body.entry?.[0]?.fullUrl ?? '';
    expect(fullUrl.startsWith(`${env.bff.baseUrl}/fhir/Appointment/`)).toBe(true);
    expect((await alva.json<Appointment>(fullUrl)).body.id).toBe(appointmentOf(answer.body).id);
  });

  it('refuses an id that could leave its path segment before anything goes upstream', async () => {
    env.sandbox.knobs.resetCounts();
    for (const bad of ['..%2Fx', 'a%20b', 'x'.repeat(129)]) expect((await alva.json(`fhir/Appointment/${bad}`)).status).toBe(400);
    expect(env.sandbox.knobs.requestCount('Appointment')).toBe(0);
  });
});

describe('inactive clinics (spec §13.29)', () => {
  it('are not in anything the catalog routes serve', async () => {
    const served = await Promise.all([
      `fhir/$get-offers-context?${ALL}`, 'fhir/$get-offers-context', 'fhir/HealthcareService', `fhir/PractitionerRole?service=HealthcareService/${UPPSALA}`,
      'fhir/PractitionerRole', `fhir/ActivityDefinition/ad-examination-30/$get-offers-context?${ALL}`,
    // A search's links repeat the request's own parameters (service=…/{UPPSALA}); the answer's data must not name them.
    ].map(async (path) => ({ path, text: JSON.stringify({ ...JSON.parse((await alva.request(path)).text) as object, link: undefined }) })));
    for (const { path, text } of served) {
      expect(text.includes(UPPSALA), path).toBe(false);
      expect(text.includes(ERIK_VIK), path).toBe(false);
    }
    for (const path of [`fhir/HealthcareService/${UPPSALA}`, `fhir/PractitionerRole/${ERIK_VIK}`]) {
      const answer = await alva.json(path);
      expect([answer.status, reasonOf(answer.body)], path).toEqual([404, 'not-found']);
    }
    const context = await alva.json<Bundle>(`fhir/HealthcareService/${UPPSALA}/$get-offers-context`);
    expect(context.body.entry ?? []).toEqual([]);
  });

  it('are refused by $find and $book with clinic-inactive, nothing sent upstream', async () => {
    const week = `start=${new Date(Date.now() + 2 * 86_400_000).toISOString()}&end=${new Date(Date.now() + 9 * 86_400_000).toISOString()}`;
    const template = await freeTime();
    env.sandbox.knobs.resetCounts();
    const byClinic = await alva.json(`fhir/Appointment/$find?${week}&healthcareService=HealthcareService/${UPPSALA}&practitionerRole=PractitionerRole/${ERIK_VIK}`);
    const byPractitioner = await alva.json(`fhir/Appointment/$find?${week}&practitionerRole=PractitionerRole/${ERIK_VIK}`);
    for (const answer of [byClinic, byPractitioner]) expect([answer.status, reasonOf(answer.body)]).toEqual([422, 'clinic-inactive']);
    expect(env.sandbox.knobs.requestCount('$find')).toBe(0);

    const there: Appointment = {
      ...template,
      participant: [
        { actor: { type: 'HealthcareService', reference: `HealthcareService/${UPPSALA}` }, status: 'accepted' },
        { actor: { type: 'PractitionerRole', reference: `PractitionerRole/${ERIK_VIK}` }, status: 'accepted' },
      ],
    };
    const book = await postBook(alva, createBody(there));
    expect([book.status, reasonOf(book.body)]).toEqual([422, 'clinic-inactive']);
    expect(env.sandbox.knobs.requestCount('$book')).toBe(0);
  });
});

describe('upstream addresses never reach the browser (spec §13.31)', () => {
  /** Every fullUrl, reference and link url in a JSON text. */
  function addressesIn(text: string): { field: string; value: string }[] {
    return [...text.matchAll(/"(fullUrl|reference|url)":"([^"]*)"/g)].map((m) => ({ field: m[1] as string, value: m[2] as string }));
  }

  it('rewrites fullUrls, references and links in every FHIR answer, and leaves links for people alone', async () => {
    const booked = await postBook(alva, createBody(await freeTime()));
    const texts = [
      (await alva.request(`fhir/$get-offers-context?${ALL}`)).text,
      (await alva.request('fhir/HealthcareService')).text,
      (await alva.request('fhir/PractitionerRole/pr-elin-holm-sto')).text,
      (await alva.request('fhir/Appointment')).text,
      (await alva.request('fhir/Patient/me')).text,
      JSON.stringify(booked.body),
      JSON.stringify(await findTimes(alva, STOCKHOLM_ANNA)),
    ];
    const upstream = new URL(env.sandbox.fhirBase);
    for (const text of texts) {
      for (const leak of [upstream.host, '[[baseurl]]', 'example.com/fhir', 'wellonfhir', '/portal/fhir']) expect(text).not.toContain(leak);
      for (const { field, value } of addressesIn(text)) {
        if (field === 'fullUrl') expect(value).toMatch(new RegExp(`^(urn:uuid:|${env.bff.baseUrl}/fhir/)`));
        // The one absolute reference: a practitioner photo's Binary, served by the BFF itself (routes/photos.ts).
        if (field === 'reference' && !value.startsWith(`${env.bff.baseUrl}/photos/practitioner/`)) expect(value).toMatch(/^(#|urn:|[A-Z][A-Za-z]+\/[^/]+$|[A-Z][A-Za-z]+\/#)/);
      }
    }
    // A clinic's web address for people (its external-booking page) is data, not an upstream link.
    expect(texts[0]).toContain('https://boka.example.invalid/fjordvik-hisingen');
  });

  it('re-bases a Bundle link on the BFF', async () => {
    // The live dialect links each $find answer to itself under the old /portal/fhir path.
    const { catalog } = await env.bff.app.catalogSource.systemCatalog();
    expect(catalog.clinics.size).toBeGreaterThan(0);
    const text = env.bff.app.publicLinks.toJson({ resourceType: 'Bundle', link: [
      { relation: 'self', url: 'https://api.wellonfhir.se/acme/1.0/R4/portal/fhir/Appointment/$find?practitionerRole=PractitionerRole/pr-1' },
      { relation: 'next', url: 'https://clinic.example/' },
    ] });
    expect(JSON.parse(text).link).toEqual([{ relation: 'self', url: `${env.bff.baseUrl}/fhir/Appointment/$find?practitionerRole=PractitionerRole/pr-1` }]);
  });
});

describe('only free times are offered (spec §13.30)', () => {
  it('leaves booked and cancelled entries, and their patients, out of $find', async () => {
    const offer: Offer = { clinic: 'hs-stockholm-city', role: 'pr-elin-holm-sto', treatment: 'ad-hygiene-45' };
    const offered = await findTimes(alva, offer, new Date(), 4, 6);
    const first = offered[0];
    const second = offered.find((t) => Date.parse(t.start ?? '') >= Date.parse(first?.end ?? ''));
    if (first === undefined || second === undefined) throw new Error('no free times');
    const kept = appointmentOf((await postBook(alva, createBody(first))).body);
    const dropped = appointmentOf((await postBook(alva, createBody(second))).body);
    await postBook(alva, bookParameters({ ...dropped, status: 'cancelled' }));
    // Upstream lists both bookings, with Alva as their patient, among the free times.
    const times = await findTimes(erik, offer, new Date(), 4, 6);
    expect(times.length).toBeGreaterThan(0);
    expect(times.every((t) => t.status === 'proposed')).toBe(true);
    expect(times.some((t) => t.start === first.start)).toBe(false);
    expect(JSON.stringify(times)).not.toContain(PERSON.alva);
    expect(JSON.stringify(times)).not.toContain(kept.id);
  });
});

describe('offers whose treatment is not in the bundle (spec §13.32)', () => {
  it('searches the ones a bookingUrl names the treatment of, and marks the unnamed one not bookable', async () => {
    const served = await alva.json<Bundle>(`fhir/$get-offers-context?${ALL}`);
    const catalog = indexOffersContext(served.body);
    const implant = catalog.offers.filter((o) => o.treatmentId === IMPLANT);
    const stockholm = implant.find((o) => o.clinicId === 'hs-stockholm-city');
    // Oslo's offer names the implant consultation by nothing; the Swedish offer's bookingUrl does.
    const oslo = implant.find((o) => o.clinicId === 'hs-oslo-sentrum');
    const bridge = catalog.offers.find((o) => o.treatmentId === BRIDGE);
    expect(stockholm?.visitType).toMatch(/\|implantat$/);
    expect(oslo?.visitType).toBe(stockholm?.visitType);
    expect(offerBookability(stockholm!)).toEqual({ bookable: true });
    expect(offerBookability(bridge!)).toEqual({ bookable: false, reason: 'treatment-unresolved' });

    const week = `start=${new Date(Date.now() + 2 * 86_400_000).toISOString()}&end=${new Date(Date.now() + 9 * 86_400_000).toISOString()}`;
    const any = await alva.json<Bundle>(`fhir/Appointment/$find?${week}&healthcareService=HealthcareService/hs-stockholm-city&visit-type=${encodeURIComponent(stockholm!.visitType!)}`);
    expect(any.status).toBe(200);
    expect((any.body.entry ?? []).filter((e) => e.resource?.resourceType === 'Appointment').length).toBeGreaterThan(0);
  });

  it('never sends a $find with an empty visit-type', async () => {
    env.sandbox.knobs.resetCounts();
    const week = `start=${new Date(Date.now() + 2 * 86_400_000).toISOString()}&end=${new Date(Date.now() + 9 * 86_400_000).toISOString()}`;
    const empty = await alva.json(`fhir/Appointment/$find?${week}&healthcareService=HealthcareService/hs-oslo-sentrum&visit-type=`);
    expect([empty.status, reasonOf(empty.body)]).toEqual([400, 'invalid-parameter']);
    expect(env.sandbox.knobs.requestCount('$find')).toBe(0);
  });
});

describe('what already worked stays working (spec §13)', () => {
  it('books a $find time with seven fractional-second digits and a status-less participant, sending only the current $book parameter names', async () => {
    const time = await freeTime();
    // The live dialect writes .NET instants and an ActivityDefinition participant without status (§13.9).
    expect(time.start).toMatch(/\.\d{7}\+00:00$/);
    expect(time.participant?.some((p) => p.status === undefined)).toBe(true);
    env.sandbox.knobs.resetCounts();
    const booked = await postBook(alva, createBody(time));
    expect(booked.status).toBe(200);
    expect(Date.parse(appointmentOf(booked.body).start ?? '')).toBe(Date.parse(time.start ?? ''));
    expect(env.sandbox.knobs.requestCount('"appointment-resource"')).toBe(1);
    expect(env.sandbox.knobs.requestCount('"patient-resource"')).toBe(1);
    expect(env.sandbox.knobs.requestCount('appointment-reference')).toBe(0);
  });

  it('reads rules under the live https wof-portal URLs and the Organization/#id reference of the served catalog', async () => {
    const served = await alva.request(`fhir/$get-offers-context?${ALL}`);
    expect(served.text).toContain('https://canonical.fhir.link/servicewell/wof-portal/StructureDefinition/ext-booking-rules');
    expect(served.text).toContain('"reference":"Organization/#org"');
    const catalog = indexOffersContext(JSON.parse(served.text));
    expect(catalog.clinics.get('hs-stockholm-city')?.bookingRules.minimumAdvanceBookingMinutes).toBe(60);
    expect(catalog.clinics.get('hs-goteborg-centrum')?.name).toBe('Fjordvik Tandvård Göteborg Centrum');
  });

  it('signs in with a hyphenated personal number and finds the same patient\'s bookings', async () => {
    const hyphenated = await signInPatient(env, `${PERSON.alva.slice(0, 8)}-${PERSON.alva.slice(8)}`, log, sessions);
    const mine = await hyphenated.json<Bundle>('fhir/Appointment');
    expect(mine.status).toBe(200);
    expect((mine.body.entry ?? []).map((e) => e.resource?.id)).toContain('bk-seed-alva-past');
  });
});
