import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Appointment, Bundle, OperationOutcome } from '../fhir/types.js';
import { EXT, SYSTEM } from '../fhir/urls.js';
import { bookableTimes, groupByDay, groupByPractitioner, isFreeTime, mergeFindBundles, readAvailability, uniqueStartTimes, weekWindow, type AvailableTime } from './availability.js';

const CLINIC = '5d0c2a7e-1b3f-4e52-9a61-0c7d8e9f1a23';
const BASE = 'https://api.wellonfhir.se/acme/1.0/R4/fhir';

function proposed(practitioner: string, start: string, minutes = 45, slot = `001-${start}-${practitioner}`): Appointment {
  const end = new Date(Date.parse(start) + minutes * 60_000).toISOString();
  return {
    resourceType: 'Appointment',
    id: slot,
    extension: [{ url: EXT.activityDefinitionReference, valueReference: { reference: 'ActivityDefinition/a1f3c5e7', display: 'Tandhygienistbesök' } }],
    identifier: [
      { system: SYSTEM.slotId, value: slot },
      { system: SYSTEM.appointmentSourcePrefix, value: 'e7d6c5b4' },
    ],
    status: 'proposed',
    serviceType: [{ coding: [{ system: SYSTEM.serviceTypeId, code: 'hyg45' }] }],
    start,
    end,
    requestedPeriod: [{ start, end }],
    participant: [
      { actor: { type: 'PractitionerRole', reference: `PractitionerRole/${practitioner}` }, status: 'accepted' },
      { actor: { reference: 'ActivityDefinition/a1f3c5e7' }, status: 'accepted' },
    ],
  } satisfies Appointment;
}

function findBundle(...appointments: Appointment[]): Bundle<Appointment | OperationOutcome> {
  return {
    resourceType: 'Bundle',
    type: 'searchset',
    total: appointments.length,
    entry: appointments.map((resource) => ({ fullUrl: `${BASE}/Appointment/${resource.id ?? ''}`, resource, search: { mode: 'match' } })),
  } satisfies Bundle<Appointment | OperationOutcome>;
}

const keysOf = (times: readonly AvailableTime[]) => times.map((t) => `${t.practitionerRoleId}/${t.slotId}`);

