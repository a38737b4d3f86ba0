/**
 * The state core (snapshot replacement, per-operation abort) and the flows that change bookings:
 * sign-in (popup, else full redirect with the journey saved), `$book` create / modify / cancel with
 * an idempotency key per attempt, and My bookings. {@link BookingController} adds loading and choosing.
 * @module
 */
import { participantId } from '@itb/shared';
import type { Appointment, ItbProblem, LoginMessage, Patient } from '@itb/shared';
import type { ReactiveControllerHost } from 'lit';
import { BffError, type BffClient } from '../bff-client.js';
import { ItbBookedEvent } from '../events/itb-booked.js';
import { ItbCancelledEvent } from '../events/itb-cancelled.js';
import { ItbRescheduledEvent } from '../events/itb-rescheduled.js';
import { ItbSignedInEvent } from '../events/itb-signed-in.js';
import { cancelParameters, contactPatient, createParameters, modifyParameters } from './book-request.js';
import type { BookingSnapshot, StepName } from './booking-state.js';
import { clearJourney, saveJourney } from './journey-storage.js';
import { createLoginClaim, type LoginClaim } from './login-claim.js';

type Host = ReactiveControllerHost & HTMLElement;

export abstract class BookingFlows {
  protected readonly host: Host;
  protected readonly now: () => Date;
  protected client: BffClient | undefined;
  /** Focus follows step changes only once the patient has interacted (never on page load). */
  protected interactive = false;
  protected awaitingRedirectLogin = false;
  protected patientContact: Patient | undefined;
  protected storageKey = '';
  /** The claim for the next sign-in, made ahead so the popup still opens within the click. */
  private nextClaim: LoginClaim | undefined;
  /** The claim of the popup sign-in under way (memory only). */
  private popupClaim: LoginClaim | undefined;
  private current: BookingSnapshot;
  private readonly aborts = new Map<string, AbortController>();
  /** The idempotency key of the current `$book` attempt and the exact body it was made for. */
  private attempt: { body: string; key: string } | undefined;

  constructor(host: Host, now: () => Date, initial: BookingSnapshot) {
    this.host = host;
    this.now = now;
    this.current = initial;
  }

  get snapshot(): BookingSnapshot {
    return this.current;
  }

  protected abstract publish(previous: BookingSnapshot): void;
  protected abstract fail(operation: string, problem: ItbProblem): void;
  protected abstract problemOf(error: unknown): ItbProblem | undefined;
  protected abstract loadCatalog(): Promise<void>;
  protected abstract loadSession(): Promise<void>;
  protected abstract prefillContact(): Promise<void>;
  protected abstract reloadTimes(): void;

  protected set(patch: Partial<BookingSnapshot>): void {
    const previous = this.current;
    this.current = Object.freeze({ ...previous, ...patch });
    this.publish(previous);
  }

  protected go(step: StepName): void {
    this.set({ step, moveFocus: this.interactive, announcement: '' });
  }

  /** A fresh signal for `operation`, aborting the previous request of the same kind. */
  protected begin(operation: string): AbortSignal {
    this.aborts.get(operation)?.abort();
    const controller = new AbortController();
    this.aborts.set(operation, controller);
    return controller.signal;
  }

  protected abortAll(): void {
    for (const controller of this.aborts.values()) controller.abort();
    this.aborts.clear();
  }

  /** Make the next sign-in's claim (without WebCrypto, i.e. outside a secure context, there is none: same-site still works). */
  protected prepareClaim(): void {
    createLoginClaim().then((claim) => { this.nextClaim = claim; }, () => { this.nextClaim = undefined; });
  }

  signIn(): void {
    const client = this.client;
    if (client === undefined) return;
    this.interactive = true;
    const s = this.snapshot;
    const returnTo = window.location.href;
    const claim = this.nextClaim;
    this.nextClaim = undefined;
    this.prepareClaim();
    // Saved before a popup too: a popup the browser turns into a tab still returns to this page.
    this.saveForLogin();
    this.popupClaim = claim;
    const popup = window.open(client.loginUrl('popup', returnTo, s.t.code, claim?.claimHash), 'itb-login', 'popup,width=520,height=720');
    if (popup !== null) return;
    this.popupClaim = undefined;
    this.saveForLogin(claim?.claim);
    window.location.assign(client.loginUrl('redirect', returnTo, s.t.code, claim?.claimHash));
  }

