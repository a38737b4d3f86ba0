import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ItbDataError } from '../errors.js';
import type { Appointment, Bundle, OperationOutcome, Patient } from '../fhir/types.js';
import { EXT, PERSONAL_NUMBER_SYSTEM, PROFILE, SYSTEM } from '../fhir/urls.js';
import { outcome } from '../outcome/outcome.js';
import {
  bookingIntent, buildBookParameters, buildCancelAppointment, buildCreateAppointment, buildModifyAppointment,
  buildPortalPatient, participantId, patientOf, readBookParameters, readBookResult, treatmentIdOf, type PatientIdentity,
} from './book.js';

// The journey of spec §14: clinic, treatment, practitioner, endpoint and patient.
const HS = '5d0c2a7e-1b3f-4e52-9a61-0c7d8e9f1a23';
const AD = 'a1f3c5e7-2468-4ace-8bdf-13579bdf2468';
const ELIN = 'c9e8d7b6-a5f4-4e3d-8c2b-1a0f9e8d7c6b';
const OMAR = '0b1c2d3e-4f50-4617-8293-a4b5c6d7e8f9';
const SOURCE = `${SYSTEM.appointmentSourcePrefix}/e7d6c5b4-a392-4817-b605-f4e3d2c1b0a9`;
const SE = PERSONAL_NUMBER_SYSTEM.sePersonnummer;
const SERVICE_TYPE = [{ coding: [{ system: SYSTEM.serviceTypeId, code: 'hyg45' }] }];

/** The §14.4 `$find` time, with the live API's invalid ActivityDefinition participant. */
function findTime(slot = '001-2026-09-15T10:00:00-B3301-E8812-R4', start = '2026-09-15T08:00:00+00:00', end = '2026-09-15T08:45:00+00:00', role = ELIN): Appointment {
  return {
    resourceType: 'Appointment',
    id: slot,
    meta: { versionId: '7', profile: [PROFILE.availableAppointment] },
    extension: [{ url: EXT.activityDefinitionReference, valueReference: { reference: `ActivityDefinition/${AD}`, display: 'Tandhygienistbesök' } }],
    identifier: [{ system: SYSTEM.slotId, value: slot }, { system: SOURCE, value: 'e7d6c5b4-a392-4817-b605-f4e3d2c1b0a9' }],
    status: 'proposed',
    serviceType: [{ coding: [{ system: SYSTEM.serviceTypeId, code: 'hyg45' }], text: 'Tandhygienistbesök' }],
    start,
    end,
    requestedPeriod: [{ start, end }],
    participant: [
      { actor: { type: 'PractitionerRole', reference: `PractitionerRole/${role}`, display: 'Tandhygienist Elin Berg' }, status: 'accepted' },
      { actor: { type: 'ActivityDefinition', reference: `ActivityDefinition/${AD}` } as never, status: 'accepted' },
    ],
  } satisfies Appointment;
}

/** The §14.6 booking as last returned by the server. */
function booking(): Appointment {
  return {
    resourceType: 'Appointment',
    id: 'b7a6c5d4-e3f2-4011-9a8b-7c6d5e4f3a2b',
    meta: { versionId: '1', profile: [PROFILE.appointment] },
    extension: [
      { url: EXT.activityDefinitionReference, valueReference: { reference: `ActivityDefinition/${AD}` } },
      { url: EXT.appointmentUpdate, extension: [{ url: 'canBeRescheduled', valueBoolean: true }, { url: 'canBeCancelled', valueBoolean: true }] },
    ],
    identifier: [{ system: SOURCE, value: '771204' }],
    status: 'booked',
    serviceType: SERVICE_TYPE,
    start: '2026-09-15T08:00:00+00:00',
    end: '2026-09-15T08:45:00+00:00',
    requestedPeriod: [{ start: '2026-09-15T08:00:00+00:00', end: '2026-09-15T08:45:00+00:00' }],
    participant: [
      { actor: { type: 'HealthcareService', reference: `HealthcareService/${HS}` }, status: 'accepted' },
      { actor: { type: 'PractitionerRole', reference: `PractitionerRole/${ELIN}` }, status: 'accepted' },
      { actor: { type: 'Patient', identifier: { system: SE, value: '191212121212' } }, status: 'accepted' },
    ],
  } satisfies Appointment;
}

