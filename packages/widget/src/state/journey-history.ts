/**
 * The browser's Back and Forward buttons for the journey. Each step the patient moves to gets its
 * own history entry, so Back returns to the previous step instead of leaving the page; a reload
 * finds the current entry and puts the journey back. The entry lives in `history.state` under
 * `itb-booking` → this element's key, beside whatever the host page keeps there, and holds only the
 * choices (ids, the chosen free time) — never what the patient typed.
 * @module
 */
import type { AvailableTime } from '@itb/shared';
import type { BookingSnapshot, StepName } from './booking-state.js';

const STATE_KEY = 'itb-booking';

/** What one history entry remembers of the journey. */
export interface HistoryEntry {
  readonly step: StepName;
  readonly clinicId?: string;
  readonly treatmentId?: string;
  readonly practitionerId?: string;
  /** A day in the week the time step showed (ISO). */
  readonly weekDay?: string;
  readonly chosenTime?: AvailableTime;
  /** The step was part of moving a booking (that booking is not kept in history). */
  readonly rescheduling?: boolean;
}

/** Where a popped entry takes the journey, given what this page still knows. */
export interface PopTarget {
  readonly step: StepName;
  readonly patch: Partial<BookingSnapshot>;
}

type Plain = Record<string, unknown>;

function isPlain(value: unknown): value is Plain {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Whether this history state can carry our entries without disturbing the host's (null or a plain object). */
export function canShare(state: unknown): boolean {
  return state === null || state === undefined || isPlain(state);
}

export function entryOf(s: BookingSnapshot): HistoryEntry {
  return {
    step: s.step,
    ...(s.clinicId === undefined ? {} : { clinicId: s.clinicId }),
    ...(s.treatmentId === undefined ? {} : { treatmentId: s.treatmentId }),
    ...(s.practitionerId === undefined ? {} : { practitionerId: s.practitionerId }),
    ...(s.weekDay === undefined ? {} : { weekDay: s.weekDay.toISOString() }),
    ...(s.chosenTime === undefined || s.step !== 'review' ? {} : { chosenTime: s.chosenTime }),
    ...(s.rescheduling === undefined ? {} : { rescheduling: true }),
  };
}

export function readEntry(state: unknown, key: string): HistoryEntry | undefined {
  const ours = isPlain(state) ? state[STATE_KEY] : undefined;
  const entry = isPlain(ours) ? ours[key] : undefined;
  return isPlain(entry) && typeof entry.step === 'string' ? (entry as unknown as HistoryEntry) : undefined;
}

/** `state` with this element's entry set, the host's and other widgets' entries kept. */
export function withEntry(state: unknown, key: string, entry: HistoryEntry): Plain {
  const base = isPlain(state) ? state : {};
  const ours = isPlain(base[STATE_KEY]) ? base[STATE_KEY] : {};
  return { ...base, [STATE_KEY]: { ...ours, [key]: entry } };
}

function sameEntry(a: HistoryEntry | undefined, b: HistoryEntry): boolean {
  return a !== undefined && JSON.stringify(a) === JSON.stringify(b);
}

/**
 * The step a popped (or reloaded) entry leads to. A step whose data is gone falls back to the one
 * before it: a review without its time → the time step; a confirmation or a move already done →
 * a new journey's start or My bookings; a booking already made is never offered again by Back.
 */
export function popTarget(entry: HistoryEntry, s: BookingSnapshot): PopTarget {
  const choices: Partial<BookingSnapshot> = {
    clinicId: entry.clinicId, treatmentId: entry.treatmentId, practitionerId: entry.practitionerId,
    ...(entry.weekDay === undefined ? {} : { weekDay: new Date(entry.weekDay) }),
  };
  if (entry.step === 'my-bookings' || (entry.rescheduling === true && s.rescheduling === undefined)) {
    return { step: 'my-bookings', patch: { rescheduling: undefined, chosenTime: undefined } };
  }
  const leaving = s.booked !== undefined && s.step === 'confirmation';
  const reset: Partial<BookingSnapshot> = leaving ? { booked: undefined, bookStatus: 'idle', bookProblem: undefined } : {};
  switch (entry.step) {
    case 'select':
      return { step: 'select', patch: { ...reset, ...choices, chosenTime: undefined } };
    case 'practitioner':
    case 'time':
      return { step: entry.step, patch: { ...reset, ...choices, chosenTime: undefined } };
    case 'review':
      return entry.chosenTime !== undefined && !leaving
        ? { step: 'review', patch: { ...choices, chosenTime: entry.chosenTime } }
        : { step: 'time', patch: { ...reset, ...choices, chosenTime: undefined } };
    case 'confirmation':
      return s.booked === undefined ? { step: 'select', patch: { ...choices, chosenTime: undefined } } : { step: 'confirmation', patch: {} };
  }
}

/** The window's history, as far as the journey uses it. */
export interface HistoryPort {
  readonly state: unknown;
  pushState(data: unknown, unused: string): void;
  replaceState(data: unknown, unused: string): void;
}

/**
 * Writes the journey into history: a new entry when the patient moves to another step, the
 * current entry updated when only the choices change (so a reload restores them).
 */
export class JourneyHistory {
  private lastStep: StepName | undefined;

  constructor(private readonly history: HistoryPort, private readonly key: string) {}

  /** The entry a reload found, if this element left one there. */
  get current(): HistoryEntry | undefined {
    return readEntry(this.history.state, this.key);
  }

  /** Records `s`; `byPatient` says whether a step change is the patient's move (a new entry) or a restore. */
  record(s: BookingSnapshot, byPatient: boolean): void {
    if (s.catalog === undefined || !canShare(this.history.state)) return;
    const entry = entryOf(s);
    const moved = this.lastStep !== undefined && this.lastStep !== s.step;
    this.lastStep = s.step;
    if (moved && byPatient) this.history.pushState(withEntry(this.history.state, this.key, entry), '');
    else if (!sameEntry(this.current, entry)) this.history.replaceState(withEntry(this.history.state, this.key, entry), '');
  }

  /** After a pop the browser already shows the entry: the next record must not push another one. */
  popped(step: StepName): void {
    this.lastStep = step;
  }
}
