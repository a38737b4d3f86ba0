/**
 * `<itb-booking>`'s ReactiveController: it turns the host's attributes into a BFF client and the
 * concern modules (catalog, times, sign-in, booking, my bookings), wires them to one
 * {@link BookingStore}, and answers the steps' intents by calling them. It holds no journey state
 * itself: that is the store's.
 * @module
 */
import { safeHttpUrl } from '@itb/shared';
import type { Appointment, AvailableTime } from '@itb/shared';
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { BffClient } from '../bff-client.js';
import { loadTranslation, loadedTranslation, localeOf } from '../locales/locale.js';
import { en } from '../locales/en.js';
import { withStrings, type ItbStrings } from '../locales/strings.js';
import type { LocaleCode } from '../locales/translation.js';
import type { BookingIntents } from './booking-intents.js';
import { EMPTY_FORM, initialSnapshot } from './booking-state.js';
import type { BookingSnapshot, ContactForm, StepName } from './booking-state.js';
import { BookingStore } from './booking-store.js';
import { JourneyHistory, popTarget, type HistoryEntry } from './journey-history.js';
import { createBooking, type BookingFlow } from './booking.js';
import { createCatalog, type CatalogFlow } from './catalog.js';
import { journeyStorage, type SavedJourney } from './journey-storage.js';
import { takeHandoffFromLocation } from './login-claim.js';
import { createMyBookings, type MyBookingsFlow } from './my-bookings.js';
import { createSignIn, loginFailedOn, type LoginPage, type SignInFlow } from './sign-in.js';
import { createTimes, type TimesFlow } from './times.js';

/** The host's attributes, as the controller needs them. */
export interface BookingConfig {
  readonly bff: string | undefined;
  readonly locale: string | undefined;
  readonly clinic: string | undefined;
  readonly treatment: string | undefined;
  readonly practitioner: string | undefined;
  readonly campaign: string | undefined;
  readonly view: string | undefined;
  /** The page's terms for patients (`terms-url`), linked from the terms checkbox. */
  readonly termsUrl?: string | null | undefined;
  /** sessionStorage key for this element's journey (and its key in history entries). */
  readonly storageKey: string;
  /** Whether steps are browser history entries (the `no-history` attribute turns it off). */
  readonly history: boolean;
  /** The page's wording over the translations (the `strings` property). */
  readonly strings?: ItbStrings | undefined;
}

/** The concern modules for one BFF client (made again when the `bff` attribute changes). */
interface Flows {
  readonly catalog: CatalogFlow;
  readonly times: TimesFlow;
  readonly signIn: SignInFlow;
  readonly booking: BookingFlow;
  readonly myBookings: MyBookingsFlow;
}

type Host = ReactiveControllerHost & HTMLElement;

const browserPage: LoginPage = {
  get href() {
    return window.location.href;
  },
  openPopup: (url) => window.open(url, 'itb-login', 'popup,width=520,height=720') !== null,
  navigate: (url) => window.location.assign(url),
};

export class BookingController implements ReactiveController, BookingIntents {
  private readonly store: BookingStore;
  private readonly now: () => Date;
  private config: BookingConfig | undefined;
  private flows: Flows | undefined;
  /** The journey in browser history; `undefined` with `no-history`. */
  private history: JourneyHistory | undefined;
  /** This journey came back from a sign-in that left the page (read once by takeSignInReturn). */
  private signInReturn = false;

  constructor(host: Host, now: () => Date = () => new Date()) {
    this.now = now;
    this.store = new BookingStore(host, initialSnapshot(loadedTranslation(localeOf(undefined, document.documentElement.lang)) ?? en));
    this.store.subscribe(() => host.requestUpdate());
    // A step change the patient made (store.go after an action) is a new history entry.
    this.store.subscribe((s) => this.history?.record(s, s.moveFocus));
    host.addController(this);
  }

  get snapshot(): BookingSnapshot {
    return this.store.snapshot;
  }

  /** Called with every new snapshot (the host forwards it to the context provider). */
  subscribe(listener: (s: BookingSnapshot) => void): void {
    this.store.subscribe(listener);
  }

  hostConnected(): void {
    window.addEventListener('message', this.onMessage);
    window.addEventListener('popstate', this.onPopState);
  }

  hostDisconnected(): void {
    window.removeEventListener('message', this.onMessage);
    window.removeEventListener('popstate', this.onPopState);
    this.store.abortAll();
  }

