/**
 * The one place the booking snapshot changes. The concern modules (catalog, times, sign-in,
 * booking, my bookings) read and patch it here; nothing else assigns state. Every change replaces
 * the snapshot, because a context provider only tells consumers when the value's identity changes.
 * @module
 */
import type { ItbProblem } from '@itb/shared';
import { ItbErrorEvent } from '../events/itb-error.js';
import { ItbStepChangeEvent } from '../events/itb-step-change.js';
import type { BookingSnapshot, FocusTarget, StepName } from './booking-state.js';

/** Requests that may be in flight; a newer one of the same kind aborts the older one instead of racing it. */
export type Task = 'catalog' | 'campaign' | 'session' | 'patient' | 'claim' | 'logout' | 'times' | 'book' | 'cancel' | 'my-bookings';

/** What failed, as the `itb-error` event names it. */
export type Operation = 'catalog' | 'times' | 'book' | 'cancel' | 'campaign' | 'session' | 'my-bookings' | 'sign-in' | 'sign-out';

export class BookingStore {
  private current: BookingSnapshot;
  /** Events go out from here: the `<itb-booking>` element (a plain EventTarget in unit tests). */
  private readonly host: EventTarget;
  private readonly listeners = new Set<(s: BookingSnapshot) => void>();
  private readonly tasks = new Map<Task, AbortController>();
  /** Focus follows step changes only once the patient has acted (never on page load). */
  private interactive = false;

  constructor(host: EventTarget, initial: BookingSnapshot) {
    this.host = host;
    this.current = initial;
  }

  get snapshot(): BookingSnapshot {
    return this.current;
  }

  /** Called with every new snapshot. */
  subscribe(listener: (s: BookingSnapshot) => void): void {
    this.listeners.add(listener);
  }

  set(patch: Partial<BookingSnapshot>): void {
    const previous = this.current;
    const next = { ...previous, ...patch };
    // A message set is a message to say, even when it is the same text as last time.
    if (patch.announcement !== undefined && patch.announcement !== '') next.announcementSeq = previous.announcementSeq + 1;
    if (patch.alert !== undefined && patch.alert !== '') next.alertSeq = previous.alertSeq + 1;
    this.current = Object.freeze(next);
    if (this.current.step !== previous.step) this.emit(new ItbStepChangeEvent({ step: this.current.step, previous: previous.step }));
    for (const listener of this.listeners) listener(this.current);
  }

  go(step: StepName): void {
    this.set({ step, moveFocus: this.interactive });
  }

  /** Sends focus to `target` once it is rendered (only after the patient has acted). */
  focus(target: FocusTarget): void {
    if (this.interactive) this.set({ focusRequest: { target, seq: (this.current.focusRequest?.seq ?? 0) + 1 } });
  }

  /** The patient did something: from now on a step change moves focus to its heading. */
  interact(): void {
    this.interactive = true;
  }

  /** A fresh signal for `task`, aborting the previous request of the same kind. */
  begin(task: Task): AbortSignal {
    this.tasks.get(task)?.abort();
    const controller = new AbortController();
    this.tasks.set(task, controller);
    return controller.signal;
  }

  abortAll(): void {
    for (const controller of this.tasks.values()) controller.abort();
    this.tasks.clear();
  }

  emit(event: Event): void {
    this.host.dispatchEvent(event);
  }

  /** Tells the page (`itb-error`) and the patient (the assertive live region) that `operation` failed. */
  fail(operation: Operation, problem: ItbProblem): void {
    this.emit(new ItbErrorEvent({ reason: problem.reason, status: problem.status, operation }));
    this.set({ alert: this.current.t.reasons[problem.reason] });
  }
}