describe('readAvailability', () => {
  it('reads times with slot id, practitioner, treatment and clinic, sorted by start then practitioner', () => {
    const withClinic = proposed('pr-b', '2026-09-15T08:00:00+00:00');
    withClinic.participant.push({ actor: { type: 'HealthcareService', reference: `HealthcareService/${CLINIC}` }, status: 'accepted' });
    const { times, gaps } = readAvailability(findBundle(proposed('pr-a', '2026-09-15T09:00:00Z'), withClinic, proposed('pr-a', '2026-09-15T08:00:00Z')));
    expect(gaps).toEqual([]);
    expect(times.map((t) => [t.start, t.practitionerRoleId])).toEqual([
      ['2026-09-15T08:00:00Z', 'pr-a'], ['2026-09-15T08:00:00+00:00', 'pr-b'], ['2026-09-15T09:00:00Z', 'pr-a'],
    ]);
    expect(times[1]).toMatchObject({ slotId: '001-2026-09-15T08:00:00+00:00-pr-b', clinicId: CLINIC, treatmentId: 'a1f3c5e7', end: '2026-09-15T08:45:00.000Z' });
    expect(times[1]?.appointment).toBe(withClinic);
  });

  it('reads many bundles and de-duplicates by practitioner + slot', () => {
    const a = proposed('pr-a', '2026-09-15T08:00:00Z');
    const { times } = readAvailability([findBundle(a), findBundle(a, proposed('pr-b', '2026-09-15T08:00:00Z', 45, a.id))]);
    expect(keysOf(times)).toEqual([`pr-a/${a.id}`, `pr-b/${a.id}`]);
  });

  it('falls back to the resource id without a slot-id identifier and skips unusable appointments', () => {
    const noSlot = proposed('pr-a', '2026-09-15T08:00:00Z');
    noSlot.identifier = [];
    const noPractitioner = { ...proposed('pr-a', '2026-09-15T10:00:00Z'), participant: [] };
    const noStart: Record<string, unknown> = { ...proposed('pr-a', '2026-09-15T11:00:00Z') };
    delete noStart.start;
    const { times } = readAvailability({ resourceType: 'Bundle', entry: [{ resource: noSlot }, { resource: noPractitioner }, { resource: noStart }, { resource: { resourceType: 'Appointment', start: 'soon' } }] });
    expect(keysOf(times)).toEqual([`pr-a/${noSlot.id}`]);
  });

  it('turns OperationOutcome issues into gaps, naming the practitioner from details.text, expression or diagnostics; ignored-parameter warnings are not gaps', () => {
    const merged = mergeFindBundles([findBundle(proposed('pr-a', '2026-09-15T08:00:00Z'))], [{ practitionerRoleId: 'pr:b:1', diagnostics: 'Upstream timed out.' }]);
    const bareOutcome = { resourceType: 'OperationOutcome', issue: [
      { severity: 'error', code: 'exception', diagnostics: 'No schedule for PractitionerRole/pr-c, sorry' },
      { severity: 'information', code: 'informational', diagnostics: 'Just so you know' },
      // A search's "parameters ignored" warning is about the request, not the times.
      { severity: 'warning', code: 'not-supported', diagnostics: 'Ignored unknown parameters: foo.', expression: ['foo'] },
      { severity: 'error', code: 'exception', details: { text: 'Something else' } },
      // The form the BFF wrote before expression became FHIRPath, still read.
      { severity: 'warning', code: 'incomplete', diagnostics: 'Timed out.', expression: ['PractitionerRole/pr-d'] },
    ] };
    const { times, gaps } = readAvailability([merged, bareOutcome]);
    expect(times).toHaveLength(1);
    expect(gaps).toEqual([
      { practitionerRoleId: 'pr:b:1', diagnostics: 'Upstream timed out.' },
      { practitionerRoleId: 'pr-c', diagnostics: 'No schedule for PractitionerRole/pr-c, sorry' },
      { diagnostics: 'Something else' },
      { practitionerRoleId: 'pr-d', diagnostics: 'Timed out.' },
    ]);
  });

  it('never throws on garbage', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      const result = readAvailability(value);
      expect(Array.isArray(result.times)).toBe(true);
    }), { numRuns: 200 });
    expect(readAvailability(undefined)).toEqual({ times: [], gaps: [] });
  });
});

describe('only free times (spec §13.30)', () => {
  const someoneElse = { actor: { type: 'Patient', identifier: { system: 'urn:oid:1.2.752.129.2.1.3.1', value: '198503149828' } }, status: 'accepted' } as const;
  const booked: Appointment = { ...proposed('p1', '2026-06-15T08:00:00Z'), status: 'booked' };
  const pending: Appointment = { ...proposed('p1', '2026-06-15T09:00:00Z'), status: 'pending' };
  const cancelled: Appointment = { ...proposed('p1', '2026-06-15T10:00:00Z'), status: 'cancelled' };
  const withPatient: Appointment = { ...proposed('p1', '2026-06-15T11:00:00Z'), participant: [...(proposed('p1', '2026-06-15T11:00:00Z').participant ?? []), someoneElse] };
  const free = proposed('p1', '2026-06-15T12:00:00Z');

  it('counts only a proposed appointment without a patient as free', () => {
    expect([booked, pending, cancelled, withPatient, free].map(isFreeTime)).toEqual([false, false, false, false, true]);
    expect(isFreeTime({ ...free, status: undefined })).toBe(false);
    expect(isFreeTime('proposed')).toBe(false);
  });

  it('never reads or merges a non-free entry, so no one else\'s booking reaches the browser', () => {
    const answer = findBundle(booked, pending, cancelled, withPatient, free);
    expect(readAvailability(answer).times.map((t) => t.start)).toEqual(['2026-06-15T12:00:00Z']);
    const merged = mergeFindBundles([answer]);
    expect(merged.total).toBe(1);
    expect(JSON.stringify(merged)).not.toContain('198503149828');
  });

  it('keeps the free time when a cancelled entry has the same slot', () => {
    const slot = 'same-slot';
    const gone: Appointment = { ...proposed('p1', '2026-06-15T12:00:00Z', 45, slot), status: 'cancelled' };
    const open = proposed('p1', '2026-06-15T12:00:00Z', 45, slot);
    for (const order of [[gone, open], [open, gone]]) {
      expect(mergeFindBundles([findBundle(...order)]).entry?.map((e) => (e.resource as Appointment | undefined)?.status)).toEqual(['proposed']);
    }
  });
});

