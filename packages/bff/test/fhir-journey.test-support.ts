/**
 * A partner's view of the BFF's FHIR endpoint (issue 21): a sandbox and one listening BFF with a
 * campaign code configured, a patient signed in through the real login, and the walk through every
 * FHIR answer the BFF serves along a booking journey — the catalog (`$get-offers-context` at every
 * level, the three searches and reads), `$find` (one practitioner and any practitioner), `$book`,
 * the patient's own appointments and Patient, OperationOutcomes of a few refusals, and
 * `/fhir/metadata` with its OperationDefinitions where the BFF serves them. Shared by the fullUrl,
 * validator and FHIR-client suites. Not part of the build.
 * @module
 */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BFF_ROUTES, CAMPAIGN_PARAM, FIND_ELEMENTS, OFFERS_CONTEXT_ELEMENTS, indexOffersContext, type Appointment, type Bundle, type Resource } from '@itb/shared';
import { PERSON, STOCKHOLM_ANNA, createBody, findTimes, postBook } from './booking-fixtures.test-support.js';
import { createPatientClient, type PatientClient, type ResponseLog } from './patient-client.test-support.js';
import { signInPatient, startPatientEnv, type PatientEnv } from './patient-env.test-support.js';

/** The campaign code the journey's BFF knows; it unlocks the sandbox's SPRING26 treatment. */
export const PARTNER_CAMPAIGN = 'PARTNER26';
/** The seeded campaign-only treatment. */
export const CAMPAIGN_TREATMENT = 'ad-spring-check-45';
/** Every include flag of `$get-offers-context`. */
export const ALL_INCLUDES = 'includeActivityDefinitionPortal=true&includeHealthcareServicePortal=true&includePractitionerRolePortal=true';

const DAY_MS = 86_400_000;

/** One answer the BFF served: where from, with which status, and the parsed body. */
export interface Served {
  /** What the journey asked for, e.g. `catalog: $get-offers-context (all includes)`. */
  readonly label: string;
  /** The path under the BFF that was requested. */
  readonly path: string;
  readonly status: number;
  readonly contentType: string | null;
  readonly body: Resource;
}

/** The environment of a partner-view suite. */
export interface FhirJourneyEnv {
  readonly env: PatientEnv;
  /** The BFF's FHIR base as partners call it, e.g. `http://localhost:41234/fhir`. */
  readonly fhirBase: string;
  /** A signed-in patient (Alva). */
  readonly patient: PatientClient;
  /** A client with no session. */
  readonly anonymous: PatientClient;
  close(): Promise<void>;
}

/**
 * Start the sandbox and a BFF that knows {@link PARTNER_CAMPAIGN}, and sign Alva in. `strict`
 * makes the sandbox write profile-conformant data instead of live ITB's dialect (spec §13).
 */
export async function startFhirJourneyEnv(options: { readonly env?: Readonly<Record<string, string>>; readonly strict?: boolean; readonly extraPorts?: number } = {}): Promise<FhirJourneyEnv> {
  const file = join(mkdtempSync(join(tmpdir(), 'itb-fhir-journey-')), 'campaigns.json');
  writeFileSync(file, JSON.stringify([{ code: PARTNER_CAMPAIGN, tag: 'SPRING26' }]));
  const started = await startPatientEnv({
    env: { ITB_CAMPAIGNS_FILE: file, ITB_RATE_LIMIT_BOOK_PER_MINUTE: '1000', ...options.env },
    ...(options.strict === undefined ? {} : { sandbox: { strict: options.strict } }),
    ...(options.extraPorts === undefined ? {} : { extraPorts: options.extraPorts }),
  });
  const log: ResponseLog = [];
  const patient = await signInPatient(started, PERSON.alva, log, []);
  return {
    env: started,
    fhirBase: `${started.bff.baseUrl}/fhir`,
    patient,
    anonymous: createPatientClient(started.bff.baseUrl, log),
    close: () => started.close(),
  };
}

/** GET `path` (under the BFF) with `client` and keep the answer. */
async function served(client: PatientClient, label: string, path: string, init?: RequestInit & { csrf?: boolean; origin?: string | null }): Promise<Served> {
  const { response, text } = await client.request(path, init);
  return { label, path, status: response.status, contentType: response.headers.get('content-type'), body: JSON.parse(text) as Resource };
}