const alva: PatientIdentity = { personalNumber: { system: SE, value: '19121212-1212' }, givenName: 'Alva', familyName: 'Exempelsson' };

describe('buildCreateAppointment', () => {
  it('builds the §14.5 create payload from the §14.4 time', () => {
    const created = buildCreateAppointment(findTime(), { clinicId: HS, patient: alva, confirmation: 'send-confirmation-by-sms' });
    expect(created).toEqual({
      resourceType: 'Appointment',
      meta: { profile: [PROFILE.appointment] },
      extension: [
        { url: EXT.activityDefinitionReference, valueReference: { reference: `ActivityDefinition/${AD}`, display: 'Tandhygienistbesök' } },
        { url: 'http://canonical.fhir.link/servicewell/wof-connect/StructureDefinition/wofconnect-characteristic', extension: [{ url: 'scheduling', extension: [{ url: 'bookingConfirmation', valueCoding: { system: 'http://canonical.fhir.link/servicewell/wof-base/CodeSystem/wc-characteristic', code: 'send-confirmation-by-sms' } }] }] },
      ],
      identifier: [{ system: SYSTEM.slotId, value: '001-2026-09-15T10:00:00-B3301-E8812-R4' }, { system: SOURCE, value: 'e7d6c5b4-a392-4817-b605-f4e3d2c1b0a9' }],
      status: 'pending',
      serviceType: [{ coding: [{ system: SYSTEM.serviceTypeId, code: 'hyg45' }], text: 'Tandhygienistbesök' }],
      start: '2026-09-15T08:00:00+00:00',
      end: '2026-09-15T08:45:00+00:00',
      requestedPeriod: [{ start: '2026-09-15T08:00:00+00:00', end: '2026-09-15T08:45:00+00:00' }],
      participant: [
        { actor: { type: 'HealthcareService', reference: `HealthcareService/${HS}` }, status: 'accepted' },
        { actor: { type: 'PractitionerRole', reference: `PractitionerRole/${ELIN}`, display: 'Tandhygienist Elin Berg' }, status: 'accepted' },
        { actor: { type: 'Patient', identifier: { system: SE, value: '191212121212' } }, status: 'accepted' },
      ],
    });
    expect(bookingIntent(created)).toBe('create');
  });

  it('keeps a HealthcareService participant $find sent, adds consent, and leaves the input untouched', () => {
    const time = findTime();
    time.participant.push({ actor: { reference: 'HealthcareService/hs-from-find', display: 'Klinik' }, status: 'accepted' });
    const before = JSON.stringify(time);
    const created = buildCreateAppointment(time, { clinicId: HS, patient: alva, confirmation: 'no-booking-confirmation', consentToMarketing: false });
    expect(participantId(created, 'HealthcareService')).toBe('hs-from-find');
    expect(created.participant).toHaveLength(3);
    expect(created.extension?.at(-1)).toEqual({ url: EXT.consentToMarketing, valueBoolean: false });
    expect(JSON.stringify(time)).toBe(before);
  });

  it('refuses a time without a PractitionerRole', () => {
    const time = { ...findTime(), participant: [] };
    expect(() => buildCreateAppointment(time, { clinicId: HS, patient: alva, confirmation: 'send-confirmation-by-sms' })).toThrow(ItbDataError);
  });
});

