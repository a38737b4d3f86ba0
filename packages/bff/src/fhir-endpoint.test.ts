/**
 * The BFF as a FHIR endpoint a partner's own client can follow (issue 21, points 4 and 5), against a
 * listening BFF on the sandbox in its live dialect: every `fullUrl` of the catalog, `$find` and the
 * patient's own answers either is a `urn:uuid:` or answers 200 with that very resource (colon ids
 * included), urns are stable per content, and OperationOutcomes say what was wrong in our own
 * words with `expression` as FHIRPath.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutcome, type Bundle, type OperationOutcome, type Resource } from '@itb/shared';
import { STOCKHOLM_ANNA } from '../test/booking-fixtures.test-support.js';
import {
  ALL_INCLUDES, CAMPAIGN_TREATMENT, PARTNER_CAMPAIGN, bookingAnswers, catalogAnswers, findAnswers, findWindow, refusalAnswers, resourcesIn, startFhirJourneyEnv, visitTypeOf,
  type FhirJourneyEnv, type Served,
} from '../test/fhir-journey.test-support.js';

const URN_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
/** Sentences of zod and Fastify that must never reach a partner as diagnostics. */
const LIBRARY_WORDING = /Invalid input|expected \w+, received|Too (big|small)|Invalid option|Invalid string|Unrecognized key|Unsupported Media Type|Body is not valid JSON|content-type is set|Body cannot be empty/;
const FIND_BUNDLE_PROFILE = 'https://canonical.fhir.link/servicewell/wof-portal/StructureDefinition/portal-find-appointment-bundle';

let journey: FhirJourneyEnv;
beforeAll(async () => {
  journey = await startFhirJourneyEnv({ extraPorts: 1 });
});
afterAll(() => journey?.close());

/** Follow every fullUrl of `answers` with `read` (the client whose answer it was); returns what did not resolve. */
async function unresolved(answers: readonly Served[], read: (url: string) => Promise<{ status: number; body: unknown }>): Promise<string[]> {
  const problems: string[] = [];
  for (const answer of answers) {
    expect(answer.status, answer.label).toBe(200);
    const fullUrls = resourcesIn(answer).flatMap((r) => (r.fullUrl === undefined ? [] : [r.fullUrl]));
    expect(new Set(fullUrls).size, `${answer.label}: fullUrls are unique`).toBe(fullUrls.length);
    for (const { at, fullUrl, resource } of resourcesIn(answer)) {
      if (fullUrl === undefined) continue;
      if (fullUrl.startsWith('urn:')) {
        if (!URN_UUID.test(fullUrl)) problems.push(`${answer.label} ${at}: ${fullUrl} is not a urn:uuid`);
        continue;
      }
      if (!fullUrl.startsWith(`${journey.fhirBase}/`)) {
        problems.push(`${answer.label} ${at}: ${fullUrl} is not under the BFF`);
        continue;
      }
      const got = await read(fullUrl);
      const body = got.body as Resource | undefined;
      if (got.status !== 200 || body?.resourceType !== resource.resourceType || body.id !== resource.id) {
        problems.push(`${answer.label} ${at}: ${fullUrl} answered ${got.status} ${body?.resourceType ?? ''}/${body?.id ?? ''}`);
      }
    }
  }
  return problems;
}

const fullUrlsOf = (answer: Served, resourceType: string) =>
  resourcesIn(answer).filter((r) => r.resource.resourceType === resourceType).map((r) => r.fullUrl);