/** The `{system}|{code}` of a treatment, read through the BFF. */
export async function visitTypeOf(client: PatientClient, treatmentId: string): Promise<string> {
  const read = await client.json<{ code?: { coding?: { system?: string; code?: string }[] } }>(`fhir/ActivityDefinition/${treatmentId}`);
  const coding = read.body.code?.coding?.[0];
  return `${coding?.system ?? ''}|${coding?.code ?? ''}`;
}

/** The query of a `$find` over the next week from `now` (3 to 10 days ahead). */
export function findWindow(now: Date = new Date()): string {
  return new URLSearchParams({
    start: new Date(now.getTime() + 3 * DAY_MS).toISOString(),
    end: new Date(now.getTime() + 10 * DAY_MS).toISOString(),
  }).toString();
}

/**
 * POST an operation the way a FHIR client does (a `Parameters` body, application/fhir+json), with
 * no CSRF header or Origin: read-only operations take JSON bodies without them.
 */
function postOperation(client: PatientClient, label: string, path: string, parameter: readonly Record<string, unknown>[]): Promise<Served> {
  return served(client, label, path, {
    method: 'POST', csrf: false, origin: null,
    headers: { 'content-type': 'application/fhir+json', accept: 'application/fhir+json' },
    body: JSON.stringify({ resourceType: 'Parameters', parameter }),
  });
}

const ALL_INCLUDE_PARAMETERS = ['includeActivityDefinitionPortal', 'includeHealthcareServicePortal', 'includePractitionerRolePortal']
  .map((name) => ({ name, valueBoolean: true }));

/** The catalog answers: offers context at every level and in both forms (with and without includes, with a campaign code), searches (whole and paged) and reads. */
export async function catalogAnswers(client: PatientClient): Promise<Served[]> {
  const { clinic, role, treatment } = STOCKHOLM_ANNA;
  return Promise.all([
    postOperation(client, 'catalog: POST $get-offers-context (all includes)', 'fhir/$get-offers-context', ALL_INCLUDE_PARAMETERS),
    postOperation(client, 'catalog: POST HealthcareService/$get-offers-context (all includes, campaign code)', `fhir/HealthcareService/${clinic}/$get-offers-context`,
      [...ALL_INCLUDE_PARAMETERS, { name: 'campaign', valueString: PARTNER_CAMPAIGN }]),
    served(client, 'catalog: PractitionerRole search, paged (_count=3, second page)', 'fhir/PractitionerRole?_count=3&_offset=3'),
    served(client, 'catalog: $get-offers-context', 'fhir/$get-offers-context'),
    served(client, 'catalog: $get-offers-context (all includes)', `fhir/$get-offers-context?${ALL_INCLUDES}`),
    served(client, 'catalog: $get-offers-context (all includes, campaign code)', `fhir/$get-offers-context?${ALL_INCLUDES}&campaign=${PARTNER_CAMPAIGN}`),
    served(client, 'catalog: HealthcareService/$get-offers-context', `fhir/HealthcareService/${clinic}/$get-offers-context?${ALL_INCLUDES}`),
    served(client, 'catalog: PractitionerRole/$get-offers-context', `fhir/PractitionerRole/${role}/$get-offers-context?${ALL_INCLUDES}`),
    served(client, 'catalog: ActivityDefinition/$get-offers-context', `fhir/ActivityDefinition/${treatment}/$get-offers-context?${ALL_INCLUDES}`),
    served(client, 'catalog: HealthcareService search', 'fhir/HealthcareService'),
    served(client, 'catalog: PractitionerRole search', 'fhir/PractitionerRole'),
    served(client, 'catalog: PractitionerRole search by service', `fhir/PractitionerRole?service=HealthcareService/${clinic}`),
    served(client, 'catalog: ActivityDefinition search', 'fhir/ActivityDefinition'),
    served(client, 'catalog: ActivityDefinition search (campaign code)', `fhir/ActivityDefinition?campaign=${PARTNER_CAMPAIGN}`),
    served(client, 'catalog: HealthcareService read', `fhir/HealthcareService/${clinic}`),
    served(client, 'catalog: PractitionerRole read', `fhir/PractitionerRole/${role}`),
    served(client, 'catalog: ActivityDefinition read', `fhir/ActivityDefinition/${treatment}`),
    served(client, 'catalog: campaign ActivityDefinition read (campaign code)', `fhir/ActivityDefinition/${CAMPAIGN_TREATMENT}?campaign=${PARTNER_CAMPAIGN}`),
  ]);
}

