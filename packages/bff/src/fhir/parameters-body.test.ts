import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutcome, type Bundle } from '@itb/shared';
import { TEST_FOREIGN_ORIGIN, TEST_ORIGIN, startBffTestEnv, type BffTestEnv } from '../../test/bff-test-env.test-support.js';

const DAY = 86_400_000;
const CITY = 'hs-stockholm-city';
const ANNA = 'pr-anna-berg-sto';
const JOHAN = 'pr-johan-ek-sto';
const FHIR_JSON = 'application/fhir+json';

let env: BffTestEnv;
let start: string;
let end: string;
let examination: { system: string; code: string };

beforeAll(async () => {
  env = await startBffTestEnv({ env: { ITB_FIND_TTL_SECONDS: '60' } });
  const from = new Date(Date.now() + DAY);
  start = from.toISOString().slice(0, 10);
  end = new Date(from.getTime() + 7 * DAY).toISOString().slice(0, 10);
  const ad = (await env.app.inject({ url: '/fhir/ActivityDefinition/ad-examination-30' })).json() as { code: { coding: { system: string; code: string }[] } };
  examination = ad.code.coding[0] as { system: string; code: string };
});
afterAll(async () => { await env.close(); });

type Parameter = Record<string, unknown> & { name: string };
const parameters = (...parameter: Parameter[]) => ({ resourceType: 'Parameters', parameter });

function post(url: string, body: unknown, headers: Record<string, string> = { 'content-type': FHIR_JSON }) {
  return env.app.inject({ method: 'POST', url, headers, payload: typeof body === 'string' ? body : JSON.stringify(body) });
}

function problem(res: { statusCode: number; json: () => unknown }) {
  const body = res.json() as { resourceType: string; issue: { code: string; diagnostics: string; expression?: string[] }[] };
  return { status: res.statusCode, reason: readOutcome(body, res.statusCode).reason, expression: body.issue[0]?.expression, diagnostics: body.issue[0]?.diagnostics ?? '' };
}

const findGet = () => `/fhir/Appointment/$find?start=${start}&end=${end}&visit-type=${encodeURIComponent(`${examination.system}|${examination.code}`)}`
  + `&practitionerRole=PractitionerRole/${ANNA}&practitionerRole=PractitionerRole/${JOHAN}&healthcareService=HealthcareService/${CITY}`;
const findBody = () => parameters(
  { name: 'practitionerRole', valueReference: { reference: `PractitionerRole/${ANNA}` } },
  { name: 'start', valueDate: start },
  { name: 'end', valueDate: end },
  { name: 'visit-type', valueCoding: examination },
  { name: 'healthcareService', valueReference: { reference: `HealthcareService/${CITY}` } },
  { name: 'practitionerRole', valueString: `PractitionerRole/${JOHAN}` },
);

