/**
 * Times: choosing a practitioner, loading the week shown, paging weeks, and stepping back through
 * the journey (which lands on the time step again more often than not).
 * @module
 */
import type { ItbProblem } from '@itb/shared';
import type { BffClient } from '../bff-client.js';
import type { StepName } from './booking-state.js';
import type { BookingStore } from './booking-store.js';
import { problemOf } from './problem.js';
import { searchVisitType, selectedClinic, skipsPractitionerStep } from './selection.js';
import { earliestKnown, loadWeek, searchKeyOf } from './week.js';

/** What the time step says when the chosen offer cannot be searched, offline or unresolved alike: not bookable online. */
const NOT_BOOKABLE: ItbProblem = { reason: 'offer-offline', issueCode: 'business-rule', diagnostics: '', status: 422 };

export interface TimesFlow {
  /** (Re)loads the week around `weekDay` for the current choices. */
  load(): Promise<void>;
  /** `undefined` = any practitioner; opens the time step at the current week. */
  choosePractitioner(id: string | undefined): void;
  /** Shows the week containing `day` (ISO). */
  showWeek(day: string): void;
  back(): void;
}

export function createTimes(store: BookingStore, client: Pick<BffClient, 'find'>, now: () => Date): TimesFlow {
  async function load(): Promise<void> {
    const s = store.snapshot;
    const clinic = selectedClinic(s);
    if (clinic === undefined) return;
    const signal = store.begin('times');
    const visitType = searchVisitType(s);
    if (visitType === undefined) {
      // Reached without a bookable offer (a booking being moved, a journey restored): say so instead of searching.
      store.set({ times: { status: 'error', items: [], gaps: [], problem: NOT_BOOKABLE }, alert: s.t.reasons[NOT_BOOKABLE.reason] });
      return;
    }
    const search = {
      clinicId: clinic.id, visitType,
      ...(s.practitionerId === undefined ? {} : { practitionerRoleId: s.practitionerId }),
      ...(s.campaign === undefined ? {} : { campaign: s.campaign.code }),
    };
    const key = searchKeyOf(search);
    // The same search keeps its earliest time while the next week loads: "first available time" stays put.
    const kept = s.times.earliest?.search === key ? { earliest: s.times.earliest } : {};
    store.set({ times: { status: 'loading', items: [], gaps: [], ...kept } });
    try {
      const at = now();
      const week = await loadWeek({ ...search, client, signal, timeZone: clinic.timeZone, rules: clinic.bookingRules, now: at, day: s.weekDay ?? at });
      const earliest = earliestKnown(week, key, s.times.earliest, {
        now: at, minimumAdvanceBookingMinutes: clinic.bookingRules.minimumAdvanceBookingMinutes, slotTaken: s.bookProblem?.reason === 'slot-taken',
      });
      const times = earliest === undefined ? week : { ...week, earliest };
      store.set({ times, announcement: times.items.length > 0 ? s.t.time.timesFound(times.items.length) : s.t.time.noTimesThisWeek });
    } catch (error) {
      const problem = problemOf(error);
      if (problem === undefined) return;
      store.set({ times: { status: 'error', items: [], gaps: [], problem } });
      store.fail('times', problem);
    }
  }

  return {
    load,

    choosePractitioner(id) {
      store.set({ practitionerId: id, chosenTime: undefined, weekDay: now() });
      store.go('time');
      void load();
    },

    showWeek(day) {
      store.set({ weekDay: new Date(day) });
      void load();
    },

    back() {
      const s = store.snapshot;
      const previous: Partial<Record<StepName, StepName>> = s.rescheduling === undefined
        // A practitioner step skipped on the way here (one practitioner) is skipped on the way back.
        ? { practitioner: 'select', time: skipsPractitionerStep(s) ? 'select' : 'practitioner', review: 'time' }
        : { time: 'my-bookings', review: 'time' };
      const to = previous[s.step];
      if (to === undefined) return;
      if (to === 'my-bookings') store.set({ rescheduling: undefined });
      store.go(to);
      if (to === 'time') void load();
    },
  };
}