/** `$find` for one practitioner and for any practitioner at the clinic. */
export async function findAnswers(client: PatientClient, now: Date = new Date()): Promise<Served[]> {
  const { clinic, role, treatment } = STOCKHOLM_ANNA;
  const visitType = encodeURIComponent(await visitTypeOf(client, treatment));
  const window = new URLSearchParams(findWindow(now));
  return Promise.all([
    served(client, '$find: one practitioner', `fhir/Appointment/$find?${findWindow(now)}&visit-type=${visitType}&healthcareService=HealthcareService/${clinic}&practitionerRole=PractitionerRole/${role}`),
    served(client, '$find: any practitioner', `fhir/Appointment/$find?${findWindow(now)}&visit-type=${visitType}&healthcareService=HealthcareService/${clinic}`),
    postOperation(client, '$find: POST, any practitioner', 'fhir/Appointment/$find', [
      { name: 'start', valueDateTime: window.get('start') },
      { name: 'end', valueDateTime: window.get('end') },
      { name: 'visit-type', valueString: decodeURIComponent(visitType) },
      { name: 'healthcareService', valueReference: { reference: `HealthcareService/${clinic}` } },
    ]),
  ]);
}

/**
 * A path under the BFF built as the widget's `BffClient.url` builds it: the route from BFF_ROUTES
 * and the query through URLSearchParams, leaving out what the widget leaves out (undefined).
 */
function widgetPath(route: string, query: Readonly<Record<string, string | undefined>>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value !== undefined) params.append(key, value);
  return `${route.slice(1)}?${params.toString()}`;
}

/**
 * The catalog and `$find` asked exactly as the widget asks (packages/widget/src/bff-client.ts:
 * `offersContext` and `find`, with its `_elements` from shared/contract), without and with the
 * campaign code a patient may hold, each `$find` with the visit type the widget reads from the
 * subsetted catalog: subsetted answers, which must still be valid R4 (mandatory and modifier
 * elements kept, tagged SUBSETTED).
 */
export async function widgetElementAnswers(client: PatientClient, now: Date = new Date()): Promise<Served[]> {
  const { clinic, role, treatment } = STOCKHOLM_ANNA;
  const window = new URLSearchParams(findWindow(now));
  const offersContext = (label: string, campaign?: string) => served(client, label, widgetPath(BFF_ROUTES.offersContext, {
    includeActivityDefinitionPortal: 'true',
    includeHealthcareServicePortal: 'true',
    includePractitionerRolePortal: 'true',
    _elements: OFFERS_CONTEXT_ELEMENTS,
    [CAMPAIGN_PARAM]: campaign,
  }));
  const [catalog, campaignCatalog] = await Promise.all([
    offersContext('widget: $get-offers-context (all includes, _elements)'),
    offersContext('widget: $get-offers-context (all includes, _elements, campaign code)', PARTNER_CAMPAIGN),
  ]);
  const find = (label: string, from: Served, treatmentId: string, practitionerRoleId?: string, campaign?: string) => {
    const offer = indexOffersContext(from.body).offers
      .find((o) => o.clinicId === clinic && o.practitionerRoleId === role && o.treatmentId === treatmentId);
    if (offer?.visitType === undefined) throw new Error(`${from.label}: no visit type for ${treatmentId} with ${role} at ${clinic}`);
    return served(client, label, widgetPath(BFF_ROUTES.find, {
      start: window.get('start') ?? undefined,
      end: window.get('end') ?? undefined,
      'visit-type': offer.visitType,
      healthcareService: `HealthcareService/${clinic}`,
      practitionerRole: practitionerRoleId === undefined ? undefined : `PractitionerRole/${practitionerRoleId}`,
      _elements: FIND_ELEMENTS,
      [CAMPAIGN_PARAM]: campaign,
    }));
  };
  return [catalog, campaignCatalog, ...await Promise.all([
    find('widget: $find any practitioner (_elements)', catalog, treatment),
    find('widget: $find one practitioner (_elements)', catalog, treatment, role),
    find('widget: $find campaign treatment, one practitioner (_elements, campaign code)', campaignCatalog, CAMPAIGN_TREATMENT, role, PARTNER_CAMPAIGN),
  ])];
}

