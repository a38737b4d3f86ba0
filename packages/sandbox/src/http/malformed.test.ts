import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Appointment, Parameters } from '@itb/shared';
import { createPrng } from '../slots/prng.js';
import { ALVA, appointmentsOf, createBody, FIXED_NOW, findPath, startTestSandbox, type TestEnv } from '../testing/sandbox-env.test-support.js';

let env: TestEnv;
let system: string;
let alva: string;
let valid: Parameters;

beforeAll(async () => {
  env = await startTestSandbox({ now: () => FIXED_NOW });
  system = await env.systemToken();
  alva = await env.patientToken(ALVA.personalNumber);
  const time = appointmentsOf((await env.fhir(findPath('pr-elin-holm-sto', 'hyg45', '2026-09-16', '2026-09-18'), { token: system })).body)[0] as Appointment;
  valid = createBody(time, 'hs-stockholm-city', ALVA);
});
afterAll(() => env.close());

const ACCEPTABLE = new Set([200, 400, 401, 403, 404, 409, 413, 415, 422]);

function expectOutcomeUnless200(response: { status: number; body: any }) {
  expect(ACCEPTABLE.has(response.status), `status ${response.status}: ${JSON.stringify(response.body)}`).toBe(true);
  if (response.status !== 200) expect(response.body?.resourceType).toBe('OperationOutcome');
}

describe('malformed requests get 4xx OperationOutcomes, never 500', () => {
  it.each([
    ['invalid JSON', '{"resourceType": "Parameters",', 'application/fhir+json'],
    ['a JSON array', '[1,2,3]', 'application/fhir+json'],
    ['a JSON number', '42', 'application/json'],
    ['null', 'null', 'application/fhir+json'],
    ['another resource type', '{"resourceType":"Patient"}', 'application/fhir+json'],
    ['parameters that are not an array', '{"resourceType":"Parameters","parameter":{}}', 'application/fhir+json'],
    ['a parameter without a name', '{"resourceType":"Parameters","parameter":[{"valueString":"x"}]}', 'application/fhir+json'],
    ['appointment-reference (not supported by ITB)', '{"resourceType":"Parameters","parameter":[{"name":"appointment-reference","valueReference":{"reference":"Appointment/x"}}]}', 'application/fhir+json'],
    ['plain text', 'book me please', 'text/plain'],
    ['XML', '<Parameters xmlns="http://hl7.org/fhir"/>', 'application/fhir+xml'],
  ])('$book with %s', async (_name, body, contentType) => {
    const response = await env.fhir('Appointment/$book', { token: alva, body, headers: { 'content-type': contentType } });
    expect([400, 415]).toContain(response.status);
    expect(response.body.resourceType).toBe('OperationOutcome');
  });

  it('refuses a body over the limit with 413', async () => {
    const response = await env.fhir('Appointment/$book', { token: alva, body: { resourceType: 'Parameters', parameter: [{ name: 'comment', valueString: 'x'.repeat(300_000) }] } });
    expect(response.status).toBe(413);
    expect(response.body.resourceType).toBe('OperationOutcome');
  });

  it('survives 300 random mutations of a valid $book body and books nothing it should not', async () => {
    const random = createPrng(20260914);
    const junk = [null, 42, -1, '', 'x', '2026-13-45T99:99:99Z', true, [], {}, [null], { reference: 'PractitionerRole/' }, 'x'.repeat(5000)];
    const paths: (string | number)[][] = [];
    const collect = (value: unknown, path: (string | number)[]) => {
      paths.push(path);
      if (Array.isArray(value)) value.forEach((item, i) => collect(item, [...path, i]));
      else if (typeof value === 'object' && value !== null) for (const [key, item] of Object.entries(value)) collect(item, [...path, key]);
    };
    collect(valid, []);
    const before = env.sandbox.knobs.bookings().length;
    let booked = 0;
    for (let round = 0; round < 300; round += 1) {
      const body = structuredClone(valid) as unknown as Record<string, unknown>;
      const path = paths[Math.floor(random() * paths.length)] ?? [];
      if (path.length === 0) continue;
      let parent: any = body;
      for (const key of path.slice(0, -1)) parent = parent[key];
      const last = path[path.length - 1] as string | number;
      if (random() < 0.3) delete parent[last];
      else parent[last] = junk[Math.floor(random() * junk.length)];
      const response = await env.fhir('Appointment/$book', { token: alva, body });
      expectOutcomeUnless200(response);
      if (response.status === 200) {
        booked += 1;
        // A mutation that still books must have booked Alva, and the time is then taken for good.
        const appointment = appointmentsOf(response.body)[0];
        expect(appointment?.participant.find((p) => p.actor?.type === 'Patient')?.actor?.identifier?.value).toBe(ALVA.personalNumber);
        env.sandbox.knobs.reset();
      }
    }
    expect(env.sandbox.knobs.bookings().length).toBe(booked > 0 ? 2 : before);
  });

  it('survives random query values on every GET route', async () => {
    const random = createPrng(4010);
    const routes = [
      'Appointment/$find', '$get-offers-context', 'HealthcareService/hs-stockholm-city/$get-offers-context', 'PractitionerRole', 'Organization',
      'Location', 'ActivityDefinition', 'HealthcareService', 'Appointment', 'Patient', 'metadata', 'Appointment/x:y', 'Patient/%E0%A4%A', 'PractitionerRole/%00',
    ];
    const names = ['start', 'end', 'practitionerRole', 'healthcareService', 'visit-type', 'location', 'organization', 'practitioner', 'service', '_id', 'identifier',
      'physical-type', 'includeActivityDefinitionPortal', 'actor', 'date', 'status', 'patient', '_count', '_format', 'x'];
    const values = ['', '2026-09-14', '2026-09-14T00:00:00%2B02:00', 'PractitionerRole/pr-elin-holm-sto', 'HealthcareService/', '|', 'a|b', 'true', 'maybe',
      '%E0%A4%A', '-1', 'ge2026-01-01', 'Location/area-oslo', '%00', 'x'.repeat(2000), 'Patient/../..', '9999-99-99'];
    for (let round = 0; round < 250; round += 1) {
      const route = routes[Math.floor(random() * routes.length)] ?? 'metadata';
      const query = Array.from({ length: 1 + Math.floor(random() * 4) }, () => `${names[Math.floor(random() * names.length)]}=${values[Math.floor(random() * values.length)]}`).join('&');
      const token = route.startsWith('Appointment') && !route.includes('$find') || route.startsWith('Patient') ? alva : system;
      const response = await env.fhir(`${route}?${query}`, { token });
      expectOutcomeUnless200(response);
    }
  });

  it('answers unknown paths and methods with 404 OperationOutcomes', async () => {
    for (const path of [`${env.sandbox.origin}/nothing`, `${env.sandbox.origin}/other-tenant/1.0/R4/fhir/metadata`, `${env.sandbox.fhirBase}/Slot`]) {
      const response = await env.fhir(path, { token: system });
      expect(response.status).toBe(404);
      expect(response.body.resourceType).toBe('OperationOutcome');
    }
    expect((await env.fhir('HealthcareService', { token: system, method: 'DELETE' })).status).toBe(404);
  });
});
