import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Appointment } from '@itb/shared';
import { ORIGINAL_SYSTEM, PERSONNUMMER, pointer, startRegistryEnv, type RegistryEnv } from './registry.test-support.js';

let env: RegistryEnv;
let token: string;

beforeAll(async () => {
  env = await startRegistryEnv();
});
afterAll(() => env.close());
beforeEach(async () => {
  token = await env.token();
});
afterEach(() => env.sandbox.registry.knobs.reset());

const byIdentifier = (value: string) => `Appointment?identifier=${encodeURIComponent(`${ORIGINAL_SYSTEM}|${value}`)}`;
const put = (path: string, body: unknown, headers: Record<string, string> = {}) => env.fhir(path, { method: 'PUT', token, body, headers });

describe('create, read and update', () => {
  it('creates with a server id, version 1, Location and ETag, and reads it back', async () => {
    const created = await env.fhir('Appointment', { token, body: { ...pointer('a-1'), id: 'client-chosen' } });
    expect(created.status).toBe(201);
    expect(created.headers.get('content-type')).toMatch(/^application\/fhir\+json/);
    const resource = created.body as Appointment;
    expect(resource.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(resource.meta).toEqual({ versionId: '1', lastUpdated: expect.stringMatching(/Z$/) });
    expect(created.headers.get('etag')).toBe('W/"1"');
    expect(created.headers.get('location')).toBe(`${env.sandbox.registry.fhirBase}/Appointment/${resource.id}/_history/1`);
    // Everything else kept as sent.
    expect({ ...resource, id: undefined, meta: undefined }).toEqual({ ...pointer('a-1'), id: undefined, meta: undefined });

    const read = await env.fhir(`Appointment/${resource.id}`, { token });
    expect([read.status, read.headers.get('etag')]).toEqual([200, 'W/"1"']);
    expect(read.body).toEqual(resource);
    expect((await env.fhir(created.headers.get('location') ?? '', { token })).body).toEqual(resource);
  });

  it('updates by id as the next version, honouring If-Match, and keeps the old version readable', async () => {
    const created = (await env.fhir('Appointment', { token, body: pointer('a-2') })).body as Appointment;
    const cancelled = { ...pointer('a-2', undefined, { status: 'cancelled' }), id: created.id };
    const stale = await put(`Appointment/${created.id}`, cancelled, { 'if-match': 'W/"7"' });
    expect([stale.status, stale.body.resourceType]).toEqual([412, 'OperationOutcome']);
    const updated = await put(`Appointment/${created.id}`, cancelled, { 'if-match': 'W/"1"' });
    expect([updated.status, updated.headers.get('etag'), updated.body.status, updated.body.meta.versionId]).toEqual([200, 'W/"2"', 'cancelled', '2']);
    expect((await env.fhir(`Appointment/${created.id}/_history/1`, { token })).body.status).toBe('booked');
    expect(env.sandbox.registry.knobs.appointments()).toHaveLength(1);
  });

  it('refuses an update whose id is missing or another, and one of an unknown id (no update as create)', async () => {
    const created = (await env.fhir('Appointment', { token, body: pointer('a-3') })).body as Appointment;
    const noId = await put(`Appointment/${created.id}`, pointer('a-3'));
    expect([noId.status, noId.body.issue[0].expression]).toEqual([400, ['Appointment.id']]);
    const otherId = await put(`Appointment/${created.id}`, { ...pointer('a-3'), id: 'other' });
    expect(otherId.status).toBe(400);
    const unknown = await put('Appointment/does-not-exist', { ...pointer('a-3'), id: 'does-not-exist' });
    expect([unknown.status, unknown.body.resourceType]).toEqual([405, 'OperationOutcome']);
    expect((await env.fhir('Appointment/does-not-exist', { token })).status).toBe(404);
  });
});

describe('conditional writes (idempotent pointers)', () => {
  it('If-None-Exist: the second create answers 200 with the first pointer', async () => {
    const condition = { 'if-none-exist': `identifier=${ORIGINAL_SYSTEM}|b-1` };
    const first = await env.fhir('Appointment', { token, body: pointer('b-1'), headers: condition });
    const second = await env.fhir('Appointment', { token, body: pointer('b-1'), headers: condition });
    expect([first.status, second.status]).toEqual([201, 200]);
    expect(second.body.id).toBe(first.body.id);
    expect(env.sandbox.registry.knobs.appointments()).toHaveLength(1);
    expect(env.sandbox.registry.knobs.counts()).toMatchObject({ writes: { POST: 2, PUT: 0 }, created: 1, updated: 0 });
  });

  it('PUT ?identifier=: creates when nothing matches, then updates the one match', async () => {
    const created = await put(byIdentifier('c-1'), pointer('c-1'));
    expect([created.status, created.body.meta.versionId]).toEqual([201, '1']);
    expect(created.headers.get('location')).toContain(`/Appointment/${created.body.id}/_history/1`);
    const moved = await put(byIdentifier('c-1'), pointer('c-1', undefined, { start: '2026-12-11T10:00:00+01:00', end: '2026-12-11T10:30:00+01:00' }));
    expect([moved.status, moved.body.id, moved.body.meta.versionId, moved.body.start]).toEqual([200, created.body.id, '2', '2026-12-11T10:00:00+01:00']);
    const cancelled = await put(byIdentifier('c-1'), pointer('c-1', undefined, { status: 'cancelled' }));
    expect([cancelled.status, cancelled.body.meta.versionId, cancelled.body.status]).toEqual([200, '3', 'cancelled']);
    // The same cancel again (a retry) is another version of the same pointer, never a second one.
    expect((await put(byIdentifier('c-1'), pointer('c-1', undefined, { status: 'cancelled' }))).body.meta.versionId).toBe('4');
    expect(env.sandbox.registry.knobs.appointments()).toHaveLength(1);
    expect(env.sandbox.registry.knobs.counts()).toMatchObject({ writes: { POST: 0, PUT: 4 }, created: 1, updated: 3 });
  });

  it('of concurrent conditional PUTs for one identifier exactly one creates', async () => {
    const answers = await Promise.all(Array.from({ length: 12 }, () => put(byIdentifier('c-2'), pointer('c-2'))));
    expect(answers.filter((a) => a.status === 201)).toHaveLength(1);
    expect(answers.filter((a) => a.status === 200)).toHaveLength(11);
    expect(env.sandbox.registry.knobs.appointments()).toHaveLength(1);
  });

  it('answers 412 when the search matches several pointers, and changes none', async () => {
    await env.fhir('Appointment', { token, body: pointer('c-3') });
    await env.fhir('Appointment', { token, body: pointer('c-3') });
    const several = await put(byIdentifier('c-3'), pointer('c-3', undefined, { status: 'cancelled' }));
    expect([several.status, several.body.resourceType]).toEqual([412, 'OperationOutcome']);
    const ifNoneExist = await env.fhir('Appointment', { token, body: pointer('c-3'), headers: { 'if-none-exist': `identifier=${ORIGINAL_SYSTEM}|c-3` } });
    expect(ifNoneExist.status).toBe(412);
    expect(env.sandbox.registry.knobs.appointments().map((a) => a.status)).toEqual(['booked', 'booked']);
  });

  it('refuses a conditional write whose resource would not match its own condition', async () => {
    const mismatch = await put(byIdentifier('c-4'), pointer('c-5'));
    expect([mismatch.status, mismatch.body.issue[0].expression]).toEqual([400, ['Appointment.identifier']]);
    const viaHeader = await env.fhir('Appointment', { token, body: pointer('c-5'), headers: { 'if-none-exist': `identifier=${ORIGINAL_SYSTEM}|c-4` } });
    expect(viaHeader.status).toBe(400);
    const withId = await put(byIdentifier('c-4'), { ...pointer('c-4'), id: 'mine' });
    expect(withId.status).toBe(400);
    const noSearch = await put('Appointment', pointer('c-4'));
    expect(noSearch.status).toBe(400);
    expect(env.sandbox.registry.knobs.appointments()).toEqual([]);
  });
});

describe('search', () => {
  it('finds pointers by identifier, by the patient\'s identifier in every spelling and by any actor\'s', async () => {
    const a = (await put(byIdentifier('s-1'), pointer('s-1', '198503149828'))).body as Appointment;
    const b = (await put(byIdentifier('s-2'), pointer('s-2', '198503149828'))).body as Appointment;
    const c = (await put(byIdentifier('s-3'), pointer('s-3', '197211059840'))).body as Appointment;
    const ids = async (query: string) => {
      const found = await env.fhir(`Appointment?${query}`, { token });
      expect(found.status, query).toBe(200);
      expect(found.body.type, query).toBe('searchset');
      expect(found.body.total, query).toBe(found.body.entry.length);
      return (found.body.entry as { resource: Appointment; fullUrl: string }[]).map((e) => {
        expect(e.fullUrl).toBe(`${env.sandbox.registry.fhirBase}/Appointment/${e.resource.id}`);
        return e.resource.id;
      });
    };
    const patient = encodeURIComponent(`${PERSONNUMMER}|198503149828`);
    expect(await ids(`identifier=${encodeURIComponent(`${ORIGINAL_SYSTEM}|s-2`)}`)).toEqual([b.id]);
    expect(await ids('identifier=s-3')).toEqual([c.id]);
    expect(await ids(`identifier=${encodeURIComponent(`${ORIGINAL_SYSTEM}|`)}`)).toEqual([a.id, b.id, c.id]);
    expect(await ids('identifier=%7Cs-1')).toEqual([]);
    expect(await ids(`patient:identifier=${patient}`)).toEqual([a.id, b.id]);
    expect(await ids(`patient.identifier=${patient}`)).toEqual([a.id, b.id]);
    expect(await ids(`patient:identifier=${patient}&identifier=s-2`)).toEqual([b.id]);
    expect(await ids('patient:identifier=197211059840,198503149828')).toEqual([a.id, b.id, c.id]);
    expect(await ids('actor:identifier=pr-anna-berg-sto')).toEqual([a.id, b.id, c.id]);
    expect(await ids('patient:identifier=pr-anna-berg-sto')).toEqual([]);
    expect(await ids('')).toEqual([a.id, b.id, c.id]);
  });

  it('refuses unknown parameters and empty values with an OperationOutcome', async () => {
    for (const query of ['patient=Patient/1', 'identifier=', 'identifier=%7C', '_count=5']) {
      const refused = await env.fhir(`Appointment?${query}`, { token });
      expect([refused.status, refused.body.resourceType, refused.body.issue[0].code], query).toEqual([400, 'OperationOutcome', 'invalid']);
    }
  });
});

describe('validation', () => {
  const cases: [string, unknown, string][] = [
    ['not an object', [1, 2], 'Appointment'],
    ['another resource', { ...pointer('v'), resourceType: 'Patient' }, 'resourceType'],
    ['an unknown status', { ...pointer('v'), status: 'confirmed' }, 'Appointment.status'],
    ['no identifier', { ...pointer('v'), identifier: undefined }, 'Appointment.identifier'],
    ['an identifier without value', { ...pointer('v'), identifier: [{ system: ORIGINAL_SYSTEM }] }, 'Appointment.identifier'],
    ['no participants', { ...pointer('v'), participant: [] }, 'Appointment.participant'],
    ['a participant without status', { ...pointer('v'), participant: [{ actor: { type: 'Patient', identifier: { system: PERSONNUMMER, value: '1' } } }] }, 'Appointment.participant[0].status'],
    ['no patient', { ...pointer('v'), participant: [{ actor: { display: 'Anna' }, status: 'accepted' }] }, 'Appointment.participant'],
    ['a patient by reference only', { ...pointer('v'), participant: [{ actor: { reference: 'Patient/123' }, status: 'accepted' }] }, 'Appointment.participant[0].actor.identifier'],
    ['a start without zone', { ...pointer('v'), start: '2026-12-10T09:00:00' }, 'Appointment.start'],
    ['an end before start', { ...pointer('v'), end: '2026-12-10T08:00:00+01:00' }, 'Appointment.end'],
    ['a start without end', { ...pointer('v'), end: undefined }, 'Appointment.end'],
    ['a booked pointer without times', { ...pointer('v'), start: undefined, end: undefined }, 'Appointment.start'],
  ];
  for (const [name, body, expression] of cases) {
    it(`refuses ${name} (400, ${expression})`, async () => {
      const refused = await env.fhir('Appointment', { token, body });
      expect(refused.status).toBe(400);
      expect(refused.body.resourceType).toBe('OperationOutcome');
      expect(refused.body.issue.map((i: { expression: string[] }) => i.expression[0])).toContain(expression);
      expect((await put(byIdentifier('v'), body)).status).toBe(400);
      expect(env.sandbox.registry.knobs.appointments()).toEqual([]);
    });
  }

  it('accepts a cancelled pointer without times, and keeps unknown content as sent', async () => {
    const body = { ...pointer('v-2', undefined, { status: 'cancelled', start: undefined, end: undefined }), extension: [{ url: 'https://example.org/x', valueString: 'kept' }], comment: 'kept too' };
    const created = await put(byIdentifier('v-2'), JSON.parse(JSON.stringify(body)));
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ extension: body.extension, comment: 'kept too' });
  });

  it('answers malformed JSON, another media type and an unknown route with OperationOutcomes, never a 5xx', async () => {
    const broken = await env.fhir('Appointment', { token, body: '{"resourceType":' });
    expect([broken.status, broken.body.resourceType]).toEqual([400, 'OperationOutcome']);
    const xml = await env.fhir('Appointment', { token, body: '<Appointment/>', headers: { 'content-type': 'application/fhir+xml' } });
    expect([xml.status, xml.body.resourceType]).toEqual([415, 'OperationOutcome']);
    const plainJson = await env.fhir('Appointment', { token, body: pointer('v-3'), headers: { 'content-type': 'application/json' } });
    expect(plainJson.status).toBe(201);
    const elsewhere = await env.fhir('Patient', { token });
    expect([elsewhere.status, elsewhere.body.resourceType]).toEqual([404, 'OperationOutcome']);
    const empty = await env.fhir('Appointment', { token, method: 'POST' });
    expect([empty.status, empty.body.resourceType]).toEqual([400, 'OperationOutcome']);
  });
});

