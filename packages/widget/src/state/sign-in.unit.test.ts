import { describe, expect, it, vi } from 'vitest';
import type { Patient } from '@itb/shared';
import { EMPTY_FORM, type BookingSnapshot } from './booking-state.js';
import type { SavedJourney } from './journey-storage.js';
import { createSignIn, type LoginPage } from './sign-in.js';
import { CLINIC, FakeBff, HYGIENE, eventsOf, freeTime, memoryJourney, problem, settle, testStore } from './flows.test-support.js';

// The claim is random and hashed with WebCrypto off the main thread; a fixed one keeps the tests exact.
vi.mock('./login-claim.js', () => ({ createLoginClaim: async () => ({ claim: 'the-claim', claimHash: 'the-claim-hash' }) }));

const RECORD: Patient = {
  resourceType: 'Patient',
  telecom: [{ system: 'phone', value: '+46 8 123 45', use: 'home' }, { system: 'phone', value: ' +46701740605 ', use: 'mobile' }, { system: 'email', value: 'alva@example.se' }],
};

function fakePage(href = 'https://clinic.example/book', popups = true) {
  const opened: string[] = [];
  const navigated: string[] = [];
  const page: LoginPage = { href, openPopup: (url) => { opened.push(url); return popups; }, navigate: (url) => { navigated.push(url); } };
  return { page, opened, navigated };
}

function setUp(options: { page?: LoginPage; journey?: ReturnType<typeof memoryJourney>; awaitingRedirect?: boolean; bff?: FakeBff; initial?: Partial<BookingSnapshot> } = {}) {
  const { store, events } = testStore({ clinicId: CLINIC, treatmentId: HYGIENE, ...options.initial });
  const bff = options.bff ?? new FakeBff();
  const journey = options.journey ?? memoryJourney();
  const timesLoaded: number[] = [];
  const myBookingsLoaded: number[] = [];
  const flow = createSignIn(store, bff, {
    page: options.page ?? fakePage().page, journey, awaitingRedirect: options.awaitingRedirect ?? false,
    times: { load: async () => { timesLoaded.push(1); } },
    loadMyBookings: async () => { myBookingsLoaded.push(1); },
  });
  return { store, events, bff, journey, flow, timesLoaded, myBookingsLoaded };
}