describe('buildModifyAppointment', () => {
  it('builds the §14.7 reschedule payload', () => {
    const newTime = findTime('001-2026-09-17T14:30:00-B3301-E8812-R4', '2026-09-17T12:30:00+00:00', '2026-09-17T13:15:00+00:00');
    const modified = buildModifyAppointment(booking(), newTime);
    expect(modified).toEqual({
      resourceType: 'Appointment',
      id: 'b7a6c5d4-e3f2-4011-9a8b-7c6d5e4f3a2b',
      meta: { profile: [PROFILE.appointment] },
      extension: [{ url: EXT.activityDefinitionReference, valueReference: { reference: `ActivityDefinition/${AD}` } }],
      identifier: [{ system: SOURCE, value: '771204' }, { system: SYSTEM.slotId, value: '001-2026-09-17T14:30:00-B3301-E8812-R4' }],
      status: 'booked',
      serviceType: SERVICE_TYPE,
      start: '2026-09-17T12:30:00+00:00',
      end: '2026-09-17T13:15:00+00:00',
      requestedPeriod: [{ start: '2026-09-17T12:30:00+00:00', end: '2026-09-17T13:15:00+00:00' }],
      participant: [
        { actor: { type: 'HealthcareService', reference: `HealthcareService/${HS}` }, status: 'accepted' },
        { actor: { type: 'PractitionerRole', reference: `PractitionerRole/${ELIN}`, display: 'Tandhygienist Elin Berg' }, status: 'accepted' },
        { actor: { type: 'Patient', identifier: { system: SE, value: '191212121212' } }, status: 'accepted' },
      ],
    });
    expect(bookingIntent(modified)).toBe('modify');
  });

  it('swaps the practitioner and replaces an earlier slot-id', () => {
    const previous = { ...booking(), identifier: [...(booking().identifier ?? []), { system: SYSTEM.slotId, value: 'old-slot' }] };
    const modified = buildModifyAppointment(previous, findTime('new-slot', '2026-09-18T07:00:00Z', '2026-09-18T07:45:00Z', OMAR));
    expect(participantId(modified, 'PractitionerRole')).toBe(OMAR);
    expect(modified.identifier?.filter((i) => i.system === SYSTEM.slotId)).toEqual([{ system: SYSTEM.slotId, value: 'new-slot' }]);
    expect(modified.participant).toHaveLength(3);
  });
});

describe('buildCancelAppointment', () => {
  it('builds the §14.8 cancel payload with the patient-cancel status reason', () => {
    const cancelled = buildCancelAppointment(booking());
    expect(cancelled.status).toBe('cancelled');
    expect(cancelled.meta).toEqual({ profile: [PROFILE.appointment] });
    expect(cancelled.extension).toEqual([
      { url: 'https://profiles.ihe.net/ITI/Scheduling/StructureDefinition/extension-status-reason', valueCodeableConcept: { coding: [{ system: 'https://profiles.ihe.net/ITI/Scheduling/CodeSystem/status-reason', code: 'patient-cancel' }] } },
      { url: EXT.activityDefinitionReference, valueReference: { reference: `ActivityDefinition/${AD}` } },
    ]);
    expect(cancelled.participant).toEqual(booking().participant);
    expect(cancelled.identifier).toEqual(booking().identifier);
    expect(bookingIntent(cancelled)).toBe('cancel');
  });
});

describe('buildPortalPatient and buildBookParameters', () => {
  it('builds the PortalPatient with one given name and digits-only personal number', () => {
    const patient = buildPortalPatient({ ...alva, givenName: ' Anna  Maria ', familyName: 'Lindqvist', birthDate: '1972-11-05' }, { mobilePhone: '+46701740606', confirmation: 'send-confirmation-by-sms' });
    expect(patient).toEqual({
      resourceType: 'Patient',
      meta: { profile: [PROFILE.patient] },
      identifier: [{ system: SE, value: '191212121212' }],
      name: [{ family: 'Lindqvist', given: ['Anna Maria'], text: 'Anna Maria Lindqvist' }],
      telecom: [{ system: 'phone', value: '+46701740606', use: 'mobile' }],
      birthDate: '1972-11-05',
    });
    const withEmail = buildPortalPatient(alva, { mobilePhone: '+46701112233', email: 'alva@example.invalid', confirmation: 'send-confirmation-by-email', consentToMarketing: true });
    expect(withEmail.telecom?.[1]).toEqual({ system: 'email', value: 'alva@example.invalid' });
    expect(withEmail.extension).toEqual([{ url: EXT.consentToMarketing, valueBoolean: true }]);
  });

  it('builds Parameters that readBookParameters reads back', () => {
    const appointment = buildCancelAppointment(booking());
    const patient = buildPortalPatient(alva, { mobilePhone: '+46701112233', confirmation: 'send-confirmation-by-sms' });
    const parameters = buildBookParameters(appointment, patient, ' Avbokar p.g.a. sjukdom. ');
    expect(parameters.parameter?.map((p) => p.name)).toEqual(['appointment-resource', 'patient-resource', 'comment']);
    expect(readBookParameters(parameters)).toEqual({ ok: true, appointment, patient, comment: 'Avbokar p.g.a. sjukdom.' });
    expect(buildBookParameters(appointment, patient, '  ').parameter).toHaveLength(2);
  });
});