  /** Back or Forward reached one of this element's entries: show that step again. */
  private readonly onPopState = (): void => {
    const entry = this.history?.current;
    const flows = this.flows;
    if (entry === undefined || flows === undefined || this.store.snapshot.catalog === undefined) return;
    const target = popTarget(entry, this.store.snapshot);
    this.history?.popped(target.step);
    this.store.interact();
    this.store.set({ ...target.patch, step: target.step, moveFocus: true });
    if (target.step === 'time') void flows.times.load();
    else if (target.step === 'my-bookings') flows.myBookings.show();
    else if (target.step === 'review' && this.store.snapshot.sessionStatus === 'idle') void flows.signIn.loadSession();
  };

  private readonly onMessage = (event: MessageEvent): void => {
    this.flows?.signIn.onLoginMessage(event);
  };

  /** Settles once the translation in use is the one asked for (Swedish and Norwegian are fetched). */
  private translationReady: Promise<unknown> = Promise.resolve();

  private useLocale(code: LocaleCode): void {
    const loaded = loadedTranslation(code);
    if (loaded !== undefined) {
      const known = withStrings(loaded, this.config?.strings);
      if (known !== this.store.snapshot.t) this.store.set({ t: known });
      this.translationReady = Promise.resolve();
      return;
    }
    this.translationReady = loadTranslation(code).then((t) => {
      const config = this.config;
      if (config === undefined || localeOf(config.locale, document.documentElement.lang) !== code) return;
      this.store.set({ t: withStrings(t, config.strings) });
      // Attribute messages were worded before the language arrived: word them again.
      this.configure(config);
    });
  }

  /** Applies the host's attributes; cheap when nothing relevant changed. */
  configure(config: BookingConfig): void {
    const previous = this.config;
    this.config = config;
    if (previous?.history !== config.history || previous.storageKey !== config.storageKey) {
      this.history = config.history ? new JourneyHistory(window.history, config.storageKey) : undefined;
    }
    const termsUrl = onThisPage(config.termsUrl);
    if (termsUrl !== this.store.snapshot.termsUrl) this.store.set({ termsUrl });
    this.useLocale(localeOf(config.locale, document.documentElement.lang));
    const t = this.store.snapshot.t;
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
    this.store.set({ configErrors: errors, fatal: client === undefined });
    if (client === undefined) return;
    const flows = this.flows;
    if (previous === undefined || previous.bff !== config.bff || flows === undefined) {
      this.start(client, config);
    } else if (previous.campaign !== config.campaign && config.campaign !== undefined) {
      void flows.catalog.applyCampaign(config.campaign);
    } else if (previous.clinic !== config.clinic || previous.treatment !== config.treatment || previous.practitioner !== config.practitioner) {
      flows.catalog.preselectAgain();
    }
    if (previous !== undefined && previous.view !== config.view) {
      if (view === 'my-bookings') this.showMyBookings();
      else if (this.store.snapshot.step === 'my-bookings') this.startNewBooking();
    }
  }

  /** A new BFF: new modules, then the first requests (and a journey saved before a login redirect, if any). */
  private start(client: BffClient, config: BookingConfig): void {
    const store = this.store;
    const journey = journeyStorage(config.storageKey);
    // A login redirect's saved journey first; else the history entry a reload landed on.
    const restored = journey.take() ?? journeyFromHistory(this.history?.current);
    this.signInReturn = restored?.awaitingLogin === true;
    // Cleaned by a chunk of its own (attribution.ts), fetched only when there is something to clean.
    if (browserPage.href.includes('utm_') || restored?.attribution !== undefined) {
      void import('./attribution.js').then(({ startAttribution }) => store.set({ attribution: startAttribution(browserPage.href, restored) }), () => undefined);
    }
    const times = createTimes(store, client, this.now);
    const signIn = createSignIn(store, client, {
      page: browserPage, journey, times,
      // The one module that calls a later one back: only once a session answers, long after this runs.
      loadMyBookings: () => myBookings.load(),
      // Known before the session answers, which may come before or after the catalog.
      awaitingRedirect: restored?.awaitingLogin === true && !loginFailedOn(browserPage.href),
    });
    const myBookings = createMyBookings(store, client, { signIn, times, now: this.now });
    const booking = createBooking(store, client, { journey, times, signIn });
    const catalog = createCatalog(store, client, { restored, times, signIn, keys: () => this.config ?? config, ready: () => this.translationReady });
    this.flows = { catalog, times, signIn, booking, myBookings };

    const restoredView: StepName | undefined = restored?.step === 'my-bookings' || restored?.rescheduling !== undefined ? 'my-bookings' : undefined;
    store.set({ step: restoredView ?? (config.view === 'my-bookings' ? 'my-bookings' : 'select') });
    const code = restored?.campaignCode ?? config.campaign;
    if (code !== undefined && code.trim() !== '') void catalog.applyCampaign(code);
    else void catalog.load();
    // Only the element whose journey holds the claim takes a cross-site hand-off off the URL.
    const handoff = restored?.claim === undefined ? undefined : takeHandoffFromLocation();
    if (handoff !== undefined) void signIn.claimHandoff(handoff, restored?.claim, 'redirect');
    // The session matters from the review step on and in My bookings. Asking for it on every page
    // view would put a second request in front of the clinic list on the first screen.
    else if (restored !== undefined || store.snapshot.step === 'my-bookings') void signIn.loadSession();
  }

