import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Appointment, Extension, HealthcareService } from '../fhir/types.js';
import { EXT, EXT_AS_SEEN_LIVE, SYSTEM } from '../fhir/urls.js';
import { ageInYears, canBookTime, canCancel, canReschedule, isOldEnough, readAppointmentChangeState, readBookingRules, type BookingRules } from './booking-rules.js';

const NOW = new Date('2026-09-10T10:00:00Z');
const HOUR = 3_600_000;
const at = (hoursFromNow: number) => new Date(NOW.getTime() + hoursFromNow * HOUR);

function clinic(extension: Extension[]): HealthcareService {
  return { resourceType: 'HealthcareService', id: 'hs-1', active: true, name: 'Acme Tandvård', extension } satisfies HealthcareService;
}

function appointment(options: { startInHours?: number; status?: Appointment['status']; update?: Extension[]; scheduling?: Extension[] } = {}): Appointment {
  const extension: Extension[] = [];
  if (options.update !== undefined) extension.push({ url: EXT.appointmentUpdate, extension: options.update });
  if (options.scheduling !== undefined) extension.push({ url: EXT.characteristic, extension: [{ url: 'scheduling', extension: options.scheduling }] });
  const start = at(options.startInHours ?? 72);
  return {
    resourceType: 'Appointment',
    id: 'b7a6c5d4',
    status: options.status ?? 'booked',
    start: start.toISOString(),
    end: new Date(start.getTime() + 45 * 60_000).toISOString(),
    participant: [],
    extension,
  } satisfies Appointment;
}

const accepts = (...codes: string[]): Extension => ({
  url: 'schedulingAvailability',
  valueCodeableConcept: { coding: codes.map((code) => ({ system: SYSTEM.wcCharacteristic, code })) },
});

describe('readBookingRules', () => {
  it('reads every sub-extension under the declared wof-connect URL', () => {
    const rules = readBookingRules(clinic([{
      url: EXT.bookingRules,
      extension: [
        { url: 'cancellationAllowed', valueBoolean: true },
        { url: 'reschedulingAllowed', valueBoolean: false },
        { url: 'allowCancellationRemainingHours', valueInteger: 24 },
        { url: 'allowRescheduleRemainingHours', valueInteger: 48 },
        { url: 'allowCancellationAfterRegistrationHours', valueInteger: 2 },
        { url: 'allowRescheduleAfterRegistrationHours', valueInteger: 1 },
        { url: 'minimumPatientAgeYears', valuePositiveInt: 18 },
        { url: 'minimumAdvanceBookingMinutes', valueInteger: 120 },
        { url: 'somethingNew', valueString: 'ignored' },
      ],
    }]));
    expect(rules).toEqual({
      cancellationAllowed: true, reschedulingAllowed: false,
      allowCancellationRemainingHours: 24, allowRescheduleRemainingHours: 48,
      allowCancellationAfterRegistrationHours: 2, allowRescheduleAfterRegistrationHours: 1,
      minimumPatientAgeYears: 18, minimumAdvanceBookingMinutes: 120,
    });
  });

  it('accepts the live https wof-portal variant and an http spelling of it', () => {
    for (const url of [EXT_AS_SEEN_LIVE.bookingRules, EXT_AS_SEEN_LIVE.bookingRules.replace('https:', 'http:')]) {
      expect(readBookingRules(clinic([{ url, extension: [{ url: 'allowCancellationRemainingHours', valueInteger: 12 }] }]))).toEqual({ allowCancellationRemainingHours: 12 });
    }
  });

  it('gives {} without the extension, and ignores other extensions and malformed values', () => {
    expect(readBookingRules(clinic([]))).toEqual({});
    expect(readBookingRules({ resourceType: 'HealthcareService' })).toEqual({});
    expect(readBookingRules(clinic([
      { url: `${EXT.bookingRules}-v2`, extension: [{ url: 'cancellationAllowed', valueBoolean: false }] },
      { url: EXT.bookingRules, extension: [{ url: 'cancellationAllowed', valueInteger: 3 }, { url: 'minimumPatientAgeYears', valueString: 'eighteen' }] },
    ]))).toEqual({});
  });

  it('reads the clinic characteristic schedulingAvailability', () => {
    const rules = readBookingRules(clinic([{ url: EXT.characteristic, extension: [{ url: 'scheduling', extension: [accepts('scheduling-accepts-new', 'scheduling-accepts-cancellation')] }] }]));
    expect(rules).toEqual({ schedulingAccepts: ['scheduling-accepts-new', 'scheduling-accepts-cancellation'] });
  });
});

