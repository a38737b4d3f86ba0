import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FIND_ELEMENTS, OFFERS_CONTEXT_ELEMENTS, SUBSETTED_TAG, indexOffersContext, readAvailability, type Bundle } from '@itb/shared';
import { startBffTestEnv, type BffTestEnv } from '../../test/bff-test-env.test-support.js';

const ALL = 'includeHealthcareServicePortal=true&includePractitionerRolePortal=true&includeActivityDefinitionPortal=true';
const DAY = 86_400_000;

let env: BffTestEnv;
let findQuery: string;

beforeAll(async () => {
  env = await startBffTestEnv({ env: { ITB_FIND_TTL_SECONDS: '0' } });
  const start = new Date(Date.now() + DAY).toISOString().slice(0, 10);
  const end = new Date(Date.now() + 8 * DAY).toISOString().slice(0, 10);
  const coding = ((await env.app.inject({ url: '/fhir/ActivityDefinition/ad-examination-30' })).json() as { code: { coding: { system: string; code: string }[] } }).code.coding[0];
  findQuery = `start=${start}&end=${end}&healthcareService=HealthcareService/hs-stockholm-city&visit-type=${encodeURIComponent(`${coding?.system}|${coding?.code}`)}`;
});
afterAll(async () => { await env.close(); });

async function bundle(url: string): Promise<Bundle> {
  const answer = await env.app.inject({ url });
  expect(answer.statusCode).toBe(200);
  return answer.json() as Bundle;
}

function resources(b: Bundle, type: string): Record<string, unknown>[] {
  return (b.entry ?? []).map((e) => e.resource as unknown as Record<string, unknown>).filter((r) => r.resourceType === type);
}

const hasSubsettedTag = (r: Record<string, unknown>) => ((r.meta as { tag?: unknown[] } | undefined)?.tag ?? []).some((t) => (t as { code?: string }).code === SUBSETTED_TAG.code);

describe('_elements on $get-offers-context', () => {
  it('keeps only the named elements of each named type (plus id, meta, mandatory and modifier ones) and tags them SUBSETTED', async () => {
    const whole = await bundle(`/fhir/$get-offers-context?${ALL}`);
    const subset = await bundle(`/fhir/$get-offers-context?${ALL}&_elements=HealthcareService.name,ActivityDefinition.title`);
    expect(subset.entry).toHaveLength(whole.entry?.length ?? -1);
    for (const clinic of resources(subset, 'HealthcareService')) {
      expect(Object.keys(clinic).every((k) => ['resourceType', 'id', 'meta', 'active', 'name'].includes(k))).toBe(true);
      expect(hasSubsettedTag(clinic)).toBe(true);
    }
    for (const treatment of resources(subset, 'ActivityDefinition')) {
      // status is mandatory (1..1) on ActivityDefinition.
      expect(Object.keys(treatment).sort()).toEqual(['id', 'meta', 'resourceType', 'status', 'title']);
    }
    // Types named by nothing stay whole and untagged.
    expect(resources(subset, 'PractitionerRole')).toEqual(resources(whole, 'PractitionerRole'));
    expect(resources(subset, 'Parameters')).toEqual(resources(whole, 'Parameters'));
  });

  it("with the widget's elements, the catalog reads exactly as the whole answer does, in fewer bytes", async () => {
    const wholeAnswer = await env.app.inject({ url: `/fhir/$get-offers-context?${ALL}` });
    const subsetAnswer = await env.app.inject({ url: `/fhir/$get-offers-context?${ALL}&_elements=${encodeURIComponent(OFFERS_CONTEXT_ELEMENTS)}` });
    expect(indexOffersContext(subsetAnswer.json())).toEqual(indexOffersContext(wholeAnswer.json()));
    expect(subsetAnswer.body.length).toBeLessThan(wholeAnswer.body.length);
  });

  it('is its own cached variant with its own ETag, and plain element names apply to every type', async () => {
    const a = await env.app.inject({ url: `/fhir/$get-offers-context?${ALL}&_elements=name` });
    const b = await env.app.inject({ url: `/fhir/$get-offers-context?${ALL}` });
    expect(a.headers.etag).not.toBe(b.headers.etag);
    const subset = a.json() as Bundle;
    for (const clinic of resources(subset, 'HealthcareService')) expect(clinic.telecom).toBeUndefined();
    for (const role of resources(subset, 'PractitionerRole')) expect(role.code).toBeUndefined();
  });

  it('ignores names that are not element names, and refuses an absurdly long value with an OperationOutcome', async () => {
    expect((await env.app.inject({ url: `/fhir/$get-offers-context?${ALL}&_elements=no such!,,` })).body)
      .toBe((await env.app.inject({ url: `/fhir/$get-offers-context?${ALL}` })).body);
    const long = await env.app.inject({ url: `/fhir/$get-offers-context?_elements=${'a'.repeat(2001)}` });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({ resourceType: 'OperationOutcome', issue: [{ code: 'invalid' }] });
  });
});

describe('_elements on Appointment/$find', () => {
  it('subsets the free times, keeping status and participant (mandatory) and the SUBSETTED tag', async () => {
    const subset = await bundle(`/fhir/Appointment/$find?${findQuery}&_elements=start`);
    const times = resources(subset, 'Appointment');
    expect(times.length).toBeGreaterThan(0);
    for (const time of times) {
      expect(Object.keys(time).sort()).toEqual(['id', 'meta', 'participant', 'resourceType', 'start', 'status']);
      expect(hasSubsettedTag(time)).toBe(true);
    }
    expect(subset).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: times.length });
  });

  it("with the widget's elements, the times read exactly as from the whole answer", async () => {
    const whole = await bundle(`/fhir/Appointment/$find?${findQuery}`);
    const subset = await bundle(`/fhir/Appointment/$find?${findQuery}&_elements=${encodeURIComponent(FIND_ELEMENTS)}`);
    const strip = (times: ReturnType<typeof readAvailability>['times']) => times.map(({ appointment: _a, ...rest }) => rest);
    const read = (b: Bundle) => readAvailability(b);
    expect(strip(read(subset).times)).toEqual(strip(read(whole).times));
    expect(read(subset).gaps).toEqual(read(whole).gaps);
    expect(strip(read(subset).times).length).toBeGreaterThan(0);
  });
});