  /** True once if the journey just came back from a sign-in that left the page (a popup it ran in opens again). */
  takeSignInReturn(): boolean {
    const back = this.signInReturn;
    this.signInReturn = false;
    return back;
  }

  /**
   * `reset()` and `prefill()`: a new journey from `config`'s choices (start-over.ts, loaded on first
   * use: most pages never call either); the session stays. Settles once the journey is back at its start.
   */
  async startOver(config: BookingConfig): Promise<void> {
    this.config = config;
    const { startOver: run } = await import('./start-over.js');
    if (this.flows !== undefined && this.config === config) {
      void run(this.store, this.flows, { view: config.view === 'my-bookings' ? 'my-bookings' : 'select', campaign: config.campaign });
    }
  }

  /** A patient's action: from now on step changes move focus. Without a BFF there is nothing to do. */
  private act(run: (flows: Flows) => unknown): void {
    this.store.interact();
    if (this.flows !== undefined) void run(this.flows);
  }

  retry(): void {
    this.act(({ catalog, times, myBookings, signIn }) => {
      const s = this.store.snapshot;
      if (s.catalogStatus === 'error') void catalog.load();
      else if (s.step === 'time') void times.load();
      else if (s.step === 'my-bookings') void myBookings.load();
      if (s.sessionStatus === 'error') void signIn.loadSession();
    });
  }

  chooseClinic(id: string | undefined): void { this.act((f) => f.catalog.chooseClinic(id)); }
  chooseTreatment(id: string | undefined): void { this.act((f) => f.catalog.chooseTreatment(id)); }
  applyCampaign(code: string): void { this.act((f) => f.catalog.applyCampaign(code)); }
  removeCampaign(): void { this.act((f) => f.catalog.removeCampaign()); }
  continueFromSelect(): void { this.act((f) => f.catalog.continueFromSelect()); }
  choosePractitioner(id: string | undefined): void { this.act((f) => f.times.choosePractitioner(id)); }
  showWeek(day: string): void { this.act((f) => f.times.showWeek(day)); }
  back(): void { this.act((f) => f.times.back()); }
  chooseTime(time: AvailableTime): void { this.act((f) => f.booking.chooseTime(time)); }
  // Typing is not an action that moves focus anywhere.
  updateForm(patch: Partial<ContactForm>): void { this.flows?.booking.updateForm(patch); }
  book(): void { this.act((f) => f.booking.book()); }
  startNewBooking(): void { this.act((f) => f.booking.startNew()); }
  signIn(): void { this.act((f) => f.signIn.signIn()); }
  signOut(): void { this.act((f) => f.signIn.signOut()); }
  showMyBookings(): void { this.act((f) => f.myBookings.show()); }
  startReschedule(appointment: Appointment): void { this.act((f) => f.myBookings.startReschedule(appointment)); }
  cancelBooking(appointment: Appointment): void { this.act((f) => f.myBookings.cancel(appointment)); }
}

/**
 * A reload's history entry as a journey to restore. A confirmation is not restored (the booking is
 * not kept in history): the reload starts a new journey with the same choices.
 */
function journeyFromHistory(entry: HistoryEntry | undefined): SavedJourney | undefined {
  if (entry === undefined) return undefined;
  return {
    version: 1, step: entry.rescheduling === true ? 'my-bookings' : entry.step, form: EMPTY_FORM, awaitingLogin: false,
    ...(entry.clinicId === undefined ? {} : { clinicId: entry.clinicId }),
    ...(entry.treatmentId === undefined ? {} : { treatmentId: entry.treatmentId }),
    ...(entry.practitionerId === undefined ? {} : { practitionerId: entry.practitionerId }),
    ...(entry.chosenTime === undefined || entry.rescheduling === true ? {} : { chosenTime: entry.chosenTime }),
  };
}

/** An address the host page gives (relative ones resolve against the page), kept only when it is http(s). */
function onThisPage(value: string | null | undefined): string | undefined {
  // A removed attribute arrives as null.
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return safeHttpUrl(new URL(value.trim(), document.baseURI).href);
  } catch {
    return undefined;
  }
}
