import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Appointment, Extension } from '../fhir/types.js';
import { EXT, SYSTEM } from '../fhir/urls.js';
import { canCancel, canReschedule, type BookingRules } from './booking-rules.js';
import { changeDeadlines } from './change-deadline.js';

const BOOKED = new Date('2026-09-10T10:00:00Z');
const HOUR = 3_600_000;
const iso = (hoursAfterBooking: number) => new Date(BOOKED.getTime() + hoursAfterBooking * HOUR).toISOString();

function booking(startInHours: number, extension: Extension[] = [], status: Appointment['status'] = 'booked'): Appointment {
  return { resourceType: 'Appointment', id: 'apt-1', status, start: iso(startInHours), end: iso(startInHours + 1), participant: [], extension } satisfies Appointment;
}

const deadlines = (rules: BookingRules, appointment: Appointment) => changeDeadlines({ rules, appointment, bookedAt: BOOKED });

describe('changeDeadlines', () => {
  it('is the start minus the clinic\'s hours for each kind', () => {
    const rules = { cancellationAllowed: true, reschedulingAllowed: true, allowCancellationRemainingHours: 24, allowRescheduleRemainingHours: 48 };
    expect(deadlines(rules, booking(72))).toEqual({ cancel: { online: true, until: iso(48) }, reschedule: { online: true, until: iso(24) } });
  });

  it('runs until the start when the clinic states no window', () => {
    expect(deadlines({}, booking(72)).cancel).toEqual({ online: true, until: iso(72) });
  });

  it('is not online at all when the clinic, its scheduling availability or the server says no', () => {
    expect(deadlines({ cancellationAllowed: false, reschedulingAllowed: false }, booking(72)))
      .toEqual({ cancel: { online: false, reason: 'cancellation-not-allowed' }, reschedule: { online: false, reason: 'rescheduling-not-allowed' } });
    const acceptsNew = { url: 'schedulingAvailability', valueCodeableConcept: { coding: [{ system: SYSTEM.wcCharacteristic, code: 'scheduling-accepts-new' }] } };
    expect(deadlines({ schedulingAccepts: ['scheduling-accepts-new', 'scheduling-accepts-reschedule'] }, booking(72)).cancel).toEqual({ online: false, reason: 'cancellation-not-allowed' });
    expect(deadlines({}, booking(72, [{ url: EXT.characteristic, extension: [{ url: 'scheduling', extension: [acceptsNew] }] }])).reschedule)
      .toEqual({ online: false, reason: 'rescheduling-not-allowed' });
    expect(deadlines({}, booking(72, [{ url: EXT.appointmentUpdate, extension: [{ url: 'canBeCancelled', valueBoolean: false }] }])).cancel)
      .toEqual({ online: false, reason: 'cancellation-not-allowed' });
  });

  it('says the window has passed already when the booking is inside it, unless the grace period covers it', () => {
    expect(deadlines({ allowCancellationRemainingHours: 24 }, booking(10)).cancel).toEqual({ online: false, reason: 'cancel-window-passed' });
    expect(deadlines({ allowCancellationRemainingHours: 24, allowCancellationAfterRegistrationHours: 2 }, booking(10)).cancel).toEqual({ online: true, until: iso(2) });
    // The grace period never runs past the start.
    expect(deadlines({ allowRescheduleRemainingHours: 24, allowRescheduleAfterRegistrationHours: 2 }, booking(1)).reschedule).toEqual({ online: true, until: iso(1) });
  });

  it('applies the booking\'s own minChangeHours and reschedule limit', () => {
    const scheduling = (extension: Extension[]): Extension[] => [{ url: EXT.characteristic, extension: [{ url: 'scheduling', extension }] }];
    expect(deadlines({ allowCancellationRemainingHours: 2 }, booking(72, scheduling([{ url: 'minChangeHours', valueInteger: 12 }]))).cancel).toEqual({ online: true, until: iso(60) });
    expect(deadlines({}, booking(6, scheduling([{ url: 'minChangeHours', valueInteger: 12 }]))).cancel).toEqual({ online: false, reason: 'change-locked' });
    expect(deadlines({}, booking(72, scheduling([{ url: 'webReschedulingCountAllowed', valueInteger: 0 }]))).reschedule).toEqual({ online: false, reason: 'reschedule-limit-reached' });
  });

  it('has no time for a booking with no readable start, and nothing online for a cancelled one', () => {
    expect(deadlines({}, { ...booking(72), start: 'soon' }).cancel).toEqual({ online: true });
    expect(deadlines({}, booking(72, [], 'cancelled')).cancel).toEqual({ online: false, reason: 'already-cancelled' });
  });

  it('agrees with canCancel / canReschedule: allowed at the deadline, refused just after it', () => {
    const hours = fc.option(fc.integer({ min: 0, max: 96 }), { nil: undefined });
    fc.assert(fc.property(fc.integer({ min: 1, max: 200 }), hours, hours, hours, (startIn, remaining, grace, lock) => {
      const rules: BookingRules = { allowCancellationRemainingHours: remaining, allowCancellationAfterRegistrationHours: grace, allowRescheduleRemainingHours: remaining, allowRescheduleAfterRegistrationHours: grace };
      const appointment = booking(startIn, lock === undefined ? [] : [{ url: EXT.characteristic, extension: [{ url: 'scheduling', extension: [{ url: 'minChangeHours', valueInteger: lock }] }] }]);
      const result = deadlines(rules, appointment);
      for (const [deadline, check] of [[result.cancel, canCancel], [result.reschedule, canReschedule]] as const) {
        const at = (ms: number) => check({ rules, appointment, now: new Date(ms), registeredAt: BOOKED }).ok;
        if (!deadline.online) {
          expect(at(BOOKED.getTime() + 1)).toBe(false);
          continue;
        }
        const until = Date.parse(deadline.until!);
        const start = Date.parse(appointment.start!);
        // At the start itself the visit is under way ("in-the-past"), so the last moment is just before.
        expect(at(until === start ? until - 1 : until)).toBe(true);
        expect(at(until + 1)).toBe(false);
      }
    }));
  });
});