describe('sign-in', () => {
  it('opens the BFF login in a popup with the claim hash, saving the journey (no secret) in case the popup becomes a tab', async () => {
    const { page, opened, navigated } = fakePage();
    const { store, bff, journey, flow } = setUp({ page });
    store.set({ step: 'review', chosenTime: freeTime('2026-06-11T07:00:00Z'), form: { ...EMPTY_FORM, comment: 'hi' } });
    await settle();
    flow.signIn();
    expect(bff.called('loginUrl')).toEqual([['popup', 'https://clinic.example/book', 'en', 'the-claim-hash']]);
    expect(opened).toHaveLength(1);
    expect(navigated).toEqual([]);
    expect(journey.saved).toMatchObject({ step: 'review', clinicId: CLINIC, treatmentId: HYGIENE, awaitingLogin: true, form: { comment: 'hi' } });
    expect(journey.saved?.claim).toBeUndefined();
  });

  it('a blocked popup becomes a full redirect, and only then is the claim saved with the journey', async () => {
    const { page, navigated } = fakePage('https://clinic.example/book', false);
    const { bff, journey, flow } = setUp({ page });
    await settle();
    flow.signIn();
    expect(bff.called('loginUrl').map((args) => args[0])).toEqual(['popup', 'redirect']);
    expect(navigated).toEqual(['https://bff.example/auth/login?mode=redirect']);
    expect(journey.saved?.claim).toBe('the-claim');
  });

  it('saves the campaign attribution with the journey, for a login that returns to a URL without it', async () => {
    const { page } = fakePage('https://clinic.example/book', false);
    const { journey, flow } = setUp({ page, initial: { attribution: { utm_source: 'nyhetsbrev', utm_medium: 'email' } } });
    await settle();
    flow.signIn();
    expect(journey.saved?.attribution).toEqual({ utm_source: 'nyhetsbrev', utm_medium: 'email' });
  });

  it('trusts a login message only from the BFF\'s origin; a good one signs in and reads the session', async () => {
    const bff = new FakeBff().answer('session', { signedIn: true, name: 'Alva' });
    const journey = memoryJourney({ version: 1, step: 'review', form: EMPTY_FORM, awaitingLogin: true });
    const { store, events, flow } = setUp({ bff, journey });
    flow.onLoginMessage({ origin: 'https://evil.example', data: { type: 'itb-login', ok: true } });
    expect(journey.saved).toBeDefined();
    flow.onLoginMessage({ origin: bff.origin, data: { type: 'itb-login', ok: true } });
    await settle();
    expect(journey.saved).toBeUndefined();
    expect(eventsOf(events)).toEqual([['itb-signed-in', { mode: 'popup' }]]);
    expect(store.snapshot).toMatchObject({ session: { signedIn: true, name: 'Alva' }, sessionStatus: 'ready' });
  });

  it('a refused login says so', () => {
    const { store, events, bff, flow } = setUp();
    flow.onLoginMessage({ origin: bff.origin, data: { type: 'itb-login', ok: false } });
    expect(eventsOf(events)).toEqual([['itb-error', { reason: 'login-required', status: 401, operation: 'sign-in' }]]);
    expect(store.snapshot.alert).toBe(store.snapshot.t.reasons['login-required']);
  });

  it('cross-site: the popup\'s hand-off is claimed with the popup\'s own claim before the session is read', async () => {
    const bff = new FakeBff().answer('claimSession', undefined).answer('session', { signedIn: true });
    const { events, flow } = setUp({ bff });
    await settle();
    flow.signIn();
    flow.onLoginMessage({ origin: bff.origin, data: { type: 'itb-login', ok: true, handoff: 'h.1' } });
    await settle();
    expect(bff.called('claimSession')).toEqual([['h.1', 'the-claim', expect.any(AbortSignal)]]);
    expect(bff.calls.map((c) => c.method)).toEqual(['loginUrl', 'claimSession', 'session']);
    expect(eventsOf(events)).toEqual([['itb-signed-in', { mode: 'popup' }]]);
  });

  it('cross-site: a hand-off without its claim, or a refused claim, is a failed sign-in and no itb-signed-in', async () => {
    const bff = new FakeBff().answer('session', { signedIn: false }).answer('claimSession', problem('login-required', 401)).answer('session', { signedIn: false });
    const { events, flow } = setUp({ bff, awaitingRedirect: true });
    await flow.claimHandoff('h.1', undefined, 'redirect');
    await flow.claimHandoff('h.2', 'claim', 'redirect');
    expect(eventsOf(events)).toEqual([
      ['itb-error', { reason: 'login-required', status: 401, operation: 'sign-in' }],
      ['itb-error', { reason: 'login-required', status: 401, operation: 'sign-in' }],
    ]);
  });

  it('back from a redirect sign-in: itb-signed-in once the session confirms it, then the form is prefilled from the record', async () => {
    const bff = new FakeBff().answer('session', { signedIn: true }, { signedIn: true }).answer('patient', RECORD);
    const { store, events, flow } = setUp({
      bff, awaitingRedirect: true,
      initial: { step: 'review', form: { ...EMPTY_FORM, mobilePhone: '070 typed' }, bookProblem: { reason: 'login-required', issueCode: 'login', diagnostics: '', status: 401 } },
    });
    await flow.loadSession();
    await settle();
    await flow.loadSession();
    expect(eventsOf(events)).toEqual([['itb-signed-in', { mode: 'redirect' }]]);
    expect(store.snapshot.form).toMatchObject({ mobilePhone: '070 typed', email: 'alva@example.se' });
    expect(store.snapshot.bookProblem).toBeUndefined();
    expect(flow.patient).toBe(RECORD);
    expect(flow.contact()).toBe(RECORD);
  });

  it('prefills the mobile number (not another phone) into an empty form', async () => {
    const { store, flow } = setUp({ bff: new FakeBff().answer('patient', RECORD) });
    await flow.prefillContact();
    expect(store.snapshot.form).toMatchObject({ mobilePhone: '+46701740605', email: 'alva@example.se' });
  });

  it('signed in on My bookings: the list loads', async () => {
    const { store, flow, myBookingsLoaded } = setUp({ bff: new FakeBff().answer('session', { signedIn: true }) });
    store.set({ step: 'my-bookings' });
    await flow.loadSession();
    expect(myBookingsLoaded).toEqual([1]);
  });

  it('a session that cannot be read says why', async () => {
    const { store, events, flow } = setUp({ bff: new FakeBff().answer('session', problem('network', 0)) });
    await flow.loadSession();
    expect(store.snapshot).toMatchObject({ sessionStatus: 'error', session: { signedIn: false } });
    expect(eventsOf(events)).toEqual([['itb-error', { reason: 'network', status: 0, operation: 'session' }]]);
  });

  it('signing out forgets the session, the list and the record: a later contact comes from the form', async () => {
    const bff = new FakeBff().answer('patient', RECORD).answer('logout', undefined);
    const { store, flow } = setUp({ bff });
    await flow.prefillContact();
    store.set({ session: { signedIn: true }, myBookings: { status: 'ready', items: [] }, form: { ...EMPTY_FORM, mobilePhone: '0701' } });
    await flow.signOut();
    expect(store.snapshot).toMatchObject({ session: { signedIn: false }, myBookings: { status: 'idle', items: [] } });
    expect(flow.contact()).toEqual({ resourceType: 'Patient', telecom: [{ system: 'phone', value: '0701', use: 'mobile' }] });
  });

  it('restores a journey with a chosen time on the review step and removes it', () => {
    const time = freeTime('2026-06-11T07:00:00Z');
    const journey = memoryJourney();
    const saved: SavedJourney = { version: 1, step: 'time', chosenTime: time, form: { ...EMPTY_FORM, comment: 'kept' }, awaitingLogin: true };
    journey.save(saved);
    const { store, flow, timesLoaded } = setUp({ journey });
    flow.restore(saved);
    expect(store.snapshot).toMatchObject({ step: 'review', chosenTime: time, form: { comment: 'kept', smsConfirmation: true } });
    expect(timesLoaded).toEqual([]);
    expect(journey.saved).toBeUndefined();
  });

  it('restores the time step with fresh times, and says when the redirect login failed', () => {
    const { page } = fakePage('https://clinic.example/book?itb-login-error=cancelled');
    const { store, events, flow, timesLoaded } = setUp({ page });
    flow.restore({ version: 1, step: 'time', form: EMPTY_FORM, awaitingLogin: true });
    expect(store.snapshot.step).toBe('time');
    expect(timesLoaded).toEqual([1]);
    expect(store.snapshot.bookProblem?.reason).toBe('login-required');
    expect(eventsOf(events).at(-1)).toEqual(['itb-error', { reason: 'login-required', status: 401, operation: 'sign-in' }]);
  });
});
