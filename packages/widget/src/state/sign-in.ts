/**
 * Sign-in and the session: BankID through the BFF in a popup, else a full redirect with the
 * journey saved and restored on return; the cross-site hand-off (login-claim.ts); reading the
 * session and prefilling the contact form from the patient record; signing out.
 * @module
 */
import { contactOf } from '@itb/shared';
import type { ItbProblem, LoginMessage, Patient } from '@itb/shared';
import type { BffClient } from '../bff-client.js';
import { ItbSignedInEvent } from '../events/itb-signed-in.js';
import { contactPatient } from './book-request.js';
import { EMPTY_FORM } from './booking-state.js';
import type { BookingStore } from './booking-store.js';
import type { JourneyStorage, SavedJourney } from './journey-storage.js';
import { createLoginClaim, type LoginClaim } from './login-claim.js';
import { LOGIN_REQUIRED, problemOf } from './problem.js';
import type { TimesFlow } from './times.js';

/** The page the widget sits on, as far as signing in needs it (the window in the browser). */
export interface LoginPage {
  readonly href: string;
  /** Opens the login popup; false when the browser blocked it. */
  openPopup(url: string): boolean;
  /** Leaves this page for the login (it comes back to `href`). */
  navigate(url: string): void;
}

/** Did the BFF send a failed redirect login back? It names the reason in one query parameter. */
export function loginFailedOn(href: string): boolean {
  return new URL(href).searchParams.get('itb-login-error') !== null;
}

export interface SignInOptions {
  readonly page: LoginPage;
  readonly journey: Pick<JourneyStorage, 'save' | 'clear'>;
  readonly times: Pick<TimesFlow, 'load'>;
  /** Signed in on the My bookings step: its list loads. */
  readonly loadMyBookings: () => Promise<void>;
  /** Back from a redirect sign-in: `itb-signed-in` fires once the session confirms it. */
  readonly awaitingRedirect: boolean;
}

export interface SignInFlow {
  /** The patient record, once read. */
  readonly patient: Patient | undefined;
  /** Who to name in a move or a cancellation: the record when read, else what the form holds. */
  contact(): Patient;
  /** `justSignedIn`: the answer follows a sign-in the patient just made (announced, focus moves to Book). */
  loadSession(justSignedIn?: boolean): Promise<void>;
  /** Fills empty contact fields from the patient record (never overwrites what was typed). */
  prefillContact(): Promise<void>;
  signIn(): void;
  signOut(): Promise<void>;
  /** Cross-site mode: trades the BFF's hand-off for the session cookie, from this page, then reads the session. */
  claimHandoff(handoff: string, claim: string | undefined, mode: 'popup' | 'redirect'): Promise<void>;
  /** The login popup's result; only the BFF's own origin may report one. */
  onLoginMessage(event: Pick<MessageEvent, 'origin' | 'data'>): void;
  /** Puts back a journey saved before a redirect sign-in (clinic, treatment and practitioner are the catalog's). */
  restore(journey: SavedJourney): void;
}

type Client = Pick<BffClient, 'origin' | 'loginUrl' | 'claimSession' | 'session' | 'patient' | 'logout'>;

