import { describe, expect, it } from 'vitest';
import type { Appointment, Bundle, HealthcareService, OperationOutcome } from './types.js';
import { SUBSETTED_TAG, parseElements, subsetBundle, subsetResource } from './elements.js';

const clinic = {
  resourceType: 'HealthcareService',
  id: 'hs-1',
  meta: { profile: ['http://example.org/hs'], tag: [{ system: 'http://example.org/t', code: 'x' }] },
  active: true,
  name: 'City',
  identifier: [{ system: 'http://example.org/id', value: '1' }],
  telecom: [{ system: 'phone', value: '+46 8 123' }],
  comment: 'long text',
} satisfies HealthcareService;

const time = {
  resourceType: 'Appointment',
  id: 'a-1',
  status: 'proposed',
  start: '2026-12-04T07:00:00Z',
  serviceType: [{ text: 'Undersökning' }],
  participant: [{ actor: { reference: 'PractitionerRole/pr-1' }, status: 'accepted' }],
} satisfies Appointment;

const outcome = { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'incomplete', diagnostics: 'one practitioner failed' }] } satisfies OperationOutcome;

function select(value: string | string[]) {
  const selection = parseElements(value);
  if (selection === undefined) throw new Error('expected a selection');
  return selection;
}

describe('parseElements', () => {
  it('reads plain and Type-qualified names from one or repeated values, ignoring what is not an element name', () => {
    const selection = select(['name, HealthcareService.telecom', 'Appointment.start,,bad name,1x,Appointment.']);
    expect([...selection.any]).toEqual(['name']);
    expect([...selection.byType.get('HealthcareService') ?? []]).toEqual(['telecom']);
    expect([...selection.byType.get('Appointment') ?? []]).toEqual(['start']);
    expect(selection.key).toBe('*.name,Appointment.start,HealthcareService.telecom');
  });

  it('gives the same key whatever the order, and nothing for an empty or unusable value', () => {
    expect(select('b,a,T.c').key).toBe(select('T.c,a,b').key);
    expect(parseElements(undefined)).toBeUndefined();
    expect(parseElements('')).toBeUndefined();
    expect(parseElements(' , !!')).toBeUndefined();
  });
});

describe('subsetResource', () => {
  it('keeps the named elements, id, meta and the mandatory and modifier ones, and tags it SUBSETTED', () => {
    const subset = subsetResource(clinic, select('name'));
    expect(subset).toEqual({
      resourceType: 'HealthcareService',
      id: 'hs-1',
      meta: { profile: ['http://example.org/hs'], tag: [{ system: 'http://example.org/t', code: 'x' }, SUBSETTED_TAG] },
      // HealthcareService.active is a modifier element: never dropped.
      active: true,
      name: 'City',
    });
    expect(clinic.telecom).toHaveLength(1);
    expect(clinic.meta.tag).toHaveLength(1);
  });

  it("keeps a type's mandatory elements even when they are not asked for", () => {
    const subset = subsetResource(time, select('start'));
    expect(Object.keys(subset).sort()).toEqual(['id', 'meta', 'participant', 'resourceType', 'start', 'status']);
    expect((subset as Appointment).meta?.tag).toEqual([SUBSETTED_TAG]);
  });

  it('applies Type.element names to that type only and leaves a type named by nothing whole', () => {
    const selection = select('HealthcareService.telecom');
    expect(Object.keys(subsetResource(clinic, selection)).sort()).toEqual(['active', 'id', 'meta', 'resourceType', 'telecom']);
    expect(subsetResource(time, selection)).toBe(time);
  });

  it('leaves a resource that already has only the selected elements as it is (no tag)', () => {
    const small = { resourceType: 'HealthcareService', id: 'hs-2', name: 'Small' } satisfies HealthcareService;
    expect(subsetResource(small, select('name'))).toBe(small);
  });

  it('does not tag twice', () => {
    const once = subsetResource(clinic, select('name'));
    expect(subsetResource({ ...once, comment: 'again' }, select('name')).meta?.tag).toHaveLength(2);
  });
});

describe('subsetBundle', () => {
  const bundle = {
    resourceType: 'Bundle',
    type: 'searchset',
    total: 2,
    entry: [
      { fullUrl: 'urn:uuid:1', resource: time, search: { mode: 'match' } },
      { fullUrl: 'urn:uuid:2', resource: clinic, search: { mode: 'include' } },
      { fullUrl: 'urn:uuid:3', resource: outcome, search: { mode: 'outcome' } },
    ],
  } satisfies Bundle;

  it('subsets matched resources only; the Bundle, included resources and outcomes stay whole', () => {
    const subset = subsetBundle(bundle, select('start,name'));
    expect(subset).toMatchObject({ resourceType: 'Bundle', type: 'searchset', total: 2 });
    expect(subset.entry?.[0]?.resource).toEqual({ resourceType: 'Appointment', id: 'a-1', status: 'proposed', start: time.start, participant: time.participant, meta: { tag: [SUBSETTED_TAG] } });
    expect(subset.entry?.[0]?.fullUrl).toBe('urn:uuid:1');
    expect(subset.entry?.[1]).toBe(bundle.entry[1]);
    expect(subset.entry?.[2]).toBe(bundle.entry[2]);
    expect(bundle.entry[0]?.resource).toBe(time);
  });

  it('passes everything through without a selection', () => {
    expect(subsetBundle(bundle, undefined)).toBe(bundle);
  });
});