describe('every fullUrl resolves or is a urn:uuid', () => {
  it('in every catalog answer: offers are urns, clinics, practitioners and treatments answer their reads', async () => {
    const answers = await catalogAnswers(journey.anonymous);
    const elements = await journey.anonymous.request(`fhir/$get-offers-context?${ALL_INCLUDES}&_elements=parameter,name,active`);
    answers.push({ label: 'catalog: $get-offers-context (_elements)', path: '', status: elements.response.status, contentType: null, body: JSON.parse(elements.text) as Resource });
    expect(await unresolved(answers, (url) => journey.anonymous.json(url))).toEqual([]);

    const all = answers.find((a) => a.label === 'catalog: $get-offers-context (all includes)') as Served;
    const offers = fullUrlsOf(all, 'Parameters');
    expect(offers.length).toBeGreaterThan(0);
    for (const url of offers) expect(url).toMatch(URN_UUID);
    for (const type of ['HealthcareService', 'PractitionerRole', 'ActivityDefinition']) {
      const urls = fullUrlsOf(all, type);
      expect(urls.length, type).toBeGreaterThan(0);
      for (const url of urls) expect(url?.startsWith(`${journey.fhirBase}/${type}/`), url).toBe(true);
    }
  });

  it('reads catalog resources by ids with ":" too (live ids have them): a missing one is 404, not a refused id', async () => {
    for (const type of ['HealthcareService', 'PractitionerRole', 'ActivityDefinition']) {
      const read = await journey.anonymous.json(`fhir/${type}/x:${type}:1`);
      expect([type, read.status, readOutcome(read.body).reason]).toEqual([type, 404, 'not-found']);
    }
  });

  it('names a campaign treatment by urn: a code unlocked it for this answer, its plain read answers 404', async () => {
    const unlocked = await journey.anonymous.json<Bundle>(`fhir/$get-offers-context?${ALL_INCLUDES}&campaign=${PARTNER_CAMPAIGN}`);
    const entry = unlocked.body.entry?.find((e) => e.resource?.resourceType === 'ActivityDefinition' && e.resource.id === CAMPAIGN_TREATMENT);
    expect(entry?.fullUrl).toMatch(URN_UUID);
    expect((await journey.anonymous.json(`fhir/ActivityDefinition/${CAMPAIGN_TREATMENT}`)).status).toBe(404);
    const search = await journey.anonymous.json<Bundle>(`fhir/ActivityDefinition?campaign=${PARTNER_CAMPAIGN}`);
    expect(search.body.entry?.find((e) => e.resource?.id === CAMPAIGN_TREATMENT)?.fullUrl).toMatch(URN_UUID);
    // Treatments anyone may see keep their resolvable address in the same answer.
    expect(search.body.entry?.find((e) => e.resource?.id === STOCKHOLM_ANNA.treatment)?.fullUrl).toBe(`${journey.fhirBase}/ActivityDefinition/${STOCKHOLM_ANNA.treatment}`);
  });

  it('gives the same urns and ETag for the same content, on another instance too', async () => {
    const path = `fhir/$get-offers-context?${ALL_INCLUDES}`;
    const first = await journey.anonymous.request(path);
    const extra = await journey.env.startExtra();
    // The other instance has its own public URL; only the urns must agree.
    const other = await fetch(`${extra.baseUrl}/${path}`);
    const urns = (text: string) => ((JSON.parse(text) as Bundle).entry ?? []).map((e) => e.fullUrl).filter((url) => url?.startsWith('urn:'));
    expect(urns(await other.text())).toEqual(urns(first.text));
    expect((await journey.anonymous.request(path)).response.headers.get('etag')).toBe(first.response.headers.get('etag'));
  });

  it('in $find answers: every free time is a urn (it has no REST address until booked)', async () => {
    const answers = await findAnswers(journey.anonymous);
    expect(await unresolved(answers, (url) => journey.anonymous.json(url))).toEqual([]);
    for (const answer of answers) {
      const times = fullUrlsOf(answer, 'Appointment');
      expect(times.length, answer.label).toBeGreaterThan(0);
      for (const url of times) expect(url).toMatch(URN_UUID);
    }
  });

  it('in the patient\'s own answers: the booking\'s fullUrl answers its read, colon id and all', async () => {
    const answers = await bookingAnswers(journey.patient);
    const bundles = answers.filter((a) => a.body.resourceType === 'Bundle');
    expect(bundles.map((a) => a.label)).toEqual(['$book: create', 'own appointments: search']);
    expect(await unresolved(bundles, (url) => journey.patient.json(url))).toEqual([]);
    const booked = fullUrlsOf(bundles[0] as Served, 'Appointment')[0] ?? '';
    // Live ITB's booking ids have colons (spec §13.28); the fullUrl carries them as they are.
    expect(booked).toMatch(new RegExp(`^${journey.fhirBase}/Appointment/[^/]*:`));
    const id = booked.slice(`${journey.fhirBase}/Appointment/`.length);
    for (const path of [`fhir/Appointment/${id}`, `fhir/Appointment/${encodeURIComponent(id)}`]) {
      const read = await journey.patient.json<Resource>(path);
      expect([read.status, read.body.id]).toEqual([200, id]);
    }
    // Without the patient's session the address answers 401, never the booking.
    expect((await journey.anonymous.json(booked)).status).toBe(401);
  });
});