/** Book a time as the signed-in patient, then read the patient's appointments, the booking and Patient/me. */
export async function bookingAnswers(patient: PatientClient, pickIndex = 0): Promise<Served[]> {
  const times = await findTimes(patient, STOCKHOLM_ANNA);
  const time = times[pickIndex % Math.max(1, times.length)];
  if (time === undefined) throw new Error('no free time to book');
  const booked = await postBook(patient, createBody(time));
  if (booked.status !== 200) throw new Error(`$book answered ${booked.status}: ${JSON.stringify(booked.body)}`);
  const appointment = (booked.body.entry ?? []).map((e) => e.resource).find((r): r is Appointment => r?.resourceType === 'Appointment');
  const book: Served = { label: '$book: create', path: 'fhir/Appointment/$book', status: booked.status, contentType: booked.headers.get('content-type'), body: booked.body as Resource };
  return [
    book,
    await served(patient, 'own appointments: search', 'fhir/Appointment'),
    await served(patient, 'own appointments: read', `fhir/Appointment/${encodeURIComponent(appointment?.id ?? '')}`),
    await served(patient, 'Patient/me', 'fhir/Patient/me'),
  ];
}

/** OperationOutcomes of refusals a partner meets: a missing parameter, a malformed body, no session, no such resource, an offline offer, XML, a form body. */
export async function refusalAnswers(patient: PatientClient, anonymous: PatientClient): Promise<Served[]> {
  const json = { 'content-type': 'application/fhir+json', 'idempotency-key': 'journey-refusal-1' };
  return Promise.all([
    served(anonymous, 'refusal: $find without start', `fhir/Appointment/$find?end=2030-01-02&practitionerRole=PractitionerRole/${STOCKHOLM_ANNA.role}`),
    served(anonymous, 'refusal: unknown HealthcareService', 'fhir/HealthcareService/hs-nowhere'),
    served(anonymous, 'refusal: no such route', 'fhir/Nothing'),
    served(anonymous, 'refusal: $book without a session', 'fhir/Appointment/$book', { method: 'POST', headers: json, body: '{}' }),
    served(patient, 'refusal: $book with malformed JSON', 'fhir/Appointment/$book', { method: 'POST', headers: json, body: '{"resourceType":' }),
    served(patient, 'refusal: $book with a wrong body field', 'fhir/Appointment/$book', { method: 'POST', headers: json, body: JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 5 }] }) }),
    served(anonymous, 'refusal: $find at an offline offer', `fhir/Appointment/$find?${findWindow()}&practitionerRole=PractitionerRole/pr-silje-moen-brg`),
    served(anonymous, 'refusal: XML asked for', 'fhir/HealthcareService', { headers: { accept: 'application/fhir+xml' } }),
    served(anonymous, 'refusal: POST $find with a form body', 'fhir/Appointment/$find', {
      method: 'POST', csrf: false, origin: null, headers: { 'content-type': 'text/plain' }, body: 'start=2030-01-01',
    }),
  ]);
}

/**
 * `/fhir/metadata` and every OperationDefinition it names, or nothing while the BFF has no such
 * route (a 404 OperationOutcome answers it).
 */
export async function capabilityAnswers(client: PatientClient): Promise<Served[]> {
  const metadata = await served(client, 'metadata', 'fhir/metadata');
  if (metadata.status === 404) return [];
  const operations = ((metadata.body as { rest?: { resource?: { operation?: { definition?: string }[] }[]; operation?: { definition?: string }[] }[] }).rest ?? [])
    .flatMap((rest) => [...(rest.operation ?? []), ...(rest.resource ?? []).flatMap((r) => r.operation ?? [])])
    .map((operation) => operation.definition)
    .filter((definition): definition is string => typeof definition === 'string');
  const reads = [...new Set(operations)].map((definition) => {
    const id = definition.slice(definition.lastIndexOf('/') + 1).split('|')[0] ?? '';
    return served(client, `OperationDefinition/${id}`, `fhir/OperationDefinition/${encodeURIComponent(id)}`);
  });
  return [metadata, ...await Promise.all(reads)];
}

/** Every resource of an answer: the body and, for a Bundle, each entry's resource, with where it sits. */
export function resourcesIn(answer: Served): { readonly at: string; readonly fullUrl?: string; readonly resource: Resource }[] {
  const body = answer.body;
  if (body.resourceType !== 'Bundle') return [{ at: body.resourceType, resource: body }];
  return [
    { at: 'Bundle', resource: body },
    ...((body as Bundle).entry ?? []).flatMap((entry, index) => (entry.resource === undefined
      ? []
      : [{ at: `Bundle.entry[${index}].resource`, ...(entry.fullUrl === undefined ? {} : { fullUrl: entry.fullUrl }), resource: entry.resource as Resource }])),
  ];
}
