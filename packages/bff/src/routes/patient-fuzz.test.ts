// Property test: whatever a browser sends to the patient routes ($book, login, callback, my
// bookings), the answer is never a 5xx, and every non-2xx answer is an OperationOutcome.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TEST_ORIGIN } from '../../test/bff-test-env.test-support.js';
import { PERSON } from '../../test/booking-fixtures.test-support.js';
import { createPatientClient } from '../../test/patient-client.test-support.js';
import { startPatientEnv, type PatientEnv } from '../../test/patient-env.test-support.js';

let env: PatientEnv;
let cookie: string;

beforeAll(async () => {
  env = await startPatientEnv({ env: { ITB_RATE_LIMIT_BOOK_PER_MINUTE: '100000', ITB_RATE_LIMIT_LOGIN_PER_MINUTE: '100000' } });
  const client = createPatientClient(env.bff.baseUrl);
  await client.login(PERSON.erik);
  cookie = client.jar.headerFor(new URL(env.bff.baseUrl));
});
afterAll(async () => {
  await env?.close();
});

const nasty = fc.constantFrom('', ' ', '../', '..%2f', '%00', '\u0000', "' OR 1=1 --", '<script>alert(1)</script>', '${jndi:x}', '__proto__', 'constructor',
  '9'.repeat(400), 'Appointment/../Patient', 'ä😀', 'null', '-1', '1e309', '2026-13-45T25:61:00Z', 'javascript:alert(1)', 'http://evil.localhost:6666/');
const text = fc.oneof(nasty, fc.string({ maxLength: 40 }));
const statuses = fc.constantFrom('pending', 'proposed', 'booked', 'cancelled', 'arrived', undefined, 7);
const participant = fc.record({
  actor: fc.record({ type: fc.oneof(fc.constantFrom('Patient', 'HealthcareService', 'PractitionerRole'), text), reference: fc.option(text), identifier: fc.option(fc.record({ system: text, value: text })) }, { requiredKeys: [] }),
  status: fc.option(text),
}, { requiredKeys: [] });
const appointment = fc.record({
  resourceType: fc.oneof(fc.constant('Appointment'), text),
  id: fc.option(fc.oneof(text, fc.constantFrom('no-such-appointment', 'a'.repeat(64)))),
  status: statuses,
  start: fc.option(fc.oneof(text, fc.date({ noInvalidDate: true }).map((d) => d.toISOString()))),
  end: fc.option(text),
  participant: fc.option(fc.array(participant, { maxLength: 5 })),
  identifier: fc.option(fc.array(fc.record({ system: text, value: text }), { maxLength: 3 })),
  extension: fc.option(fc.array(fc.record({ url: text, valueString: text }), { maxLength: 2 })),
}, { requiredKeys: ['resourceType'] });
const patient = fc.record({
  resourceType: fc.oneof(fc.constant('Patient'), text),
  telecom: fc.option(fc.array(fc.record({ system: fc.constantFrom('phone', 'email', 'fax'), value: text, use: fc.option(text) }), { maxLength: 3 })),
  identifier: fc.option(fc.array(fc.record({ system: text, value: text }))),
}, { requiredKeys: ['resourceType'] });
const parameter = fc.oneof(
  fc.record({ name: fc.constant('appointment-resource'), resource: appointment }),
  fc.record({ name: fc.constant('patient-resource'), resource: patient }),
  fc.record({ name: fc.constant('comment'), valueString: fc.oneof(text, fc.string({ maxLength: 1200 })) }),
  fc.record({ name: text, valueString: fc.option(text), resource: fc.option(fc.anything()) }),
  fc.anything(),
);
const bookBody = fc.oneof(
  { weight: 6, arbitrary: fc.record({ resourceType: fc.oneof(fc.constant('Parameters'), text), parameter: fc.oneof(fc.array(parameter, { maxLength: 6 }), fc.anything()) }, { requiredKeys: ['resourceType'] }) },
  { weight: 1, arbitrary: fc.anything() },
);

function expectClientError(status: number, body: string, contentType: string | undefined): void {
  expect(status).toBeLessThan(500);
  if (status >= 400) {
    expect(contentType).toMatch(/fhir\+json/);
    expect(JSON.parse(body).resourceType).toBe('OperationOutcome');
  }
}

describe('patient routes under generated input', () => {
  it('POST $book with generated bodies and keys never answers 5xx', async () => {
    await fc.assert(fc.asyncProperty(bookBody, fc.option(text), async (body, key) => {
      const headers: Record<string, string> = { 'content-type': 'application/fhir+json', cookie, origin: TEST_ORIGIN, 'x-itb-csrf': '1' };
      if (key !== null) headers['idempotency-key'] = key.replace(/[^\x20-\x7e]/g, '');
      const response = await env.bff.app.inject({ method: 'POST', url: '/fhir/Appointment/$book', headers, payload: JSON.stringify(body) ?? 'null' });
      expectClientError(response.statusCode, response.body, response.headers['content-type'] as string | undefined);
    }), { numRuns: 500 });
  });

  it('malformed transport on $book (wrong type, broken JSON, huge body) is a 4xx', async () => {
    const headers = { cookie, origin: TEST_ORIGIN, 'x-itb-csrf': '1', 'idempotency-key': 'fuzz-key-000001' };
    for (const [type, payload] of [['text/plain', 'hello'], ['application/json', '{"resourceType":'], ['application/fhir+json', '[1,2'], ['application/fhir+json', `{"resourceType":"Parameters","parameter":[{"name":"comment","valueString":"${'x'.repeat(200_000)}"}]}`]] as const) {
      const response = await env.bff.app.inject({ method: 'POST', url: '/fhir/Appointment/$book', headers: { ...headers, 'content-type': type }, payload });
      expectClientError(response.statusCode, response.body, response.headers['content-type'] as string | undefined);
      expect(response.statusCode).toBeGreaterThanOrEqual(400);
    }
  });

  it('login, callback and my-bookings queries never answer 5xx', async () => {
    const query = fc.dictionary(fc.oneof(fc.constantFrom('returnTo', 'mode', 'locale', 'code', 'state', 'iss', 'error', 'status', 'date'), text), fc.oneof(text, fc.array(text, { maxLength: 3 })), { maxKeys: 4 });
    const path = fc.constantFrom('/auth/login', '/auth/callback', '/auth/session', '/fhir/Appointment', '/fhir/Patient/me');
    await fc.assert(fc.asyncProperty(path, query, fc.boolean(), async (route, params, signedIn) => {
      const search = new URLSearchParams();
      for (const [name, value] of Object.entries(params)) for (const v of [value].flat()) search.append(name, v);
      const response = await env.bff.app.inject({ method: 'GET', url: `${route}?${search.toString()}`, headers: signedIn ? { cookie } : {} });
      if (response.statusCode < 400) return;
      expectClientError(response.statusCode, response.body, response.headers['content-type'] as string | undefined);
    }), { numRuns: 400 });
    await fc.assert(fc.asyncProperty(text, async (id) => {
      const response = await env.bff.app.inject({ method: 'GET', url: `/fhir/Appointment/${encodeURIComponent(id)}`, headers: { cookie } });
      expectClientError(response.statusCode, response.body, response.headers['content-type'] as string | undefined);
    }), { numRuns: 150 });
  });
});