  /**
   * Cross-site mode: trade the BFF's hand-off for the session cookie, from this page (so the
   * browser files the cookie under this site's partition), then read the session.
   */
  protected async claimHandoff(handoff: string, claim: string | undefined, mode: 'popup' | 'redirect'): Promise<void> {
    const client = this.client;
    if (client === undefined) return;
    try {
      if (claim === undefined) throw new BffError({ reason: 'login-required', issueCode: 'login', diagnostics: '', status: 401 });
      await client.claimSession(handoff, claim, this.begin('claim'));
    } catch (error) {
      const problem = this.problemOf(error);
      if (problem === undefined) return;
      this.awaitingRedirectLogin = false;
      this.fail('sign-in', problem);
      await this.loadSession();
      return;
    }
    if (mode === 'popup') this.host.dispatchEvent(new ItbSignedInEvent({ mode: 'popup' }));
    await this.loadSession();
  }

  private saveForLogin(claim?: string): void {
    const s = this.snapshot;
    saveJourney(this.storageKey, {
      version: 1, step: s.step, form: s.form, awaitingLogin: true,
      ...(claim === undefined ? {} : { claim }),
      ...(s.clinicId === undefined ? {} : { clinicId: s.clinicId }),
      ...(s.treatmentId === undefined ? {} : { treatmentId: s.treatmentId }),
      ...(s.practitionerId === undefined ? {} : { practitionerId: s.practitionerId }),
      ...(s.campaign === undefined ? {} : { campaignCode: s.campaign.code }),
      ...(s.chosenTime === undefined ? {} : { chosenTime: s.chosenTime }),
      ...(s.rescheduling === undefined ? {} : { rescheduling: s.rescheduling }),
    });
  }

  /** Only the BFF's own origin may report a login result (its popup page posts it). */
  protected readonly onLoginMessage = (event: MessageEvent): void => {
    const client = this.client;
    const data = event.data as Partial<LoginMessage> | null;
    if (client === undefined || event.origin !== client.origin || data?.type !== 'itb-login') return;
    clearJourney(this.storageKey);
    const claim = this.popupClaim;
    this.popupClaim = undefined;
    if (data.ok === true && typeof data.handoff === 'string') {
      void this.claimHandoff(data.handoff, claim?.claim, 'popup');
    } else if (data.ok === true) {
      this.host.dispatchEvent(new ItbSignedInEvent({ mode: 'popup' }));
      void this.loadSession();
    } else {
      this.fail('sign-in', { reason: 'login-required', issueCode: 'login', diagnostics: '', status: 401 });
    }
  };

  protected afterSignIn(): void {
    if (this.awaitingRedirectLogin) {
      this.awaitingRedirectLogin = false;
      this.host.dispatchEvent(new ItbSignedInEvent({ mode: 'redirect' }));
    }
    const s = this.snapshot;
    if (s.bookProblem?.reason === 'login-required') this.set({ bookProblem: undefined, bookStatus: 'idle' });
    if (s.step === 'review' || s.chosenTime !== undefined) void this.prefillContact();
    if (s.step === 'my-bookings') void this.loadMyBookings();
  }

  signOut(): void {
    const client = this.client;
    if (client === undefined) return;
    this.interactive = true;
    this.patientContact = undefined;
    void client.logout(this.begin('logout')).catch((error: unknown) => {
      const problem = this.problemOf(error);
      if (problem !== undefined) this.fail('sign-out', problem);
    }).finally(() => {
      this.set({ session: { signedIn: false }, myBookings: { status: 'idle', items: [] } });
    });
  }

  /** The key for this exact request body: reused when the same attempt is retried, new otherwise. */
  private idempotencyKey(body: string): string {
    if (this.attempt?.body !== body) this.attempt = { body, key: crypto.randomUUID() };
    return this.attempt.key;
  }