describe('readBookParameters', () => {
  const appointment = booking();
  const invalid = (body: unknown) => {
    const result = readBookParameters(body);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem).toMatchObject({ reason: 'invalid-parameter', status: 400, issueCode: 'invalid' });
      expect(result.problem.diagnostics).not.toContain('191212121212');
    }
  };

  it('accepts an appointment alone (the BFF adds the patient from the session)', () => {
    expect(readBookParameters({ resourceType: 'Parameters', parameter: [{ name: 'appointment-resource', resource: appointment }] })).toEqual({ ok: true, appointment });
  });

  it('refuses everything else with invalid-parameter', () => {
    const patient: Patient = { resourceType: 'Patient' };
    invalid(null);
    invalid('Parameters');
    invalid({ resourceType: 'Bundle' });
    invalid({ resourceType: 'Parameters' });
    invalid({ resourceType: 'Parameters', parameter: {} });
    invalid({ resourceType: 'Parameters', parameter: [{ name: 'appointment-resource', resource: patient }] });
    invalid({ resourceType: 'Parameters', parameter: [{ name: 'appointment-resource', resource: appointment }, { name: 'appointment-resource', resource: appointment }] });
    invalid({ resourceType: 'Parameters', parameter: [{ name: 'appointment-resource', resource: appointment }, { name: 'patient-resource', resource: appointment }] });
    invalid({ resourceType: 'Parameters', parameter: [{ name: 'appointment-resource', resource: appointment }, { name: 'comment', valueInteger: 1 }] });
    invalid({ resourceType: 'Parameters', parameter: [{ name: 'appointment-resource', resource: appointment }, { name: 'appointment-reference', valueReference: { reference: 'Appointment/1' } }] });
    invalid({ resourceType: 'Parameters', parameter: [{ name: 'appointment-resource', resource: appointment }, 'junk'] });
  });

  it('refuses elements its readers walk when they have the wrong JSON type', () => {
    const withAppointment = (changes: Record<string, unknown>) => ({ resourceType: 'Parameters', parameter: [{ name: 'appointment-resource', resource: { ...appointment, ...changes } }] });
    const characteristic = { url: EXT.characteristic, extension: 'y' };
    for (const changes of [
      { extension: 'x' }, { extension: [{ url: 1 }] }, { extension: [characteristic] }, { extension: [{ url: 'u', valueReference: 'x' }] },
      { identifier: 'x' }, { identifier: [{ system: 1 }] }, { participant: 'x' }, { participant: [{ actor: 'x' }] },
      { participant: [{ actor: { reference: 7 } }] }, { participant: [{ actor: { identifier: 'x' } }] }, { start: 1 }, { status: ['booked'] },
      { serviceType: [{ coding: 'x' }] }, { requestedPeriod: {} }, { meta: 'x' },
    ]) {
      const result = readBookParameters(withAppointment(changes));
      expect(result.ok, JSON.stringify(changes)).toBe(false);
    }
    invalid({ resourceType: 'Parameters', parameter: [{ name: 'appointment-resource', resource: appointment }, { name: 'patient-resource', resource: { resourceType: 'Patient', telecom: 'x' } }] });
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.jsonValue(), (value) => {
      expect(typeof readBookParameters(value).ok).toBe('boolean');
      expect(typeof readBookParameters({ resourceType: 'Parameters', parameter: value }).ok).toBe('boolean');
    }), { numRuns: 200 });
  });
});

