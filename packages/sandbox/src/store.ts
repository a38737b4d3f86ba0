/**
 * The sandbox's bookings. Every operation that checks for a clash and then writes is synchronous,
 * so no other request can run between the check and the write: two `$book`s for the same time
 * cannot both succeed, whatever the interleaving of their I/O.
 * @module
 */
import { randomUUID } from 'node:crypto';
import { PERSONAL_NUMBER_SYSTEM } from '@itb/shared';
import type { Interval } from './slots/slot-engine.js';

/** A booking as the sandbox keeps it (the PMS's view, richer than the FHIR resource). */
export interface StoredBooking {
  readonly id: string;
  /** The booking's key in the clinic's PMS (source-system identifier value). */
  readonly sourceKey: string;
  readonly clinicId: string;
  readonly roleId: string;
  readonly treatmentId: string;
  readonly start: number;
  readonly end: number;
  readonly slotId: string;
  readonly status: 'booked' | 'cancelled';
  readonly patient: { readonly system: string; readonly value: string };
  /** When the booking was made (spec §11.1 `registeredAt`); not exposed in FHIR. */
  readonly registeredAt: number;
  readonly lastUpdated: number;
  readonly versionId: number;
  /** Online reschedules so far (webReschedulingCount). */
  readonly reschedules: number;
  readonly comment?: string;
  readonly confirmation?: string;
  readonly consentToMarketing?: boolean;
  readonly statusReason?: string;
}

export type BookingDraft = Omit<StoredBooking, 'id' | 'sourceKey' | 'versionId' | 'reschedules' | 'status' | 'lastUpdated'>;

export interface RescheduleChange {
  readonly clinicId: string;
  readonly roleId: string;
  readonly treatmentId: string;
  readonly start: number;
  readonly end: number;
  readonly slotId: string;
}

export type StoreResult = { readonly ok: true; readonly booking: StoredBooking } | { readonly ok: false; readonly reason: 'conflict' | 'not-found' };

export interface BookingStore {
  all(): StoredBooking[];
  get(id: string): StoredBooking | undefined;
  /** Bookings whose patient has this identifier (either spelling of the Swedish system). */
  ofPatient(system: string, value: string): StoredBooking[];
  /** Booked (not cancelled) intervals of one practitioner role. */
  takenBy(roleId: string): Interval[];
  /** Book, unless the role already has a booking overlapping the time. `idFor` names it from its PMS key (default a UUID). */
  create(draft: BookingDraft, now: number, idFor?: (sourceKey: string) => string): StoreResult;
  /** Move a booking: the old time is freed and the new one taken in one step (or nothing changes). */
  reschedule(id: string, change: RescheduleChange, now: number, options: { comment?: string; countsAsReschedule: boolean }): StoreResult;
  cancel(id: string, now: number, options: { comment?: string; statusReason?: string }): StoreResult;
  /** Replace everything with `bookings` (the seed). */
  reset(bookings: readonly StoredBooking[]): void;
}

/** Both spellings of the Swedish personnummer system name one register (spec §9.5). */
export function canonicalPersonSystem(system: string): string {
  return system === PERSONAL_NUMBER_SYSTEM.sePersonnummerHttp ? PERSONAL_NUMBER_SYSTEM.sePersonnummer : system;
}

/** Same person: same register and the same digits. */
export function samePerson(a: { system: string; value: string }, b: { system: string; value: string }): boolean {
  return canonicalPersonSystem(a.system) === canonicalPersonSystem(b.system) && a.value.replace(/\D/g, '') === b.value.replace(/\D/g, '');
}

export function createBookingStore(): BookingStore {
  const bookings = new Map<string, StoredBooking>();
  let nextSourceKey = 771_200;

  const clashes = (roleId: string, start: number, end: number, except?: string): boolean => {
    for (const booking of bookings.values()) {
      if (booking.roleId === roleId && booking.status === 'booked' && booking.id !== except && start < booking.end && booking.start < end) return true;
    }
    return false;
  };

  return {
    all: () => [...bookings.values()],
    get: (id) => bookings.get(id),
    ofPatient: (system, value) => [...bookings.values()].filter((b) => samePerson(b.patient, { system, value })),
    takenBy: (roleId) => [...bookings.values()].filter((b) => b.roleId === roleId && b.status === 'booked').map((b) => ({ start: b.start, end: b.end })),
    create(draft, now, idFor) {
      if (clashes(draft.roleId, draft.start, draft.end)) return { ok: false, reason: 'conflict' };
      nextSourceKey += 1;
      const sourceKey = String(nextSourceKey);
      const booking: StoredBooking = { ...draft, id: idFor?.(sourceKey) ?? randomUUID(), sourceKey, status: 'booked', versionId: 1, reschedules: 0, lastUpdated: now };
      bookings.set(booking.id, booking);
      return { ok: true, booking };
    },
    reschedule(id, change, now, options) {
      const current = bookings.get(id);
      if (current === undefined) return { ok: false, reason: 'not-found' };
      if (clashes(change.roleId, change.start, change.end, id)) return { ok: false, reason: 'conflict' };
      const booking: StoredBooking = {
        ...current,
        ...change,
        ...(options.comment === undefined ? {} : { comment: options.comment }),
        versionId: current.versionId + 1,
        reschedules: current.reschedules + (options.countsAsReschedule ? 1 : 0),
        lastUpdated: now,
      };
      bookings.set(id, booking);
      return { ok: true, booking };
    },
    cancel(id, now, options) {
      const current = bookings.get(id);
      if (current === undefined) return { ok: false, reason: 'not-found' };
      const booking: StoredBooking = {
        ...current,
        status: 'cancelled',
        ...(options.comment === undefined ? {} : { comment: options.comment }),
        ...(options.statusReason === undefined ? {} : { statusReason: options.statusReason }),
        versionId: current.versionId + 1,
        lastUpdated: now,
      };
      bookings.set(id, booking);
      return { ok: true, booking };
    },
    reset(seed) {
      bookings.clear();
      nextSourceKey = 771_200;
      for (const booking of seed) bookings.set(booking.id, booking);
    },
  };
}