describe('readAppointmentChangeState', () => {
  it('reads the update flags under the wof-connect alias and the characteristic', () => {
    const appt = appointment({ scheduling: [{ url: 'minChangeHours', valueInteger: 6 }, { url: 'webReschedulingCountAllowed', valueInteger: 2 }] });
    appt.extension?.push({ url: EXT_AS_SEEN_LIVE.appointmentUpdate, extension: [{ url: 'webReschedulingCount', valueInteger: 1 }, { url: 'canBeCancelled', valueBoolean: true }] });
    expect(readAppointmentChangeState(appt)).toEqual({ canBeCancelled: true, webReschedulingCount: 1, webReschedulingCountAllowed: 2, minChangeHours: 6 });
  });
});

describe('canCancel', () => {
  const rules: BookingRules = { allowCancellationRemainingHours: 24, allowCancellationAfterRegistrationHours: 2 };

  it('allows a booking far enough ahead, and everything when there are no rules', () => {
    expect(canCancel({ rules, appointment: appointment({ startInHours: 48 }), now: NOW })).toEqual({ ok: true });
    expect(canCancel({ rules: {}, appointment: appointment({ startInHours: 1 }), now: NOW })).toEqual({ ok: true });
  });

  it('allows at exactly h hours before the start and refuses a millisecond later', () => {
    const appt = appointment({ startInHours: 24 });
    expect(canCancel({ rules, appointment: appt, now: NOW })).toEqual({ ok: true });
    expect(canCancel({ rules, appointment: appt, now: new Date(NOW.getTime() + 1) })).toEqual({ ok: false, reason: 'cancel-window-passed' });
  });

  it('reads the after-registration window as a grace period, inclusive at exactly r hours', () => {
    const appt = appointment({ startInHours: 5 });
    expect(canCancel({ rules, appointment: appt, now: NOW, registeredAt: at(-2) })).toEqual({ ok: true });
    expect(canCancel({ rules, appointment: appt, now: NOW, registeredAt: new Date(at(-2).getTime() - 1) })).toEqual({ ok: false, reason: 'cancel-window-passed' });
    expect(canCancel({ rules, appointment: appt, now: NOW })).toEqual({ ok: false, reason: 'cancel-window-passed' });
    // The grace period never restricts on its own.
    expect(canCancel({ rules: { allowCancellationAfterRegistrationHours: 2 }, appointment: appt, now: NOW, registeredAt: at(-100) })).toEqual({ ok: true });
  });

  it('refuses when cancellation is switched off, even inside the grace period', () => {
    expect(canCancel({ rules: { ...rules, cancellationAllowed: false }, appointment: appointment(), now: NOW, registeredAt: NOW })).toEqual({ ok: false, reason: 'cancellation-not-allowed' });
  });

  it('refuses a cancelled booking and one that has started', () => {
    expect(canCancel({ rules, appointment: appointment({ status: 'cancelled' }), now: NOW })).toEqual({ ok: false, reason: 'already-cancelled' });
    expect(canCancel({ rules: {}, appointment: appointment({ startInHours: -1 }), now: NOW })).toEqual({ ok: false, reason: 'in-the-past' });
    expect(canCancel({ rules: {}, appointment: appointment({ startInHours: 0 }), now: NOW })).toEqual({ ok: false, reason: 'in-the-past' });
    // Already cancelled wins over the server flag.
    expect(canCancel({ rules: {}, appointment: appointment({ status: 'cancelled', update: [{ url: 'canBeCancelled', valueBoolean: true }] }), now: NOW })).toEqual({ ok: false, reason: 'already-cancelled' });
  });

  it('locks changes within the appointment minChangeHours, inclusive at the boundary', () => {
    const scheduling = [{ url: 'minChangeHours', valueInteger: 12 }];
    expect(canCancel({ rules: {}, appointment: appointment({ startInHours: 11, scheduling }), now: NOW })).toEqual({ ok: false, reason: 'change-locked' });
    expect(canCancel({ rules: {}, appointment: appointment({ startInHours: 12, scheduling }), now: NOW })).toEqual({ ok: true });
  });

  it('refuses when the clinic or appointment states scheduling availability without cancellation', () => {
    expect(canCancel({ rules: { schedulingAccepts: ['scheduling-accepts-new'] }, appointment: appointment(), now: NOW })).toEqual({ ok: false, reason: 'cancellation-not-allowed' });
    expect(canCancel({ rules: { schedulingAccepts: ['scheduling-accepts-cancellation'] }, appointment: appointment(), now: NOW })).toEqual({ ok: true });
    expect(canCancel({ rules: {}, appointment: appointment({ scheduling: [accepts('scheduling-accepts-reschedule')] }), now: NOW })).toEqual({ ok: false, reason: 'cancellation-not-allowed' });
    // The booking's own statement is more specific than the clinic's.
    expect(canCancel({ rules: { schedulingAccepts: ['scheduling-accepts-new'] }, appointment: appointment({ scheduling: [accepts('scheduling-accepts-cancellation')] }), now: NOW })).toEqual({ ok: true });
    expect(canCancel({ rules: { schedulingAccepts: ['scheduling-accepts-cancellation'] }, appointment: appointment({ scheduling: [accepts('scheduling-accepts-new')] }), now: NOW })).toEqual({ ok: false, reason: 'cancellation-not-allowed' });
  });

  it('lets the server flags win over local rules', () => {
    const closeButAllowed = appointment({ startInHours: 1, update: [{ url: 'canBeCancelled', valueBoolean: true }] });
    expect(canCancel({ rules: { ...rules, cancellationAllowed: false }, appointment: closeButAllowed, now: NOW })).toEqual({ ok: true });
    const farButRefused = appointment({ startInHours: 100, update: [{ url: 'canBeCancelled', valueBoolean: false }] });
    expect(canCancel({ rules, appointment: farButRefused, now: NOW })).toEqual({ ok: false, reason: 'cancellation-not-allowed' });
  });

  it('reports the more specific local reason when the server says no', () => {
    const appt = appointment({ startInHours: 5, update: [{ url: 'canBeCancelled', valueBoolean: false }] });
    expect(canCancel({ rules, appointment: appt, now: NOW })).toEqual({ ok: false, reason: 'cancel-window-passed' });
  });
});