describe('readBookResult', () => {
  const success = (appointments: Appointment[], issues: OperationOutcome['issue'] = []): Bundle<Appointment | OperationOutcome> => ({
    resourceType: 'Bundle',
    type: 'searchset',
    total: appointments.length,
    entry: [
      ...appointments.map((resource) => ({ resource, search: { mode: 'match' as const } })),
      ...(issues.length === 0 ? [] : [{ resource: { resourceType: 'OperationOutcome' as const, issue: issues }, search: { mode: 'outcome' as const } }]),
    ],
  });

  it('reads a success Bundle with its warnings (§14.7)', () => {
    const appointment = booking();
    const result = readBookResult(success([appointment], [{ severity: 'information', code: 'informational', diagnostics: 'Ombokning registrerad; inga fler webbombokningar tillåts.' }]), 200);
    expect(result).toEqual({ ok: true, appointment, warnings: ['Ombokning registrerad; inga fler webbombokningar tillåts.'] });
  });

  it('reads a bare OperationOutcome and an OO-only Bundle as failures (conflict → slot-taken)', () => {
    const bare = { resourceType: 'OperationOutcome', issue: [{ severity: 'error', code: 'conflict', diagnostics: 'Den valda tiden är inte längre ledig.' }] };
    expect(readBookResult(bare, 409)).toEqual({ ok: false, problem: { reason: 'slot-taken', issueCode: 'conflict', diagnostics: 'Den valda tiden är inte längre ledig.', status: 409 } });
    const wrapped = success([], [{ severity: 'error', code: 'conflict', diagnostics: 'Taken' }]);
    expect(readBookResult(wrapped, 200)).toEqual({ ok: false, problem: { reason: 'slot-taken', issueCode: 'conflict', diagnostics: 'Taken', status: 409 } });
    expect(readBookResult(outcome('too-soon', 'Too late to book'), 422)).toMatchObject({ ok: false, problem: { reason: 'too-soon', status: 422 } });
  });

  it('calls a 2xx answer it cannot read upstream-invalid', () => {
    for (const body of ['<html>ok</html>', null, undefined, { resourceType: 'Bundle' }, success([booking(), booking()]), booking()]) {
      expect(readBookResult(body, 200)).toMatchObject({ ok: false, problem: { reason: 'upstream-invalid', status: 502 } });
    }
  });

  it('reads an unreadable error body by its status', () => {
    expect(readBookResult('<html>Bad gateway</html>', 502)).toMatchObject({ ok: false, problem: { reason: 'upstream-unavailable', status: 502 } });
    expect(readBookResult(null, 401)).toMatchObject({ ok: false, problem: { reason: 'login-required', status: 401, diagnostics: 'The booking service answered with HTTP 401.' } });
  });

  it('never throws', () => {
    fc.assert(fc.property(fc.jsonValue(), fc.integer({ min: 100, max: 599 }), (value, status) => {
      expect(typeof readBookResult(value, status).ok).toBe('boolean');
    }), { numRuns: 200 });
  });
});

describe('reading participants (§13.9)', () => {
  it('finds participants by actor.type, reference prefix or identifier-only actor', () => {
    const appointment: Appointment = {
      resourceType: 'Appointment',
      status: 'booked',
      participant: [
        { actor: { reference: `${'http://api.example/fhir'}/HealthcareService/hs:1/_history/2` }, status: 'accepted' },
        { actor: { type: 'PractitionerRole', reference: 'PractitionerRole/pr:1' }, status: 'accepted' },
        { actor: { identifier: { system: SE, value: '191212121212' } }, status: 'accepted' },
        { actor: { reference: 'ActivityDefinition/ad-1' }, status: 'accepted' },
        { status: 'accepted' },
      ],
    };
    expect(participantId(appointment, 'HealthcareService')).toBe('hs:1');
    expect(participantId(appointment, 'PractitionerRole')).toBe('pr:1');
    expect(patientOf(appointment)).toEqual({ system: SE, value: '191212121212' });
    // No activity-definition-reference extension: the live ActivityDefinition participant tells.
    expect(treatmentIdOf(appointment)).toBe('ad-1');
    expect(treatmentIdOf(findTime())).toBe(AD);
    expect(patientOf(findTime())).toBeUndefined();
  });

  it('tells the intent from status and id (§5.3.2)', () => {
    const base = booking();
    const { id: _id, ...withoutId } = base;
    expect(bookingIntent({ ...base, status: 'pending' })).toBe('create');
    expect(bookingIntent({ ...base, status: 'proposed' })).toBe('create');
    expect(bookingIntent({ ...withoutId, status: 'booked' })).toBe('create');
    expect(bookingIntent(base)).toBe('modify');
    expect(bookingIntent({ ...base, status: 'cancelled' })).toBe('cancel');
    expect(bookingIntent({ ...withoutId, status: 'cancelled' })).toBeUndefined();
    expect(bookingIntent({ ...base, status: 'fulfilled' })).toBeUndefined();
  });
});