describe('mergeFindBundles', () => {
  it('merges per-practitioner answers into one searchset with total = appointments and one outcome entry', () => {
    const a1 = proposed('pr-a', '2026-09-15T09:00:00Z');
    const b1 = proposed('pr-b', '2026-09-15T08:00:00Z');
    const merged = mergeFindBundles([findBundle(a1), findBundle(b1), findBundle()], [{ practitionerRoleId: 'pr-c', diagnostics: 'PractitionerRole pr-c: upstream 502' }]);
    expect(merged).toEqual({
      resourceType: 'Bundle',
      type: 'searchset',
      total: 2,
      entry: [
        { fullUrl: `${BASE}/Appointment/${b1.id}`, resource: b1, search: { mode: 'match' } },
        { fullUrl: `${BASE}/Appointment/${a1.id}`, resource: a1, search: { mode: 'match' } },
        { resource: { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'incomplete', details: { text: 'PractitionerRole/pr-c' }, diagnostics: 'PractitionerRole pr-c: upstream 502', expression: ['practitionerRole'] }] }, search: { mode: 'outcome' } },
      ],
    });
  });

  it('keeps the upstream meta.profile only when every merged Bundle declares the same one', () => {
    const PROFILE = 'https://canonical.fhir.link/servicewell/wof-portal/StructureDefinition/portal-find-appointment-bundle';
    const profiled = (...appointments: Appointment[]) => ({ ...findBundle(...appointments), meta: { profile: [PROFILE] } });
    const a1 = proposed('pr-a', '2026-09-15T09:00:00Z');
    const b1 = proposed('pr-b', '2026-09-15T08:00:00Z');
    expect(mergeFindBundles([profiled(a1), profiled(b1)], [{ practitionerRoleId: 'pr-c', diagnostics: 'timeout' }]).meta).toEqual({ profile: [PROFILE] });
    expect(mergeFindBundles([profiled(a1), findBundle(b1)]).meta).toBeUndefined();
    expect(mergeFindBundles([profiled(a1), { ...findBundle(b1), meta: { profile: ['urn:other'] } }]).meta).toBeUndefined();
    expect(mergeFindBundles([]).meta).toBeUndefined();
  });

  it('has no outcome entry when nothing failed, and keeps upstream warnings', () => {
    expect(mergeFindBundles([findBundle()])).toEqual({ resourceType: 'Bundle', type: 'searchset', total: 0, entry: [] });
    const warned = { ...findBundle(), entry: [{ resource: { resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'informational', diagnostics: 'Only 50 shown' }] }, search: { mode: 'outcome' } }] };
    expect(mergeFindBundles([warned]).entry?.at(-1)?.resource).toEqual({ resourceType: 'OperationOutcome', issue: [{ severity: 'warning', code: 'informational', diagnostics: 'Only 50 shown' }] });
  });

  const practitioner = fc.constantFrom('pr-a', 'pr-b', 'pr:c:1');
  const time = fc.record({ practitioner, slot: fc.integer({ min: 0, max: 12 }), minutes: fc.constantFrom(30, 45) })
    .map(({ practitioner: p, slot, minutes }) => proposed(p, new Date(Date.parse('2026-09-15T06:00:00Z') + slot * 15 * 60_000).toISOString(), minutes, `slot-${slot}`));
  const inputs = fc.array(fc.array(time, { maxLength: 6 }).map((list) => findBundle(...list)), { maxLength: 5 });
  const failures = fc.array(fc.record({ practitionerRoleId: practitioner, diagnostics: fc.constantFrom('timeout', '502') }), { maxLength: 2 });

  it('is order-independent', () => {
    const permuted = inputs.chain((bundles) => fc.tuple(fc.constant(bundles), fc.shuffledSubarray(bundles, { minLength: bundles.length, maxLength: bundles.length })));
    fc.assert(fc.property(permuted, failures, ([bundles, shuffled], failed) => {
      const reversedEntries = shuffled.map((b) => ({ ...b, entry: [...(b.entry ?? [])].reverse() }));
      expect(mergeFindBundles(reversedEntries, [...failed].reverse())).toEqual(mergeFindBundles(bundles, failed));
    }));
  });

  it('is idempotent: merging the merged answer with its inputs adds nothing', () => {
    fc.assert(fc.property(inputs, failures, (bundles, failed) => {
      const merged = mergeFindBundles(bundles, failed);
      expect(mergeFindBundles([merged, ...bundles], failed)).toEqual(merged);
      expect(mergeFindBundles([merged])).toEqual(merged);
    }));
  });

  it('keeps every input time exactly once, sorted by start then practitioner', () => {
    fc.assert(fc.property(inputs, (bundles) => {
      const merged = mergeFindBundles(bundles);
      const inputKeys = new Set(keysOf(readAvailability(bundles).times));
      const outputKeys = keysOf(readAvailability(merged).times);
      expect(outputKeys.length).toBe(inputKeys.size);
      expect(new Set(outputKeys)).toEqual(inputKeys);
      expect(merged.total).toBe(inputKeys.size);
      const starts = (merged.entry ?? []).filter((e) => e.resource?.resourceType === 'Appointment').map((e) => Date.parse((e.resource as Appointment).start ?? ''));
      expect(starts).toEqual([...starts].sort((x, y) => x - y));
    }));
  });
});