describe('OperationOutcomes', () => {
  const issueOf = (answer: { body: unknown }) => (answer.body as OperationOutcome).issue[0];

  it('names a missing required $find parameter in our words, with its name as expression', async () => {
    const missing = await journey.anonymous.json(`fhir/Appointment/$find?end=2030-01-02&practitionerRole=PractitionerRole/${STOCKHOLM_ANNA.role}`);
    expect(missing.status).toBe(400);
    expect(issueOf(missing)).toMatchObject({ severity: 'error', code: 'invalid', diagnostics: "The query parameter 'start' is required.", expression: ['start'] });
    const repeated = await journey.anonymous.json(`fhir/Appointment/$find?${findWindow()}&start=2030-01-01&practitionerRole=PractitionerRole/${STOCKHOLM_ANNA.role}`);
    expect(issueOf(repeated)).toMatchObject({ diagnostics: "The query parameter 'start' may be given only once.", expression: ['start'] });
    const bad = await journey.anonymous.json(`fhir/Appointment/$find?${findWindow()}&practitionerRole=PractitionerRole/${STOCKHOLM_ANNA.role}&practitionerRole=Clinic/x`);
    expect(issueOf(bad)).toMatchObject({ expression: ['practitionerRole'] });
    const unknown = await journey.anonymous.json(`fhir/Appointment/$find?${findWindow()}&practitionerRole=PractitionerRole/pr-nobody`);
    expect(issueOf(unknown)).toMatchObject({ diagnostics: "Unknown 'practitionerRole'.", expression: ['practitionerRole'] });
  });

  it('lists a failed practitioner with expression practitionerRole and the practitioner in details.text, and keeps ITB\'s meta.profile', async () => {
    const visitType = encodeURIComponent(await visitTypeOf(journey.anonymous, STOCKHOLM_ANNA.treatment));
    const query = (now: Date) => `fhir/Appointment/$find?${findWindow(now)}&visit-type=${visitType}&healthcareService=HealthcareService/${STOCKHOLM_ANNA.clinic}`;
    const whole = await journey.anonymous.json<Bundle>(query(new Date()));
    expect(whole.body.meta?.profile).toEqual([FIND_BUNDLE_PROFILE]);
    const roles = new Set((whole.body.entry ?? []).flatMap((e) => ((e.resource as { participant?: { actor?: { reference?: string } }[] }).participant ?? []))
      .map((p) => p.actor?.reference).filter((ref): ref is string => ref?.startsWith('PractitionerRole/') === true));
    const failing = [...roles].find((ref) => ref !== `PractitionerRole/${STOCKHOLM_ANNA.role}`);
    expect(failing).toBeDefined();
    journey.env.sandbox.knobs.injectFault({ kind: '500', count: Number.POSITIVE_INFINITY, match: (failing ?? '').slice('PractitionerRole/'.length) });
    try {
      // A window the cache has not seen, so the fault is met.
      const partial = await journey.anonymous.json<Bundle>(query(new Date(Date.now() + 86_400_000)));
      expect(partial.status).toBe(200);
      expect(partial.body.meta?.profile).toEqual([FIND_BUNDLE_PROFILE]);
      const outcome = partial.body.entry?.find((e) => e.resource?.resourceType === 'OperationOutcome');
      expect(outcome?.search?.mode).toBe('outcome');
      expect((outcome?.resource as OperationOutcome).issue).toEqual([{
        severity: 'warning', code: 'incomplete', expression: ['practitionerRole'], details: { text: failing }, diagnostics: expect.any(String) as string,
      }]);
      expect((outcome?.resource as OperationOutcome).issue[0]?.diagnostics).not.toMatch(LIBRARY_WORDING);
    } finally {
      journey.env.sandbox.knobs.reset();
    }
  });

  it('words body problems itself: malformed JSON, a wrong field as FHIRPath into the Parameters, an unknown content type', async () => {
    const post = (body: string, type = 'application/fhir+json') => journey.patient.json('fhir/Appointment/$book', {
      method: 'POST', headers: { 'content-type': type, 'idempotency-key': 'endpoint-test-1' }, body,
    });
    const json = await post('{"resourceType":');
    expect([json.status, issueOf(json)?.diagnostics]).toEqual([400, 'The request body is not valid JSON.']);
    const field = await post(JSON.stringify({ resourceType: 'Parameters', parameter: [{ name: 'comment', valueString: 'x'.repeat(1001) }] }));
    expect(issueOf(field)).toMatchObject({
      diagnostics: "The body field 'Parameters.parameter[0].valueString' must be at most 1000 characters long.", expression: ['Parameters.parameter[0].valueString'],
    });
    const type = await post('<Parameters/>', 'application/fhir+xml');
    expect([400, 415]).toContain(type.status);
    expect(issueOf(type)?.diagnostics).not.toMatch(LIBRARY_WORDING);
    expect(readOutcome(type.body).reason).not.toBe('internal');
  });

  it('never sends a library\'s sentence as diagnostics on the journey\'s refusals', async () => {
    for (const answer of await refusalAnswers(journey.patient, journey.anonymous)) {
      expect(answer.body.resourceType, answer.label).toBe('OperationOutcome');
      for (const issue of (answer.body as OperationOutcome).issue) {
        expect(issue.diagnostics, answer.label).toBeTypeOf('string');
        expect(issue.diagnostics, answer.label).not.toMatch(LIBRARY_WORDING);
        for (const expression of issue.expression ?? []) expect(expression, answer.label).toMatch(/^[A-Za-z][\w-]*(\[\d+\])?(\.[A-Za-z]\w*(\[\d+\])?)*$/);
      }
    }
  });
});
