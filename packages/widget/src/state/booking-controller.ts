/**
 * The one owner of the booking journey's state. A ReactiveController on `<itb-booking>`: it loads
 * through the BFF client (every request abortable, a newer request of the same kind cancels the
 * older one instead of racing it), replaces the snapshot on every change and tells the host.
 * Longer than most files here because it is the single place state changes; the pure parts
 * (request bodies, week loading, derivations, storage) live beside it.
 * @module
 */
import { indexOffersContext, participantId, treatmentIdOf } from '@itb/shared';
import type { Appointment, AvailableTime, ItbProblem, Patient, ReasonCode } from '@itb/shared';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BffClient, BffError } from '../bff-client.js';
import { ItbErrorEvent } from '../events/itb-error.js';
import { ItbStepChangeEvent } from '../events/itb-step-change.js';
import { pickTranslation } from '../locales/locale.js';
import { contactFromPatient } from './book-request.js';
import type { BookingIntents } from './booking-intents.js';
import { EMPTY_FORM, initialSnapshot } from './booking-state.js';
import type { BookingSnapshot, ContactForm, StepName } from './booking-state.js';
import { BookingFlows } from './booking-flows.js';
import { clearJourney, takeJourney } from './journey-storage.js';
import { takeHandoffFromLocation } from './login-claim.js';
import type { SavedJourney } from './journey-storage.js';
import { resolvePreselection } from './preselection.js';
import { searchVisitType, selectedClinic } from './selection.js';
import { loadWeek } from './times.js';

/** The host's attributes, as the controller needs them. */
export interface BookingConfig {
  readonly bff: string | undefined;
  readonly locale: string | undefined;
  readonly clinic: string | undefined;
  readonly treatment: string | undefined;
  readonly practitioner: string | undefined;
  readonly campaign: string | undefined;
  readonly view: string | undefined;
  /** sessionStorage key for this element's journey. */
  readonly storageKey: string;
}

type Host = ReactiveControllerHost & HTMLElement;

/** What the time step says when the chosen offer cannot be searched, offline or unresolved alike: not bookable online. */
const NOT_BOOKABLE: ItbProblem = { reason: 'offer-offline', issueCode: 'business-rule', diagnostics: '', status: 422 };

export class BookingController extends BookingFlows implements ReactiveController, BookingIntents {
  private readonly listeners = new Set<(s: BookingSnapshot) => void>();
  private config: BookingConfig | undefined;
  private restored: SavedJourney | undefined;
  /** Attribute preselection is applied on the first catalog only, so a campaign reload keeps the patient's choices. */
  private preselected = false;

  constructor(host: Host, now: () => Date = () => new Date()) {
    super(host, now, initialSnapshot(pickTranslation(undefined, document.documentElement.lang)));
    host.addController(this);
  }

  /** Called with every new snapshot (the host forwards it to the context provider). */
  subscribe(listener: (s: BookingSnapshot) => void): void {
    this.listeners.add(listener);
  }

  hostConnected(): void {
    window.addEventListener('message', this.onLoginMessage);
  }

  hostDisconnected(): void {
    window.removeEventListener('message', this.onLoginMessage);
    this.abortAll();
  }

  protected override publish(previous: BookingSnapshot): void {
    const s = this.snapshot;
    if (s.step !== previous.step) this.host.dispatchEvent(new ItbStepChangeEvent({ step: s.step, previous: previous.step }));
    for (const listener of this.listeners) listener(s);
    this.host.requestUpdate();
  }

  protected override fail(operation: string, problem: ItbProblem): void {
    this.host.dispatchEvent(new ItbErrorEvent({ reason: problem.reason, status: problem.status, operation }));
    this.set({ announcement: this.snapshot.t.reasons[problem.reason] });
  }