describe('views of times', () => {
  const times = readAvailability(findBundle(
    proposed('pr-b', '2026-09-15T08:00:00Z'),
    proposed('pr-a', '2026-09-15T08:00:00+00:00'),
    proposed('pr-a', '2026-09-15T07:00:00Z'),
    proposed('pr-b', '2026-09-15T21:30:00Z'),
    proposed('pr-c', '2026-09-16T09:00:00Z'),
  )).times;

  it('groups by practitioner in first-free order, each list by start', () => {
    const groups = groupByPractitioner(times);
    expect([...groups.keys()]).toEqual(['pr-a', 'pr-b', 'pr-c']);
    expect(groups.get('pr-b')?.map((t) => t.start)).toEqual(['2026-09-15T08:00:00Z', '2026-09-15T21:30:00Z']);
  });

  it('lists unique start times (instants, not strings) with practitioners in the caller order', () => {
    const preferred = [...times].sort((a, b) => (a.practitionerRoleId === 'pr-b' ? -1 : 0) - (b.practitionerRoleId === 'pr-b' ? -1 : 0));
    const options = uniqueStartTimes(preferred);
    expect(options.map((o) => o.times.map((t) => t.practitionerRoleId))).toEqual([['pr-a'], ['pr-b', 'pr-a'], ['pr-b'], ['pr-c']]);
    expect(options[1]?.start).toBe('2026-09-15T08:00:00Z');
  });

  it('keeps one time per practitioner at a start', () => {
    const twice = [...times, { ...times[0]!, slotId: 'other' }];
    expect(uniqueStartTimes(twice)[0]?.times).toHaveLength(1);
  });

  it('groups by local day in the clinic time zone', () => {
    const days = groupByDay(times, 'Europe/Stockholm');
    // 21:30Z on the 15th is 23:30 in Stockholm (same day) but 07:30 on the 16th in Tokyo.
    expect([...days.keys()]).toEqual(['2026-09-15', '2026-09-16']);
    expect(days.get('2026-09-15')).toHaveLength(4);
    const tokyo = groupByDay(times, 'Asia/Tokyo');
    expect(tokyo.get('2026-09-16')?.map((t) => t.start)).toEqual(['2026-09-15T21:30:00Z', '2026-09-16T09:00:00Z']);
    expect(groupByDay([{ start: 'nope' }], 'UTC').size).toBe(0);
  });

  it('drops times closer than the minimum advance, inclusive at the boundary', () => {
    const now = new Date('2026-09-15T06:00:00Z');
    expect(bookableTimes(times, now, 60).map((t) => t.start)).toEqual(['2026-09-15T07:00:00Z', '2026-09-15T08:00:00+00:00', '2026-09-15T08:00:00Z', '2026-09-15T21:30:00Z', '2026-09-16T09:00:00Z']);
    expect(bookableTimes(times, now, 61)).toHaveLength(4);
    expect(bookableTimes(times, new Date('2026-09-16T09:00:00Z'))).toHaveLength(1);
  });
});

