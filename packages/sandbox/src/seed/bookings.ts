/**
 * Bookings the sandbox starts with (and returns to on reset), relative to "now": a past visit for
 * Alva Andersson (so "My bookings" has a history) and an upcoming one for Kari Nordmann at Oslo
 * Sentrum, where online cancellation is not allowed. Other patients' bookings are not stored:
 * the slot engine's seeded PRNG fills each working day instead.
 * @module
 */
import type { SeedCatalog } from './catalog.js';
import { TEST_PERSONS } from './persons.js';
import type { StoredBooking } from '../store.js';
import { addDays, localDayOf, localInstant, minutesOf } from '../slots/local-time.js';
import type { SlotEngine } from '../slots/slot-engine.js';

interface Plan {
  readonly id: string;
  readonly sourceKey: string;
  readonly personalNumber: string;
  readonly roleId: string;
  readonly treatmentId: string;
  /** Days from today; the first working day of the role on or after it is used. */
  readonly daysAhead: number;
  readonly comment?: string;
}

const PLANS: readonly Plan[] = [
  { id: 'bk-seed-alva-past', sourceKey: '771101', personalNumber: '198503149828', roleId: 'pr-elin-holm-sto', treatmentId: 'ad-hygiene-45', daysAhead: -21 },
  { id: 'bk-seed-kari-upcoming', sourceKey: '771102', personalNumber: '17048022480', roleId: 'pr-henrik-bakke-osl', treatmentId: 'ad-hygiene-45', daysAhead: 6, comment: 'Ønsker time før lunsj.' },
];

export function seedBookings(catalog: SeedCatalog, engine: SlotEngine, now: number): StoredBooking[] {
  const bookings: StoredBooking[] = [];
  for (const plan of PLANS) {
    const person = TEST_PERSONS.find((p) => p.personalNumber === plan.personalNumber);
    const role = catalog.practitioner(plan.roleId);
    const clinic = role === undefined ? undefined : catalog.clinic(role.clinicId);
    const treatment = catalog.treatment(plan.treatmentId);
    if (person === undefined || role === undefined || clinic === undefined || treatment === undefined) throw new Error(`seed booking ${plan.id} refers to unknown data`);
    let day = addDays(localDayOf(now, clinic.timeZone), plan.daysAhead);
    while (!role.days.includes(day.weekday)) day = addDays(day, 1);
    const duration = treatment.durationMinutes * 60_000;
    // An upcoming booking takes a free time of that day, so it never overlaps other patients.
    const free = plan.daysAhead > 0
      ? engine.findSlots({ clinic, practitioner: role, durationMinutes: treatment.durationMinutes, from: localInstant(day, 0, clinic.timeZone), to: localInstant(day, 24 * 60, clinic.timeZone), now, taken: [] })[0]
      : undefined;
    const start = free?.start ?? localInstant(day, minutesOf(role.start) + 60, clinic.timeZone);
    const registeredAt = start - 14 * 86_400_000;
    bookings.push({
      id: plan.id,
      sourceKey: plan.sourceKey,
      clinicId: clinic.id,
      roleId: role.roleId,
      treatmentId: treatment.id,
      start,
      end: start + duration,
      slotId: engine.slotIdOf(clinic, role, start),
      status: 'booked',
      patient: { system: person.system, value: person.personalNumber },
      registeredAt,
      lastUpdated: registeredAt,
      versionId: 1,
      reschedules: 0,
      confirmation: 'send-confirmation-by-sms',
      ...(plan.comment === undefined ? {} : { comment: plan.comment }),
    });
  }
  return bookings;
}