describe('the grace-period reading as a property', () => {
  it('allows exactly when start − now ≥ h or now − registeredAt ≤ r', () => {
    const minutes = fc.integer({ min: 1, max: 200 * 60 });
    fc.assert(fc.property(fc.integer({ min: 0, max: 100 }), fc.option(fc.integer({ min: 0, max: 48 }), { nil: undefined }), minutes, fc.option(minutes, { nil: undefined }), (h, r, untilStart, sinceRegistered) => {
      const start = new Date(NOW.getTime() + untilStart * 60_000);
      const appt = { ...appointment(), start: start.toISOString() };
      const registeredAt = sinceRegistered === undefined ? undefined : new Date(NOW.getTime() - sinceRegistered * 60_000);
      const rules = { allowCancellationRemainingHours: h, allowRescheduleRemainingHours: h, ...(r === undefined ? {} : { allowCancellationAfterRegistrationHours: r, allowRescheduleAfterRegistrationHours: r }) };
      const allowed = untilStart >= h * 60 || (r !== undefined && sinceRegistered !== undefined && sinceRegistered <= r * 60);
      const context = { rules, appointment: appt, now: NOW, ...(registeredAt === undefined ? {} : { registeredAt }) };
      expect(canCancel(context)).toEqual(allowed ? { ok: true } : { ok: false, reason: 'cancel-window-passed' });
      expect(canReschedule(context)).toEqual(allowed ? { ok: true } : { ok: false, reason: 'reschedule-window-passed' });
    }));
  });
});