describe('operations by POST', () => {
  it('$find: a Parameters body gives the same answer as the GET form, with no CSRF header', async () => {
    const viaGet = await env.app.inject({ url: findGet() });
    const viaPost = await post('/fhir/Appointment/$find', findBody());
    expect(viaPost.statusCode).toBe(200);
    expect(viaPost.headers['content-type']).toMatch(/^application\/fhir\+json/);
    expect((viaPost.json() as Bundle).entry?.length).toBeGreaterThan(0);
    expect(viaPost.body).toBe(viaGet.body);
    // application/json is the other type we read.
    expect((await post('/fhir/Appointment/$find', findBody(), { 'content-type': 'application/json; charset=utf-8' })).body).toBe(viaGet.body);
  });

  it('$get-offers-context at system and instance level: same bytes and ETag as GET', async () => {
    const cases = [
      ['/fhir/$get-offers-context', 'includeActivityDefinitionPortal=true&includeHealthcareServicePortal=false'],
      [`/fhir/HealthcareService/${CITY}/$get-offers-context`, 'includePractitionerRolePortal=true'],
      [`/fhir/PractitionerRole/${ANNA}/$get-offers-context`, ''],
      ['/fhir/ActivityDefinition/ad-examination-30/$get-offers-context', 'includeActivityDefinitionPortal=true'],
    ] as const;
    for (const [path, query] of cases) {
      const viaGet = await env.app.inject({ url: `${path}?${query}` });
      const body = parameters(...[...new URLSearchParams(query)].map(([name, value]) => (name === 'includeHealthcareServicePortal' ? { name, valueString: value } : { name, valueBoolean: value === 'true' })));
      const viaPost = await post(path, body);
      expect(viaPost.statusCode, path).toBe(200);
      expect(viaPost.body, path).toBe(viaGet.body);
      expect(viaPost.headers['etag'], path).toBe(viaGet.headers['etag']);
      // The GET's validator is not a POST's precondition: the answer is sent, not a 304.
      expect((await post(path, body, { 'content-type': FHIR_JSON, 'if-none-match': String(viaGet.headers['etag']) })).statusCode, path).toBe(200);
    }
    // A campaign code in the body unlocks as in the query; one in a POST's URL does not.
    const withCode = await post('/fhir/$get-offers-context', parameters({ name: 'campaign', valueCode: 'NOPE' }));
    expect(withCode.statusCode).toBe(200);
  });

  it('refuses every body type but JSON with 415, so no cross-site simple request reaches them', async () => {
    const bodies: [string, string][] = [
      ['text/plain', JSON.stringify(findBody())],
      ['application/x-www-form-urlencoded', `start=${start}&end=${end}`],
      ['multipart/form-data; boundary=x', `--x\r\nContent-Disposition: form-data; name="start"\r\n\r\n${start}\r\n--x--\r\n`],
      ['application/fhir+xml', '<Parameters xmlns="http://hl7.org/fhir"/>'],
    ];
    for (const url of ['/fhir/Appointment/$find', '/fhir/$get-offers-context', `/fhir/HealthcareService/${CITY}/$get-offers-context`]) {
      for (const [type, payload] of bodies) {
        const res = await post(url, payload, { 'content-type': type });
        expect(problem(res), `${url} ${type}`).toMatchObject({ status: 415, reason: 'unsupported-media-type' });
        expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
      }
      expect(problem(await env.app.inject({ method: 'POST', url })).status, `${url} without a body`).toBe(415);
    }
  });

  it('refuses a cross-site form POST, and lets a JSON one through only as CORS allows it to be read', async () => {
    const form = await post('/fhir/Appointment/$find', `start=${start}&end=${end}&practitionerRole=PractitionerRole/${ANNA}`,
      { 'content-type': 'application/x-www-form-urlencoded', origin: TEST_FOREIGN_ORIGIN });
    expect(problem(form)).toMatchObject({ status: 415, reason: 'unsupported-media-type' });
    expect(form.headers['access-control-allow-origin']).toBeUndefined();
    // A JSON POST from a foreign page needs a preflight, which gets no CORS grant:
    const preflight = await env.app.inject({
      method: 'OPTIONS', url: '/fhir/Appointment/$find',
      headers: { origin: TEST_FOREIGN_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    // …while an allowed partner origin gets one.
    const partner = await env.app.inject({
      method: 'OPTIONS', url: '/fhir/Appointment/$find',
      headers: { origin: TEST_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': 'content-type' },
    });
    expect(partner.headers['access-control-allow-origin']).toBe(TEST_ORIGIN);
  });

  it('still needs the CSRF header on $book and every other POST', async () => {
    const book = await post('/fhir/Appointment/$book', parameters({ name: 'appointment-resource', resource: { resourceType: 'Appointment' } }), { 'content-type': FHIR_JSON, origin: TEST_ORIGIN });
    expect(problem(book)).toMatchObject({ status: 403, reason: 'csrf' });
    const logout = await post('/auth/logout', {}, { 'content-type': 'application/json', origin: TEST_ORIGIN });
    expect(problem(logout)).toMatchObject({ status: 403, reason: 'csrf' });
  });
});

describe('bad Parameters bodies', () => {
  const findWith = (...extra: Parameter[]) => post('/fhir/Appointment/$find', parameters(
    { name: 'start', valueDate: start }, { name: 'end', valueDate: end }, ...extra,
  ));

  it('are 400s in our words with FHIRPath expressions', async () => {
    const cases: [Promise<{ statusCode: number; json: () => unknown }>, string[]][] = [
      [post('/fhir/Appointment/$find', { resourceType: 'Bundle' }), ['Bundle.resourceType']],
      [post('/fhir/Appointment/$find', { resourceType: 'Parameters', parameter: { name: 'start' } }), ['Parameters.parameter']],
      [findWith({ name: 'practitioner', valueString: 'Practitioner/x' }), ['Parameters.parameter[2]']],
      [findWith({ name: 'practitionerRole', valueBoolean: true }), ['Parameters.parameter[2].valueBoolean']],
      [findWith({ name: 'practitionerRole', valueReference: { display: 'Anna' } }), ['Parameters.parameter[2].valueReference']],
      [findWith({ name: 'practitionerRole', valueString: 'Practitioner/x' }), ['Parameters.parameter[2]']],
      [findWith({ name: 'practitionerRole', valueString: `PractitionerRole/${ANNA}` }, { name: 'practitionerRole', valueString: 'nope' }), ['Parameters.parameter[3]']],
      [findWith({ name: 'start', valueDate: start }), ['Parameters.parameter[2]']],
      [findWith({ name: 'practitionerRole', valueString: `PractitionerRole/${ANNA}`, valueReference: { reference: `PractitionerRole/${ANNA}` } }), ['Parameters.parameter[2]']],
      [findWith({ name: 'practitionerRole', resource: { resourceType: 'PractitionerRole' } }), ['Parameters.parameter[2]']],
      [post('/fhir/Appointment/$find', parameters({ name: 'end', valueDate: end })), ['start']],
      [post('/fhir/Appointment/$find', parameters({ name: 'start', valueDate: end }, { name: 'end', valueDate: start })), ['Parameters.parameter[1]']],
      [post('/fhir/$get-offers-context', parameters({ name: 'includeActivityDefinitionPortal', valueString: 'yes' })), ['Parameters.parameter[0]']],
      [post('/fhir/$get-offers-context', parameters({ name: 'includeActivityDefinitionPortal', valueInteger: 1 })), ['Parameters.parameter[0].valueInteger']],
    ];
    for (const [pending, expression] of cases) {
      const answer = problem(await pending);
      expect(answer, expression.join()).toMatchObject({ status: 400, reason: 'invalid-parameter', expression });
      expect(answer.diagnostics).not.toMatch(/Invalid input|expected string|received/);
    }
  });

  it('names the parameters $find takes when one is unknown, and refuses bad JSON', async () => {
    expect(problem(await findWith({ name: 'practitioner', valueString: 'x' })).diagnostics).toContain('practitionerRole');
    expect(problem(await post('/fhir/Appointment/$find', '{"resourceType":')).status).toBe(400);
  });

  it('reports query parameters sent with a POST as not applied (refused under strict handling)', async () => {
    const lenient = await env.app.inject({ method: 'POST', url: '/fhir/Appointment/$find?start=2020-01-01&_format=json', headers: { 'content-type': FHIR_JSON }, payload: JSON.stringify(findBody()) });
    const issues = ((lenient.json() as Bundle).entry ?? []).filter((e) => e.search?.mode === 'outcome').flatMap((e) => (e.resource as unknown as { issue: { code: string; expression?: string[] }[] }).issue);
    expect(issues).toContainEqual(expect.objectContaining({ code: 'not-supported', expression: ['start'] }));
    const strict = await env.app.inject({ method: 'POST', url: '/fhir/$get-offers-context?campaign=X', headers: { 'content-type': FHIR_JSON, prefer: 'handling=strict' }, payload: JSON.stringify(parameters()) });
    expect(problem(strict)).toMatchObject({ status: 400, expression: ['campaign'] });
  });
});

describe('rate limits', () => {
  it('apply to the POST forms as configured for the GET forms', async () => {
    const limited = await startBffTestEnv({ sandbox: env.sandbox, env: { ITB_RATE_LIMIT_FIND_PER_MINUTE: '2', ITB_RATE_LIMIT_CATALOG_PER_MINUTE: '2' } });
    try {
      for (const [url, body] of [['/fhir/Appointment/$find', findBody()], ['/fhir/$get-offers-context', parameters()]] as const) {
        const statuses: number[] = [];
        for (let i = 0; i < 3; i += 1) {
          statuses.push((await limited.app.inject({ method: 'POST', url, headers: { 'content-type': FHIR_JSON }, payload: JSON.stringify(body), remoteAddress: '203.0.113.9' })).statusCode);
        }
        expect(statuses, url).toEqual([200, 200, 429]);
      }
    } finally {
      await limited.close();
    }
  });
});