  /** Applies the host's attributes; cheap when nothing relevant changed. */
  configure(config: BookingConfig): void {
    const previous = this.config;
    this.config = config;
    const t = pickTranslation(config.locale, document.documentElement.lang);
    if (t !== this.snapshot.t) this.set({ t });
    const errors: string[] = [];
    let client: BffClient | undefined;
    if (config.bff === undefined || config.bff.trim() === '') errors.push(t.config.missingBff);
    else {
      try {
        client = new BffClient(config.bff);
      } catch {
        errors.push(t.config.invalidBff(config.bff));
      }
    }
    const view = config.view ?? 'book';
    if (view !== 'book' && view !== 'my-bookings') errors.push(t.config.invalidView(view));
    this.set({ configErrors: errors, fatal: client === undefined });
    if (client === undefined) return;
    if (previous?.bff !== config.bff || this.client === undefined) {
      this.client = client;
      this.storageKey = config.storageKey;
      this.restored = takeJourney(config.storageKey);
      // Known before the session answers, which may come before or after the catalog.
      this.awaitingRedirectLogin = this.restored?.awaitingLogin === true && new URL(window.location.href).searchParams.get('itb-login-error') === null;
      const restoredView: StepName | undefined = this.restored?.step === 'my-bookings' || this.restored?.rescheduling !== undefined ? 'my-bookings' : undefined;
      this.set({ step: restoredView ?? (view === 'my-bookings' ? 'my-bookings' : 'select') });
      const code = this.restored?.campaignCode ?? config.campaign;
      if (code !== undefined && code.trim() !== '') this.applyCampaign(code, false);
      else void this.loadCatalog();
      // Only the element whose journey holds the claim takes a cross-site hand-off off the URL.
      const handoff = this.restored?.claim === undefined ? undefined : takeHandoffFromLocation();
      if (handoff !== undefined) void this.claimHandoff(handoff, this.restored?.claim, 'redirect');
      // The session matters from the review step on and in "My bookings"; asking for it on every
      // page view would cost a second request before the clinic list shows (bench figure 2).
      else if (this.restored !== undefined || this.snapshot.step === 'my-bookings') void this.loadSession();
      this.prepareClaim();
    } else if (previous === undefined) {
      return;
    } else if (previous.campaign !== config.campaign && config.campaign !== undefined) {
      this.applyCampaign(config.campaign, false);
    } else if (previous.clinic !== config.clinic || previous.treatment !== config.treatment || previous.practitioner !== config.practitioner) {
      this.preselected = false;
      this.applyPreselection();
    }
    if (previous !== undefined && previous.view !== config.view) {
      if (view === 'my-bookings') this.showMyBookings();
      else if (this.snapshot.step === 'my-bookings') this.startNewBooking();
    }
  }

  retry(): void {
    const s = this.snapshot;
    this.interactive = true;
    if (s.catalogStatus === 'error') void this.loadCatalog();
    else if (s.step === 'time') this.reloadTimes();
    else if (s.step === 'my-bookings') void this.loadMyBookings();
    if (s.sessionStatus === 'error') void this.loadSession();
  }

  protected override async loadCatalog(): Promise<void> {
    const client = this.client;
    if (client === undefined) return;
    const signal = this.begin('catalog');
    this.set({ catalogStatus: 'loading', announcement: this.snapshot.t.common.loading });
    try {
      const bundle = await client.offersContext(signal, this.snapshot.campaign?.code);
      const catalog = indexOffersContext(bundle);
      this.set({ catalog, catalogStatus: 'ready', catalogProblem: undefined, announcement: '' });
      this.applyPreselection();
    } catch (error) {
      const problem = this.problemOf(error);
      if (problem === undefined) return;
      this.set({ catalogStatus: 'error', catalogProblem: problem });
      this.fail('catalog', problem);
    }
  }

  /** Attribute preselection (and a journey restored after a login redirect), once the catalog is known. */
  private applyPreselection(): void {
    const s = this.snapshot;
    const config = this.config;
    if (s.catalog === undefined || config === undefined) return;
    if (this.preselected && this.restored === undefined) {
      this.dropVanishedChoices();
      return;
    }
    this.preselected = true;
    const journey = this.restored;
    if (journey === undefined) {
      const chosen = resolvePreselection(s.catalog, config, s.t);
      this.set({ preselectErrors: chosen.errors, clinicId: chosen.clinicId, treatmentId: chosen.treatmentId, practitionerId: chosen.practitionerId });
    } else {
      this.set({ preselectErrors: [], clinicId: journey.clinicId, treatmentId: journey.treatmentId, practitionerId: journey.practitionerId });
    }
    if (journey !== undefined) {
      this.restored = undefined;
      this.restoreJourney(journey);
    }
  }

