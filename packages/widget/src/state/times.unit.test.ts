import { describe, expect, it } from 'vitest';
import type { FindQuery } from '../bff-client.js';
import type { BookingSnapshot } from './booking-state.js';
import { createTimes } from './times.js';
import {
  CLINIC, ELIN, FakeBff, HYGIENE, OMAR, VISIT_TYPE, catalog, eventsOf, freeTime, pending, problem, settle, testStore,
} from './flows.test-support.js';

const NOW = new Date('2026-06-10T08:00:00Z');
const now = () => NOW;
const chosen = { catalog: catalog(), clinicId: CLINIC, treatmentId: HYGIENE };
const queryOf = (bff: FakeBff, call = 0) => bff.called('find')[call]![0] as FindQuery;

describe('times', () => {
  it('choosing "any practitioner" opens the time step and asks once for the whole clinic this week', async () => {
    const { store, events } = testStore({ ...chosen, step: 'practitioner', chosenTime: freeTime('2026-06-01T08:00:00Z') });
    const bff = new FakeBff().answer('find', { times: [freeTime('2026-06-11T07:00:00Z'), freeTime('2026-06-11T07:00:00Z', OMAR)], gaps: [] });
    createTimes(store, bff, now).choosePractitioner(undefined);
    expect(store.snapshot.step).toBe('time');
    expect(store.snapshot.chosenTime).toBeUndefined();
    expect(store.snapshot.times.status).toBe('loading');
    await settle();
    expect(bff.called('find')).toHaveLength(1);
    expect(queryOf(bff)).toEqual({
      clinicId: CLINIC, visitType: VISIT_TYPE, start: '2026-06-08T00:00:00+02:00', end: '2026-06-15T00:00:00+02:00',
    });
    expect(store.snapshot.times).toMatchObject({ status: 'ready', window: { start: '2026-06-08T00:00:00+02:00' } });
    expect(store.snapshot.times.items).toHaveLength(2);
    expect(store.snapshot.announcement).toBe(store.snapshot.t.time.timesFound(2));
    expect(eventsOf(events)).toEqual([['itb-step-change', { step: 'time', previous: 'practitioner' }]]);
  });

  it('one practitioner and a campaign code go into the search', async () => {
    const { store } = testStore({ ...chosen, campaign: { code: 'SPRING26', tag: 'SPRING26', treatmentIds: [] } });
    const bff = new FakeBff().answer('find', { times: [freeTime('2026-06-11T07:00:00Z')], gaps: [] });
    createTimes(store, bff, now).choosePractitioner(ELIN);
    await settle();
    expect(queryOf(bff)).toMatchObject({ practitionerRoleId: ELIN, campaign: 'SPRING26' });
  });

  it('an empty week looks ahead once and offers the next free time', async () => {
    const { store } = testStore(chosen);
    const next = freeTime('2026-06-23T07:00:00Z');
    const bff = new FakeBff().answer('find', { times: [], gaps: [] }, { times: [next], gaps: [] });
    await createTimes(store, bff, now).load();
    expect(queryOf(bff, 1)).toMatchObject({ start: '2026-06-14T22:00:00.000Z', end: '2026-07-12T22:00:00.000Z' });
    expect(store.snapshot.times).toMatchObject({ status: 'ready', items: [], nextFree: next });
    expect(store.snapshot.announcement).toBe(store.snapshot.t.time.noTimesThisWeek);
  });

  it('times too soon for the clinic\'s minimum notice are not offered', async () => {
    const strict = { ...chosen.catalog, clinics: new Map([[CLINIC, { ...chosen.catalog.clinics.get(CLINIC)!, bookingRules: { minimumAdvanceBookingMinutes: 120 } }]]) };
    const { store } = testStore({ ...chosen, catalog: strict });
    const tooSoon = freeTime('2026-06-10T09:30:00Z');
    const justInTime = freeTime('2026-06-10T10:00:00Z');
    const bff = new FakeBff().answer('find', { times: [tooSoon, justInTime], gaps: [] });
    await createTimes(store, bff, now).load();
    expect(store.snapshot.times.items).toEqual([justInTime]);
  });

  it('showWeek loads the week of that day', async () => {
    const { store } = testStore({ ...chosen, step: 'time' });
    const bff = new FakeBff().answer('find', { times: [freeTime('2026-06-23T07:00:00Z')], gaps: [] });
    createTimes(store, bff, now).showWeek('2026-06-23T07:00:00Z');
    await settle();
    expect(queryOf(bff)).toMatchObject({ start: '2026-06-22T00:00:00+02:00', end: '2026-06-29T00:00:00+02:00' });
  });

  it('"first available time" is the earliest known: this week\'s first, kept while paging later weeks of the same search', async () => {
    const { store } = testStore({ ...chosen, step: 'time' });
    const first = freeTime('2026-06-11T07:00:00Z', OMAR);
    const same = freeTime('2026-06-11T07:00:00Z');
    const later = freeTime('2026-06-23T07:00:00Z');
    const bff = new FakeBff().answer('find', { times: [freeTime('2026-06-12T07:00:00Z'), first, same], gaps: [] }, { times: [later], gaps: [] });
    const times = createTimes(store, bff, now);
    await times.load();
    expect(store.snapshot.times.earliest?.time).toEqual(first);
    times.showWeek('2026-06-23T07:00:00Z');
    expect(store.snapshot.times).toMatchObject({ status: 'loading', earliest: { time: first } });
    await settle();
    expect(store.snapshot.times.items).toEqual([later]);
    expect(store.snapshot.times.earliest?.time).toEqual(first);
  });

  it('an empty week names the look-ahead\'s time as the first available', async () => {
    const { store } = testStore(chosen);
    const next = freeTime('2026-06-23T07:00:00Z');
    const bff = new FakeBff().answer('find', { times: [], gaps: [] }, { times: [next], gaps: [] });
    await createTimes(store, bff, now).load();
    expect(store.snapshot.times.earliest?.time).toEqual(next);
  });

  it('another search, a slot-taken answer or a reloaded week each drop an earlier "first available time"', async () => {
    const old = freeTime('2026-06-11T07:00:00Z');
    const later = freeTime('2026-06-23T07:00:00Z', OMAR);
    const { store: first } = testStore({ ...chosen, step: 'time' });
    await createTimes(first, new FakeBff().answer('find', { times: [old], gaps: [] }), now).load();
    const known = first.snapshot.times.earliest!;
    const earliestAfter = async (patch: Partial<BookingSnapshot>, answer = { times: [later], gaps: [] }) => {
      const { store } = testStore({ ...chosen, step: 'time', weekDay: new Date(later.start), times: { status: 'ready', items: [], gaps: [], earliest: known }, ...patch });
      await createTimes(store, new FakeBff().answer('find', answer), now).load();
      return store.snapshot.times.earliest?.time;
    };
    expect(await earliestAfter({})).toEqual(old);
    expect(await earliestAfter({ practitionerId: OMAR })).toEqual(later);
    expect(await earliestAfter({ bookProblem: { reason: 'slot-taken', issueCode: 'conflict', diagnostics: '', status: 409 } })).toEqual(later);
    // The week holding it is loaded again and no longer has it: someone took it.
    const other = freeTime('2026-06-12T07:00:00Z');
    expect(await earliestAfter({ weekDay: new Date(old.start) }, { times: [other], gaps: [] })).toEqual(other);
  });

  it('a newer search replaces one still running: the older answer is dropped without a message', async () => {
    const { store, events } = testStore(chosen);
    const bff = new FakeBff().answer('find', pending, { times: [freeTime('2026-06-23T07:00:00Z')], gaps: [] });
    const times = createTimes(store, bff, now);
    const first = times.load();
    const second = times.load();
    await Promise.all([first, second]);
    expect((bff.called('find')[0]![1] as AbortSignal).aborted).toBe(true);
    expect(store.snapshot.times.status).toBe('ready');
    expect(events).toEqual([]);
  });

  it('a failed search shows why and tells the page', async () => {
    const { store, events } = testStore(chosen);
    const bff = new FakeBff().answer('find', problem('network', 0));
    await createTimes(store, bff, now).load();
    expect(store.snapshot.times).toMatchObject({ status: 'error', items: [], problem: { reason: 'network' } });
    expect(eventsOf(events)).toEqual([['itb-error', { reason: 'network', status: 0, operation: 'times' }]]);
  });

  it('an offer that cannot be searched is not searched: it reads as not bookable online', async () => {
    const offline = { ...chosen.catalog, offers: chosen.catalog.offers.map((o) => ({ ...o, isOnline: false })) };
    const { store } = testStore({ ...chosen, catalog: offline });
    const bff = new FakeBff();
    await createTimes(store, bff, now).load();
    expect(bff.calls).toEqual([]);
    expect(store.snapshot.times).toMatchObject({ status: 'error', problem: { reason: 'offer-offline' } });
  });

  it('back walks the journey backwards and reloads times when it lands on them', async () => {
    const { store } = testStore({ ...chosen, step: 'review' });
    const bff = new FakeBff().answer('find', { times: [], gaps: [] }, { times: [], gaps: [] });
    const times = createTimes(store, bff, now);
    times.back();
    expect(store.snapshot.step).toBe('time');
    await settle();
    expect(bff.called('find')).toHaveLength(2);
    times.back();
    expect(store.snapshot.step).toBe('practitioner');
    times.back();
    expect(store.snapshot.step).toBe('select');
    times.back();
    expect(store.snapshot.step).toBe('select');
  });

  it('back from moving a booking returns to My bookings and forgets the move', () => {
    const { store } = testStore({ ...chosen, step: 'time', rescheduling: { resourceType: 'Appointment', status: 'booked', participant: [] } });
    createTimes(store, new FakeBff(), now).back();
    expect(store.snapshot.step).toBe('my-bookings');
    expect(store.snapshot.rescheduling).toBeUndefined();
  });
});