  book(): void {
    const s = this.snapshot;
    const client = this.client;
    if (client === undefined || s.chosenTime === undefined || s.bookStatus === 'loading') return;
    this.interactive = true;
    const rescheduling = s.rescheduling;
    const parameters = rescheduling === undefined
      ? createParameters(s.chosenTime.appointment, s.form)
      : modifyParameters(rescheduling, s.chosenTime.appointment, this.patientContact ?? contactPatient(s.form));
    const body = JSON.stringify(parameters);
    const key = this.idempotencyKey(body);
    this.set({ bookStatus: 'loading', bookProblem: undefined, announcement: s.t.review.working });
    client.book(parameters, key, this.begin('book'), s.campaign?.code).then(({ appointment, warnings }) => {
      this.attempt = undefined;
      clearJourney(this.storageKey);
      const clinicId = participantId(appointment, 'HealthcareService') ?? s.clinicId ?? '';
      const practitionerRoleId = participantId(appointment, 'PractitionerRole') ?? s.chosenTime?.practitionerRoleId ?? '';
      const ids = { appointmentId: appointment.id ?? '', start: appointment.start ?? '', end: appointment.end ?? '' };
      this.set({
        bookStatus: 'ready', rescheduling: undefined, chosenTime: undefined, form: { ...s.form, comment: '', termsAccepted: false },
        booked: {
          appointment, warnings, kind: rescheduling === undefined ? 'create' : 'modify', clinicId, practitionerRoleId,
          ...(s.treatmentId === undefined ? {} : { treatmentId: s.treatmentId }),
        },
      });
      if (rescheduling === undefined) {
        this.host.dispatchEvent(new ItbBookedEvent({ ...ids, clinicId, treatmentId: s.treatmentId ?? '', practitionerRoleId }));
      } else {
        this.host.dispatchEvent(new ItbRescheduledEvent({ ...ids, previousStart: rescheduling.start ?? '' }));
      }
      this.go('confirmation');
    }, (error: unknown) => {
      const problem = this.problemOf(error);
      if (problem === undefined) return;
      this.set({ bookStatus: 'error', bookProblem: problem });
      this.fail('book', problem);
      if (problem.reason === 'login-required') this.set({ session: { signedIn: false } });
      if (problem.reason === 'slot-taken') {
        // Someone was faster: the time is gone, so send the patient back to fresh times.
        this.attempt = undefined;
        this.set({ chosenTime: undefined });
        this.go('time');
        this.set({ announcement: s.t.reasons['slot-taken'] });
        this.reloadTimes();
      }
    });
  }

  showMyBookings(): void {
    this.interactive = true;
    this.set({ rescheduling: undefined, cancelProblem: undefined, cancelStatus: 'idle' });
    this.go('my-bookings');
    if (this.snapshot.sessionStatus === 'idle') void this.loadSession();
    else if (this.snapshot.session.signedIn) void this.loadMyBookings();
  }

  startNewBooking(): void {
    this.interactive = true;
    this.set({ rescheduling: undefined, chosenTime: undefined, booked: undefined, bookProblem: undefined, bookStatus: 'idle', practitionerId: undefined });
    this.go('select');
  }

  protected async loadMyBookings(): Promise<void> {
    const client = this.client;
    if (client === undefined) return;
    const signal = this.begin('my-bookings');
    this.set({ myBookings: { status: 'loading', items: this.snapshot.myBookings.items }, announcement: this.snapshot.t.common.loading });
    try {
      const items = await client.myAppointments(signal);
      this.set({ myBookings: { status: 'ready', items }, announcement: '' });
      if (this.patientContact === undefined) void this.prefillContact();
    } catch (error) {
      const problem = this.problemOf(error);
      if (problem === undefined) return;
      if (problem.reason === 'login-required') this.set({ session: { signedIn: false } });
      this.set({ myBookings: { status: 'error', items: [], problem } });
      this.fail('my-bookings', problem);
    }
  }

  cancelBooking(appointment: Appointment): void {
    const client = this.client;
    if (client === undefined || this.snapshot.cancelStatus === 'loading') return;
    this.interactive = true;
    const parameters = cancelParameters(appointment, this.patientContact ?? contactPatient(this.snapshot.form));
    const key = this.idempotencyKey(JSON.stringify(parameters));
    this.set({ cancelStatus: 'loading', cancelProblem: undefined, announcement: this.snapshot.t.common.loading });
    client.book(parameters, key, this.begin('cancel')).then(({ appointment: cancelled }) => {
      this.attempt = undefined;
      this.host.dispatchEvent(new ItbCancelledEvent({ appointmentId: cancelled.id ?? appointment.id ?? '', start: appointment.start ?? '' }));
      this.set({ cancelStatus: 'ready', announcement: this.snapshot.t.myBookings.cancelledNotice });
      void this.loadMyBookings();
    }, (error: unknown) => {
      const problem = this.problemOf(error);
      if (problem === undefined) return;
      this.set({ cancelStatus: 'error', cancelProblem: problem });
      this.fail('cancel', problem);
    });
  }
}