describe('authentication', () => {
  it('needs a registry token on every request: 401 OperationOutcome with a Bearer challenge otherwise', async () => {
    const itbSystemToken = ((await (await fetch(env.sandbox.systemTokenUrl, { method: 'POST', headers: { 'X-ApiKey': env.sandbox.apiKey } })).json()) as { access_token: string }).access_token;
    for (const [name, bearer] of [['none', null], ['garbage', 'abc'], ['an ITB system token', itbSystemToken]] as const) {
      for (const [method, path, body] of [['GET', 'Appointment', undefined], ['POST', 'Appointment', pointer('x')], ['PUT', byIdentifier('x'), pointer('x')], ['GET', 'Appointment/1', undefined]] as const) {
        const refused = await env.fhir(path, { method, token: bearer, ...(body === undefined ? {} : { body }) });
        expect([refused.status, refused.body.resourceType, refused.body.issue[0].code], `${name} ${method} ${path}`).toEqual([401, 'OperationOutcome', 'login']);
        expect(refused.headers.get('www-authenticate'), name).toMatch(/^Bearer realm="registry"/);
      }
    }
    // Authentication comes first: a malformed body from a caller without a token is still a 401.
    expect((await env.fhir('Appointment', { token: null, body: '{' })).status).toBe(401);
    expect(env.sandbox.registry.knobs.appointments()).toEqual([]);
  });

  it('does not let a registry token into the ITB API', async () => {
    const refused = await fetch(`${env.sandbox.fhirBase}/HealthcareService`, { headers: { authorization: `Bearer ${token}` } });
    expect(refused.status).toBe(401);
  });
});
