/**
 * Every text the widget shows, typed, so a locale that misses a string does not compile.
 * Interpolation and plurals are functions; dates and times are formatted by `format.ts` with Intl.
 * @module
 */
import type { LocaleCode, ReasonCode } from '@itb/shared';

/** Locales the widget ships: `LOCALES` in @itb/shared, the one list the BFF and the sandbox follow too. */
export type { LocaleCode };

export interface Translation {
  readonly code: LocaleCode;
  /** BCP 47 tag for Intl. */
  readonly intl: string;
  readonly common: {
    readonly widgetLabel: string;
    readonly continue: string;
    readonly back: string;
    readonly retry: string;
    readonly loading: string;
    readonly close: string;
    readonly change: string;
    /** Said (polite live region) after signing out. */
    readonly signedOut: string;
  };
  /** Popup and floating mode. */
  readonly embed: {
    /** The floating button that opens the booking. */
    readonly open: string;
    /** Accessible name of the dialog's close button (an icon). */
    readonly close: string;
  };
  readonly config: {
    readonly heading: string;
    readonly missingBff: string;
    readonly invalidBff: (value: string) => string;
    readonly unknownClinic: (key: string) => string;
    readonly unknownTreatment: (key: string) => string;
    readonly unknownPractitioner: (key: string) => string;
    readonly invalidView: (value: string) => string;
  };
  readonly select: { readonly heading: string; readonly chooseBoth: string };
  readonly clinic: {
    readonly heading: string;
    readonly searchLabel: string;
    readonly noMatch: string;
    readonly count: (n: number) => string;
    readonly externalBooking: string;
    readonly externalLink: (clinic: string) => string;
    readonly campaignOnly: string;
    /** Visible text of the button that reopens the collapsed clinic list; its name is `changeLabel`, which starts with it. */
    readonly change: string;
    readonly changeLabel: string;
  };
  readonly treatment: {
    readonly heading: string;
    readonly duration: string;
    readonly price: string;
    readonly offline: (reason: string) => string;
    /** The offer names no treatment `$find` can search for (spec §13.32). */
    readonly notSearchable: string;
    readonly campaign: string;
    readonly none: string;
    /** Visible text of the button that reopens the collapsed treatment list; its name is `changeLabel`, which starts with it. */
    readonly change: string;
    readonly changeLabel: string;
  };
  readonly campaign: {
    readonly label: string;
    readonly apply: string;
    readonly remove: string;
    readonly applied: (code: string) => string;
  };
  readonly practitioner: {
    readonly heading: string;
    readonly any: string;
    readonly anyHint: string;
    readonly offline: (reason: string) => string;
    /** The offer names no treatment `$find` can search for (spec §13.32). */
    readonly notSearchable: string;
  };
  readonly time: {
    readonly heading: string;
    readonly rescheduleHeading: string;
    readonly previousWeek: string;
    readonly nextWeek: string;
    readonly week: (range: string) => string;
    readonly noTimesThisWeek: string;
    readonly nextFree: (when: string) => string;
    readonly showNextFree: string;
    readonly noTimesAtAll: string;
    /** Before the practitioners free at a time ("13:00 with Anna Berg, dentist"); the names are catalog text in their own language. */
    readonly with: string;
    readonly gaps: (n: number) => string;
    /** The zone line: the clinic's country (ISO 3166 alpha-2) when its zone is a country's own, else the IANA zone. */
    readonly timeZone: (country: string | undefined, zone: string) => string;
    readonly timesFound: (n: number) => string;
    /** The "first available time" button's lead-in, before the time. */
    readonly firstFree: string;
    /** A day in the day strip, for screen readers: "tisdag 8 december, 5 lediga tider". */
    readonly dayLabel: (day: string, free: number) => string;
    readonly noTimesThisDay: string;
    readonly morning: string;
    readonly afternoon: string;
    readonly evening: string;
  };
  readonly review: {
    readonly heading: string;
    readonly rescheduleHeading: string;
    readonly clinic: string;
    readonly treatment: string;
    readonly practitioner: string;
    readonly time: string;
    readonly previousTime: string;
    readonly price: string;
    readonly signInHeading: string;
    readonly signInHint: string;
    readonly signIn: string;
    readonly signedInAs: (name: string) => string;
    readonly signedIn: string;
    readonly signOut: string;
    readonly contactHeading: string;
    readonly phone: string;
    readonly email: string;
    readonly comment: string;
    /** The SMS confirmation is a yes/no radio group: a click on an answer always means that answer. */
    readonly smsLegend: string;
    readonly smsYes: string;
    readonly smsNo: string;
    readonly terms: string;
    /** The link to the host's terms (`terms-url`), under the terms checkbox. */
    readonly readTerms: string;
    readonly termsRequired: string;
    readonly phoneRequired: string;
    readonly book: string;
    readonly confirmReschedule: string;
    readonly working: string;
  };
  readonly confirmation: {
    readonly heading: string;
    readonly rescheduledHeading: string;
    readonly where: string;
    readonly when: string;
    readonly what: string;
    readonly addToCalendar: string;
    readonly addToGoogle: string;
    readonly addToOutlook: string;
    readonly myBookings: string;
    readonly bookAnother: string;
    readonly notices: string;
    readonly reference: string;
    readonly price: string;
    /** Until when the booking may be changed online (both kinds alike, or each on its own). */
    readonly changeUntil: (when: string) => string;
    readonly cancelUntil: (when: string) => string;
    readonly rescheduleUntil: (when: string) => string;
  };
  /** How to reach the clinic, wherever the widget says to contact it. */
  readonly contact: {
    readonly call: string;
    readonly email: string;
    readonly web: string;
    /** Read after a link that opens a new tab. */
    readonly newTab: string;
  };
  readonly myBookings: {
    readonly heading: string;
    readonly signInPrompt: string;
    readonly upcoming: string;
    readonly past: string;
    readonly none: string;
    readonly reschedule: string;
    readonly cancel: string;
    readonly cancelled: string;
    readonly cancelTitle: string;
    readonly cancelText: (when: string) => string;
    readonly cancelConfirm: string;
    readonly keep: string;
    readonly newBooking: string;
    readonly cancelledNotice: string;
  };
  /** One message per stable reason code from the BFF. */
  readonly reasons: Readonly<Record<ReasonCode, string>>;
}