describe('weekWindow', () => {
  it('gives Monday 00:00 to next Monday 00:00 with the local offsets', () => {
    expect(weekWindow(new Date('2026-09-16T12:00:00Z'), 'Europe/Stockholm')).toEqual({ start: '2026-09-14T00:00:00+02:00', end: '2026-09-21T00:00:00+02:00' });
    expect(weekWindow(new Date('2026-01-04T12:00:00Z'), 'Europe/Oslo')).toEqual({ start: '2025-12-29T00:00:00+01:00', end: '2026-01-05T00:00:00+01:00' });
  });

  it('is DST-safe across both clock changes', () => {
    expect(weekWindow(new Date('2026-03-29T12:00:00Z'), 'Europe/Stockholm')).toEqual({ start: '2026-03-23T00:00:00+01:00', end: '2026-03-30T00:00:00+02:00' });
    expect(weekWindow(new Date('2026-10-21T12:00:00Z'), 'Europe/Helsinki')).toEqual({ start: '2026-10-19T00:00:00+03:00', end: '2026-10-26T00:00:00+02:00' });
  });

  it('uses the local date, not the UTC one', () => {
    // Sunday 22:30Z is already Monday 00:30 in Stockholm.
    expect(weekWindow(new Date('2026-03-29T22:30:00Z'), 'Europe/Stockholm').start).toBe('2026-03-30T00:00:00+02:00');
    expect(weekWindow(new Date('2026-03-29T22:30:00Z'), 'UTC').start).toBe('2026-03-23T00:00:00+00:00');
  });

  it('always spans seven local days and contains the day', () => {
    fc.assert(fc.property(fc.integer({ min: Date.parse('2020-01-01T00:00:00Z'), max: Date.parse('2035-01-01T00:00:00Z') }), fc.constantFrom('Europe/Stockholm', 'Europe/Oslo', 'America/Sao_Paulo', 'UTC'), (ms, zone) => {
      const { start, end } = weekWindow(new Date(ms), zone);
      expect(Date.parse(start) <= ms && ms < Date.parse(end)).toBe(true);
      expect(start.slice(11, 19)).toBe('00:00:00');
      const hours = (Date.parse(end) - Date.parse(start)) / 3_600_000;
      expect([167, 168, 169]).toContain(hours);
    }));
  });
});
