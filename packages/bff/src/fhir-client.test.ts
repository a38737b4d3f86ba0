/**
 * The BFF through a standard FHIR client from npm, as a partner would call it (issue 21):
 * fhir-kit-client against a BFF listening on a real port, on the sandbox. The client's defaults are
 * the test: POST for operations with a `Parameters` body, `Accept`/`Content-Type`
 * application/fhir+json, `next` links followed as they are, reads by `{type}/{id}`.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Client, splitReference, type FhirResource } from 'fhir-kit-client';
import type { Appointment, Bundle, Resource } from '@itb/shared';
import { STOCKHOLM_ANNA } from '../test/booking-fixtures.test-support.js';
import { startBffTestEnv, type BffTestEnv } from '../test/bff-test-env.test-support.js';

const DAY_MS = 86_400_000;
const URN_UUID = /^urn:uuid:[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

let env: BffTestEnv;
let client: Client;
let visitType: string;
beforeAll(async () => {
  env = await startBffTestEnv({ listen: true });
  client = new Client({ baseUrl: `${env.baseUrl ?? ''}/fhir` });
  const treatment = await client.read({ resourceType: 'ActivityDefinition', id: STOCKHOLM_ANNA.treatment }) as unknown as { code?: { coding?: { system?: string; code?: string }[] } };
  const coding = treatment.code?.coding?.[0];
  visitType = `${coding?.system ?? ''}|${coding?.code ?? ''}`;
});
afterAll(() => env?.close());

/** The parts of a CapabilityStatement read here. */
interface Capability {
  readonly format?: readonly string[];
  readonly rest?: readonly { readonly resource?: readonly { readonly type: string; readonly operation?: readonly { readonly name: string }[] }[] }[];
}

const asBundle = (resource: FhirResource): Bundle => resource as unknown as Bundle;
const matches = (bundle: Bundle) => (bundle.entry ?? []).filter((e) => e.search?.mode !== 'outcome');
const idsOf = (bundle: Bundle) => matches(bundle).map((e) => `${e.resource?.resourceType ?? ''}/${e.resource?.id ?? ''}`);

/** A `$find` window a few days out (free times exist there in the sandbox). */
function window(): { start: string; end: string } {
  const now = Date.now();
  return { start: new Date(now + 3 * DAY_MS).toISOString(), end: new Date(now + 10 * DAY_MS).toISOString() };
}

describe('fhir-kit-client against the BFF', () => {
  it('reads the CapabilityStatement with capabilityStatement()', async () => {
    const statement = await client.capabilityStatement() as unknown as Capability;
    expect(statement).toMatchObject({ resourceType: 'CapabilityStatement', fhirVersion: '4.0.1', kind: 'instance' });
    expect(statement.format).toContain('json');
    const resources = new Map((statement.rest?.[0]?.resource ?? []).map((r) => [r.type, r]));
    for (const type of ['HealthcareService', 'PractitionerRole', 'ActivityDefinition', 'Appointment']) expect(resources.has(type), type).toBe(true);
    expect(resources.get('Appointment')?.operation?.map((o) => o.name)).toEqual(expect.arrayContaining(['find', 'book']));
  });

  it('pages a search with _count and nextPage() to the same set as the whole search', async () => {
    const whole = asBundle(await client.search({ resourceType: 'PractitionerRole' }));
    expect(matches(whole).length).toBeGreaterThan(4);
    const seen: string[] = [];
    let page: Bundle | undefined = asBundle(await client.search({ resourceType: 'PractitionerRole', searchParams: { _count: 4 } }));
    let pages = 0;
    while (page !== undefined) {
      pages += 1;
      expect(matches(page).length).toBeLessThanOrEqual(4);
      expect(page.link?.find((l) => l.relation === 'self')?.url).toMatch(/_count=4/);
      seen.push(...idsOf(page));
      const next = client.nextPage({ bundle: page as unknown as Parameters<Client['nextPage']>[0]['bundle'] });
      page = next === undefined ? undefined : asBundle(await next);
      expect(pages).toBeLessThan(20);
    }
    expect(pages).toBe(Math.ceil(matches(whole).length / 4));
    expect(seen).toEqual(idsOf(whole));
  });

  it('calls $find with operation() by GET', async () => {
    const answer = asBundle(await client.operation({
      resourceType: 'Appointment', name: '$find', method: 'GET',
      input: { ...window(), 'visit-type': visitType, healthcareService: `HealthcareService/${STOCKHOLM_ANNA.clinic}`, practitionerRole: `PractitionerRole/${STOCKHOLM_ANNA.role}` },
    }));
    expect(answer).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    const times = matches(answer);
    expect(times.length).toBeGreaterThan(0);
    for (const entry of times) {
      expect((entry.resource as Appointment).status).toBe('proposed');
      expect(entry.fullUrl).toMatch(URN_UUID);
    }
  });

  it('calls $find with operation() by POST (its default), a Parameters body, and gets what GET gets', async () => {
    const { start, end } = window();
    const get = asBundle(await client.operation({
      resourceType: 'Appointment', name: '$find', method: 'GET',
      input: { start, end, 'visit-type': visitType, healthcareService: `HealthcareService/${STOCKHOLM_ANNA.clinic}` },
    }));
    const post = asBundle(await client.operation({
      resourceType: 'Appointment', name: '$find',
      input: {
        resourceType: 'Parameters',
        parameter: [
          { name: 'start', valueDateTime: start },
          { name: 'end', valueDateTime: end },
          { name: 'visit-type', valueString: visitType },
          { name: 'healthcareService', valueReference: { reference: `HealthcareService/${STOCKHOLM_ANNA.clinic}` } },
        ],
      },
    }));
    expect(post).toMatchObject({ resourceType: 'Bundle', type: 'searchset' });
    expect(idsOf(post).length).toBeGreaterThan(0);
    expect(idsOf(post)).toEqual(idsOf(get));
  });

  it('reads every fullUrl of a catalog answer that is not a urn, by type and id', async () => {
    const answer = asBundle(await client.operation({
      name: '$get-offers-context', method: 'GET',
      input: { includeActivityDefinitionPortal: true, includeHealthcareServicePortal: true, includePractitionerRolePortal: true },
    }));
    const entries = answer.entry ?? [];
    expect(entries.length).toBeGreaterThan(0);
    let reads = 0;
    for (const entry of entries) {
      const fullUrl = entry.fullUrl ?? '';
      if (fullUrl.startsWith('urn:')) {
        expect(fullUrl).toMatch(URN_UUID);
        continue;
      }
      const reference = splitReference(fullUrl);
      expect(reference.baseUrl, fullUrl).toBe(`${env.baseUrl ?? ''}/fhir`);
      const read = await client.read({ resourceType: reference.resourceType, id: reference.id }) as unknown as Resource;
      expect([read.resourceType, read.id], fullUrl).toEqual([entry.resource?.resourceType, entry.resource?.id]);
      reads += 1;
    }
    expect(reads).toBeGreaterThan(10);
  });
});