describe('canReschedule', () => {
  const rules: BookingRules = { allowRescheduleRemainingHours: 48, allowRescheduleAfterRegistrationHours: 1 };

  it('mirrors the cancel windows with the reschedule fields and reasons', () => {
    expect(canReschedule({ rules, appointment: appointment({ startInHours: 48 }), now: NOW })).toEqual({ ok: true });
    expect(canReschedule({ rules, appointment: appointment({ startInHours: 47 }), now: NOW })).toEqual({ ok: false, reason: 'reschedule-window-passed' });
    expect(canReschedule({ rules, appointment: appointment({ startInHours: 47 }), now: NOW, registeredAt: at(-1) })).toEqual({ ok: true });
    expect(canReschedule({ rules: { reschedulingAllowed: false }, appointment: appointment(), now: NOW })).toEqual({ ok: false, reason: 'rescheduling-not-allowed' });
    // Cancellation rules do not touch rescheduling.
    expect(canReschedule({ rules: { cancellationAllowed: false, allowCancellationRemainingHours: 1000 }, appointment: appointment(), now: NOW })).toEqual({ ok: true });
  });

  it('stops at the online reschedule limit', () => {
    const scheduling = [{ url: 'webReschedulingCountAllowed', valueInteger: 1 }];
    expect(canReschedule({ rules: {}, appointment: appointment({ scheduling, update: [{ url: 'webReschedulingCount', valueInteger: 1 }] }), now: NOW })).toEqual({ ok: false, reason: 'reschedule-limit-reached' });
    expect(canReschedule({ rules: {}, appointment: appointment({ scheduling, update: [{ url: 'webReschedulingCount', valueInteger: 0 }] }), now: NOW })).toEqual({ ok: true });
    expect(canReschedule({ rules: {}, appointment: appointment({ scheduling: [{ url: 'webReschedulingCountAllowed', valueInteger: 0 }] }), now: NOW })).toEqual({ ok: false, reason: 'reschedule-limit-reached' });
  });

  it('refuses when the availability codes lack reschedule, and follows the server flags', () => {
    expect(canReschedule({ rules: { schedulingAccepts: ['scheduling-accepts-new', 'scheduling-accepts-cancellation'] }, appointment: appointment(), now: NOW })).toEqual({ ok: false, reason: 'rescheduling-not-allowed' });
    expect(canReschedule({ rules: {}, appointment: appointment({ update: [{ url: 'canBeRescheduled', valueBoolean: false }] }), now: NOW })).toEqual({ ok: false, reason: 'rescheduling-not-allowed' });
    expect(canReschedule({ rules, appointment: appointment({ startInHours: 2, update: [{ url: 'canBeRescheduled', valueBoolean: true }] }), now: NOW })).toEqual({ ok: true });
    expect(canReschedule({ rules: {}, appointment: appointment({ startInHours: 2, scheduling: [{ url: 'minChangeHours', valueInteger: 3 }] }), now: NOW })).toEqual({ ok: false, reason: 'change-locked' });
  });
});

describe('canBookTime', () => {
  it('needs minimumAdvanceBookingMinutes between now and the start, inclusive', () => {
    const rules = { minimumAdvanceBookingMinutes: 120 };
    expect(canBookTime(rules, at(2), NOW)).toEqual({ ok: true });
    expect(canBookTime(rules, new Date(at(2).getTime() - 1), NOW)).toEqual({ ok: false, reason: 'too-soon' });
  });

  it('never books a time that has started, and honours scheduling-accepts-new', () => {
    expect(canBookTime({}, NOW, NOW)).toEqual({ ok: true });
    expect(canBookTime({}, at(-1), NOW)).toEqual({ ok: false, reason: 'too-soon' });
    expect(canBookTime({ schedulingAccepts: ['scheduling-accepts-cancellation'] }, at(10), NOW)).toEqual({ ok: false, reason: 'booking-not-accepted' });
    expect(canBookTime({ schedulingAccepts: ['scheduling-accepts-new'] }, at(10), NOW)).toEqual({ ok: true });
  });
});

describe('ageInYears and isOldEnough', () => {
  it('counts whole years by the calendar date in the time zone', () => {
    // 22:30Z on 19 May is already 20 May in Stockholm.
    expect(ageInYears('2014-05-20', new Date('2032-05-19T22:30:00Z'))).toBe(18);
    expect(ageInYears('2014-05-20', new Date('2032-05-19T22:30:00Z'), 'UTC')).toBe(17);
    expect(ageInYears('2014-05-20', new Date('2032-05-20T21:59:00Z'), 'Europe/Oslo')).toBe(18);
  });

  it('has a leap-day birthday turn on 1 March in common years', () => {
    expect(ageInYears('2008-02-29', new Date('2026-02-28T12:00:00Z'))).toBe(17);
    expect(ageInYears('2008-02-29', new Date('2026-03-01T12:00:00Z'))).toBe(18);
    expect(ageInYears('2008-02-29', new Date('2028-02-29T12:00:00Z'))).toBe(20);
  });

  it('is NaN for an unreadable date', () => {
    expect(ageInYears('yesterday', NOW)).toBeNaN();
  });

  it('checks minimumPatientAgeYears, failing an unreadable birth date only when a minimum is set', () => {
    const rules = { minimumPatientAgeYears: 18 };
    expect(isOldEnough(rules, '2008-09-10', NOW)).toEqual({ ok: true });
    expect(isOldEnough(rules, '2008-09-11', NOW)).toEqual({ ok: false, reason: 'too-young' });
    expect(isOldEnough(rules, 'not a date', NOW)).toEqual({ ok: false, reason: 'too-young' });
    expect(isOldEnough({}, 'not a date', NOW)).toEqual({ ok: true });
  });
});