  /** After a catalog reload (campaign added or removed), forget choices that are no longer offered. */
  private dropVanishedChoices(): void {
    const s = this.snapshot;
    const catalog = s.catalog;
    if (catalog === undefined) return;
    if (s.treatmentId !== undefined && !catalog.treatments.has(s.treatmentId)) this.set({ treatmentId: undefined, practitionerId: undefined });
    if (s.clinicId !== undefined && !catalog.clinics.has(s.clinicId)) this.set({ clinicId: undefined, practitionerId: undefined });
  }

  private restoreJourney(journey: SavedJourney): void {
    this.set({ form: { ...EMPTY_FORM, ...journey.form }, rescheduling: journey.rescheduling, chosenTime: journey.chosenTime });
    if (journey.chosenTime !== undefined && (journey.step === 'review' || journey.step === 'time')) {
      this.set({ step: 'review' });
    } else if (journey.step === 'time' || journey.step === 'practitioner') {
      this.set({ step: journey.step });
      if (journey.step === 'time') this.reloadTimes();
    }
    // The BFF sends a failed redirect login back with one query parameter naming the reason.
    const loginError = new URL(window.location.href).searchParams.get('itb-login-error');
    if (journey.awaitingLogin && loginError !== null) {
      const problem: ItbProblem = { reason: 'login-required', issueCode: 'login', diagnostics: '', status: 401 };
      this.set({ bookProblem: problem });
      this.fail('sign-in', problem);
    }
    if (this.snapshot.session.signedIn && this.snapshot.chosenTime !== undefined) void this.prefillContact();
    clearJourney(this.config?.storageKey ?? '');
  }

  protected override async loadSession(): Promise<void> {
    const client = this.client;
    if (client === undefined) return;
    const signal = this.begin('session');
    this.set({ sessionStatus: 'loading' });
    try {
      const session = await client.session(signal);
      this.set({ session, sessionStatus: 'ready' });
      if (session.signedIn) this.afterSignIn();
      else if (this.snapshot.step === 'my-bookings') this.set({ myBookings: { status: 'idle', items: [] } });
    } catch (error) {
      const problem = this.problemOf(error);
      if (problem === undefined) return;
      this.set({ sessionStatus: 'error', session: { signedIn: false } });
      this.fail('session', problem);
    }
  }

  /** Prefill the form from the patient record (only empty fields: never overwrite what was typed). */
  protected override async prefillContact(): Promise<void> {
    const client = this.client;
    if (client === undefined) return;
    try {
      const patient: Patient = await client.patient(this.begin('patient'));
      this.patientContact = patient;
      const contact = contactFromPatient(patient);
      const form = this.snapshot.form;
      this.set({ form: { ...form, mobilePhone: form.mobilePhone || contact.mobilePhone, email: form.email || contact.email } });
    } catch (error) {
      // Prefill is a convenience: the patient can still type the details.
      void this.problemOf(error);
    }
  }

  chooseClinic(id: string | undefined): void {
    this.interactive = true;
    this.set({ clinicId: id, practitionerId: undefined, chosenTime: undefined });
  }

  chooseTreatment(id: string | undefined): void {
    this.interactive = true;
    this.set({ treatmentId: id, practitionerId: undefined, chosenTime: undefined });
  }

  applyCampaign(code: string, interactive = true): void {
    this.interactive ||= interactive;
    void this.checkCampaign(code.trim());
  }

  private async checkCampaign(code: string): Promise<void> {
    const client = this.client;
    if (client === undefined || code === '') return;
    const signal = this.begin('campaign');
    this.set({ campaignStatus: 'loading' });
    try {
      const campaign = await client.campaign(code, signal);
      this.set({ campaign, campaignStatus: 'ready', campaignProblem: undefined, announcement: this.snapshot.t.campaign.applied(campaign.code) });
    } catch (error) {
      const problem = this.problemOf(error);
      if (problem === undefined) return;
      // An invalid code must not block booking: show why and carry on with the normal catalog.
      this.set({ campaign: undefined, campaignStatus: 'error', campaignProblem: problem });
      this.fail('campaign', problem);
    }
    await this.loadCatalog();
  }