export function createSignIn(store: BookingStore, client: Client, options: SignInOptions): SignInFlow {
  const { page, journey } = options;
  let awaitingRedirect = options.awaitingRedirect;
  let patient: Patient | undefined;
  /** The claim for the next sign-in, made ahead so the popup still opens within the click. */
  let nextClaim: LoginClaim | undefined;
  /** The claim of the popup sign-in under way (memory only). */
  let popupClaim: LoginClaim | undefined;

  /** Without WebCrypto (outside a secure context) there is no claim: same-site sign-in still works. */
  function prepareClaim(): void {
    createLoginClaim().then((claim) => { nextClaim = claim; }, () => { nextClaim = undefined; });
  }

  function saveForLogin(claim?: string): void {
    const s = store.snapshot;
    journey.save({
      version: 1, step: s.step, form: s.form, awaitingLogin: true,
      ...(claim === undefined ? {} : { claim }),
      ...(s.clinicId === undefined ? {} : { clinicId: s.clinicId }),
      ...(s.treatmentId === undefined ? {} : { treatmentId: s.treatmentId }),
      ...(s.practitionerId === undefined ? {} : { practitionerId: s.practitionerId }),
      ...(s.campaign === undefined ? {} : { campaignCode: s.campaign.code }),
      ...(s.chosenTime === undefined ? {} : { chosenTime: s.chosenTime }),
      ...(s.rescheduling === undefined ? {} : { rescheduling: s.rescheduling }),
      ...(s.attribution === undefined ? {} : { attribution: s.attribution }),
    });
  }

  async function prefillContact(): Promise<void> {
    try {
      patient = await client.patient(store.begin('patient'));
    } catch {
      // Prefill is a convenience: the patient can still type the details.
      return;
    }
    const contact = contactOf(patient);
    const form = store.snapshot.form;
    store.set({ form: { ...form, mobilePhone: form.mobilePhone || (contact.mobilePhone ?? ''), email: form.email || (contact.email ?? '') } });
  }

  /** `justSignedIn`: this session answer follows the patient's sign-in (not a session already there). */
  function afterSignIn(justSignedIn: boolean): void {
    if (awaitingRedirect) {
      awaitingRedirect = false;
      justSignedIn = true;
      store.emit(new ItbSignedInEvent({ mode: 'redirect' }));
    }
    const s = store.snapshot;
    if (justSignedIn) {
      store.set({ announcement: s.session.name === undefined ? s.t.review.signedIn : s.t.review.signedInAs(s.session.name) });
      // The sign-in button is gone and focus was in the popup: the next thing to do is Book.
      if (s.step === 'review') store.focus('book');
    }
    if (s.bookProblem?.reason === 'login-required') store.set({ bookProblem: undefined, bookStatus: 'idle' });
    if (s.step === 'review' || s.chosenTime !== undefined) void prefillContact();
    if (s.step === 'my-bookings') void options.loadMyBookings();
  }

  async function loadSession(justSignedIn = false): Promise<void> {
    const signal = store.begin('session');
    store.set({ sessionStatus: 'loading' });
    try {
      const session = await client.session(signal);
      store.set({ session, sessionStatus: 'ready' });
      if (session.signedIn) afterSignIn(justSignedIn);
      else if (store.snapshot.step === 'my-bookings') store.set({ myBookings: { status: 'idle', items: [] } });
    } catch (error) {
      const problem = problemOf(error);
      if (problem === undefined) return;
      store.set({ sessionStatus: 'error', session: { signedIn: false } });
      store.fail('session', problem);
    }
  }

  async function claimHandoff(handoff: string, claim: string | undefined, mode: 'popup' | 'redirect'): Promise<void> {
    let problem: ItbProblem | undefined = claim === undefined ? LOGIN_REQUIRED : undefined;
    if (claim !== undefined) {
      try {
        await client.claimSession(handoff, claim, store.begin('claim'));
      } catch (error) {
        problem = problemOf(error);
        if (problem === undefined) return;
      }
    }
    if (problem === undefined) {
      if (mode === 'popup') store.emit(new ItbSignedInEvent({ mode: 'popup' }));
    } else {
      awaitingRedirect = false;
      store.fail('sign-in', problem);
      store.focus('sign-in');
    }
    await loadSession(problem === undefined);
  }

  prepareClaim();

  return {
    get patient() {
      return patient;
    },

    contact: () => patient ?? contactPatient(store.snapshot.form),
    loadSession,
    prefillContact,
    claimHandoff,

    signIn() {
      const s = store.snapshot;
      const returnTo = page.href;
      const claim = nextClaim;
      nextClaim = undefined;
      prepareClaim();
      // Saved before a popup too: a popup the browser turns into a tab still returns to this page.
      saveForLogin();
      popupClaim = claim;
      if (page.openPopup(client.loginUrl('popup', returnTo, s.t.code, claim?.claimHash))) return;
      popupClaim = undefined;
      saveForLogin(claim?.claim);
      page.navigate(client.loginUrl('redirect', returnTo, s.t.code, claim?.claimHash));
    },

    async signOut() {
      patient = undefined;
      try {
        await client.logout(store.begin('logout'));
      } catch (error) {
        const problem = problemOf(error);
        if (problem !== undefined) store.fail('sign-out', problem);
      }
      store.set({ session: { signedIn: false }, myBookings: { status: 'idle', items: [] }, announcement: store.snapshot.t.common.signedOut });
      store.focus('sign-in');
    },

    onLoginMessage(event) {
      const data = event.data as Partial<LoginMessage> | null;
      if (event.origin !== client.origin || data?.type !== 'itb-login') return;
      journey.clear();
      const claim = popupClaim;
      popupClaim = undefined;
      if (data.ok === true && typeof data.handoff === 'string') {
        void claimHandoff(data.handoff, claim?.claim, 'popup');
      } else if (data.ok === true) {
        store.emit(new ItbSignedInEvent({ mode: 'popup' }));
        void loadSession(true);
      } else {
        store.fail('sign-in', LOGIN_REQUIRED);
        store.focus('sign-in');
      }
    },

    restore(saved) {
      store.set({ form: { ...EMPTY_FORM, ...saved.form }, rescheduling: saved.rescheduling, chosenTime: saved.chosenTime });
      if (saved.chosenTime !== undefined && (saved.step === 'review' || saved.step === 'time')) {
        store.set({ step: 'review' });
      } else if (saved.step === 'time' || saved.step === 'practitioner') {
        store.set({ step: saved.step });
        if (saved.step === 'time') void options.times.load();
      }
      if (saved.awaitingLogin && loginFailedOn(page.href)) {
        store.set({ bookProblem: LOGIN_REQUIRED });
        store.fail('sign-in', LOGIN_REQUIRED);
      }
      if (store.snapshot.session.signedIn && store.snapshot.chosenTime !== undefined) void prefillContact();
      journey.clear();
    },
  };
}
