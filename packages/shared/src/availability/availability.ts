/**
 * Availability: read `$find` answers, merge several (one per practitioner; ITB needs one call per
 * practitioner, spec §5.2.1), and view them grouped by practitioner or as unique start times.
 * @module
 */
import type { Appointment, Bundle, OperationOutcome } from '../fhir/types.js';

/** One bookable time. Keeps the proposed Appointment, because `$book` sends it back whole. */
export interface AvailableTime {
  /** The slot-id identifier value (opaque; may contain `:`), else the resource id. */
  readonly slotId: string;
  /** ISO instant. */
  readonly start: string;
  readonly end: string;
  readonly practitionerRoleId: string;
  readonly clinicId?: string;
  readonly treatmentId?: string;
  readonly appointment: Appointment;
}

/** A start time with every practitioner free at it ("any practitioner" view). */
export interface TimeOption {
  readonly start: string;
  readonly end: string;
  /** One per practitioner, in the order the caller preferred them. */
  readonly times: readonly AvailableTime[];
}

/** A practitioner whose times could not be fetched, as reported by the BFF's merged answer. */
export interface AvailabilityGap {
  readonly practitionerRoleId?: string;
  readonly diagnostics: string;
}

/** What {@link readAvailability} returns. */
export interface Availability {
  readonly times: readonly AvailableTime[];
  readonly gaps: readonly AvailabilityGap[];
}

/** Read one or more `$find` Bundles: sorted by start, de-duplicated by practitioner + slot. Never throws. */
export function readAvailability(bundles: unknown | readonly unknown[]): Availability { void bundles; throw new Error('TODO'); }

/**
 * Merge per-practitioner `$find` Bundles into one searchset Bundle (what the BFF answers):
 * appointments sorted by start and de-duplicated, `total` = number of appointments, and one
 * OperationOutcome entry (search.mode `outcome`) listing the `failures`, if any.
 */
export function mergeFindBundles(
  bundles: readonly unknown[],
  failures?: readonly { readonly practitionerRoleId: string; readonly diagnostics: string }[],
): Bundle<Appointment | OperationOutcome> { void bundles; void failures; throw new Error('TODO'); }

/** Times grouped by practitioner (each list sorted by start), practitioners in first-free order. */
export function groupByPractitioner(times: readonly AvailableTime[]): Map<string, AvailableTime[]> { void times; throw new Error('TODO'); }

/** Unique start times, each with every practitioner free then. */
export function uniqueStartTimes(times: readonly AvailableTime[]): TimeOption[] { void times; throw new Error('TODO'); }

/** Group by calendar day in `timeZone` (key YYYY-MM-DD), days ascending. */
export function groupByDay<T extends { readonly start: string }>(items: readonly T[], timeZone: string): Map<string, T[]> { void items; void timeZone; throw new Error('TODO'); }

/** Drop times that start before `now + minimumAdvanceBookingMinutes`. */
export function bookableTimes(times: readonly AvailableTime[], now: Date, minimumAdvanceBookingMinutes?: number): AvailableTime[] { void times; void now; void minimumAdvanceBookingMinutes; throw new Error('TODO'); }

/** Start and end (ISO with offset) of the local week containing `day` (Monday first) in `timeZone`. */
export function weekWindow(day: Date, timeZone: string): { readonly start: string; readonly end: string } { void day; void timeZone; throw new Error('TODO'); }