  removeCampaign(): void {
    this.interactive = true;
    this.set({ campaign: undefined, campaignStatus: 'idle', campaignProblem: undefined });
    void this.loadCatalog();
  }

  continueFromSelect(): void {
    const s = this.snapshot;
    if (s.clinicId === undefined || s.treatmentId === undefined || selectedClinic(s)?.info.hasExternalBooking === true) return;
    this.interactive = true;
    const preselected = this.config?.practitioner !== undefined && s.practitionerId !== undefined;
    if (preselected) this.choosePractitioner(s.practitionerId);
    else this.go('practitioner');
  }

  choosePractitioner(id: string | undefined): void {
    this.interactive = true;
    this.set({ practitionerId: id, chosenTime: undefined, weekDay: this.now() });
    this.go('time');
    this.reloadTimes();
  }

  showWeek(day: string): void {
    this.interactive = true;
    this.set({ weekDay: new Date(day) });
    this.reloadTimes();
  }

  protected override reloadTimes(): void {
    void this.loadTimes();
  }

  private async loadTimes(): Promise<void> {
    const s = this.snapshot;
    const clinic = selectedClinic(s);
    const client = this.client;
    if (clinic === undefined || client === undefined) return;
    const signal = this.begin('times');
    const visitType = searchVisitType(s);
    if (visitType === undefined) {
      // Reached without a bookable offer (a booking being moved, a journey restored): say so instead of searching.
      this.set({ times: { status: 'error', items: [], gaps: [], problem: NOT_BOOKABLE }, announcement: s.t.reasons[NOT_BOOKABLE.reason] });
      return;
    }
    this.set({ times: { status: 'loading', items: [], gaps: [] }, announcement: s.t.common.loading });
    try {
      const times = await loadWeek({
        client, signal, timeZone: clinic.timeZone, clinicId: clinic.id, rules: clinic.bookingRules, now: this.now(),
        day: s.weekDay ?? this.now(), visitType,
        ...(s.practitionerId === undefined ? {} : { practitionerRoleId: s.practitionerId }),
        ...(s.campaign === undefined ? {} : { campaign: s.campaign.code }),
      });
      this.set({ times, announcement: times.items.length > 0 ? s.t.time.timesFound(times.items.length) : s.t.time.noTimesThisWeek });
    } catch (error) {
      const problem = this.problemOf(error);
      if (problem === undefined) return;
      this.set({ times: { status: 'error', items: [], gaps: [], problem } });
      this.fail('times', problem);
    }
  }

  chooseTime(time: AvailableTime): void {
    this.interactive = true;
    this.set({ chosenTime: time, bookProblem: undefined, bookStatus: 'idle' });
    this.go('review');
    if (this.snapshot.sessionStatus === 'idle') void this.loadSession();
    else if (this.snapshot.session.signedIn && this.patientContact === undefined) void this.prefillContact();
  }

  back(): void {
    this.interactive = true;
    const s = this.snapshot;
    const previous: Partial<Record<StepName, StepName>> = s.rescheduling === undefined
      ? { practitioner: 'select', time: 'practitioner', review: 'time' }
      : { time: 'my-bookings', review: 'time' };
    const to = previous[s.step];
    if (to === undefined) return;
    if (to === 'my-bookings') this.set({ rescheduling: undefined });
    this.go(to);
    if (to === 'time') this.reloadTimes();
  }

  updateForm(patch: Partial<ContactForm>): void {
    this.set({ form: { ...this.snapshot.form, ...patch } });
  }

  startReschedule(appointment: Appointment): void {
    this.interactive = true;
    const clinicId = participantId(appointment, 'HealthcareService');
    const treatmentId = treatmentIdOf(appointment);
    const practitionerId = participantId(appointment, 'PractitionerRole');
    this.set({ rescheduling: appointment, clinicId, treatmentId, practitionerId, chosenTime: undefined, weekDay: this.now(), bookProblem: undefined });
    this.go('time');
    this.reloadTimes();
  }

  protected override problemOf(error: unknown): ItbProblem | undefined {
    if (error instanceof DOMException && error.name === 'AbortError') return undefined;
    if (error instanceof BffError) return error.problem;
    const reason: ReasonCode = 'unknown';
    return { reason, issueCode: 'exception', diagnostics: '', status: 0 };
  }
}
