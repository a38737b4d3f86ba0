/**
 * The booking journey's state: one read-only snapshot, replaced (never mutated) on every change,
 * because a context provider only notifies consumers when the value's identity changes.
 * @module
 */
import type { Appointment, Attribution, AvailabilityGap, AvailableTime, CampaignInfo, Catalog, ItbProblem, SessionInfo } from '@itb/shared';
import type { Translation } from '../locales/translation.js';

/** The screens of the journey. `select` is clinic + treatment (+ campaign code), in either order. */
export type StepName = 'select' | 'practitioner' | 'time' | 'review' | 'confirmation' | 'my-bookings';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';

/** What the patient types in the review step. Nothing secret: it survives a login redirect. */
export interface ContactForm {
  readonly mobilePhone: string;
  readonly email: string;
  readonly comment: string;
  readonly smsConfirmation: boolean;
  readonly termsAccepted: boolean;
}

export interface TimesState {
  readonly status: LoadStatus;
  /** The week shown (ISO instants with offset, from weekWindow). */
  readonly window?: { readonly start: string; readonly end: string };
  readonly items: readonly AvailableTime[];
  readonly gaps: readonly AvailabilityGap[];
  /** First free time after the shown week, when the week is empty (`undefined` while unknown). */
  readonly nextFree?: AvailableTime | null;
  /** The earliest bookable time known for `search` (this week's, the look-ahead's or an earlier week's), for "first available time". */
  readonly earliest?: { readonly search: string; readonly time: AvailableTime };
  readonly problem?: ItbProblem;
}

export interface BookedState {
  readonly appointment: Appointment;
  readonly warnings: readonly string[];
  readonly kind: 'create' | 'modify';
  readonly clinicId: string;
  readonly treatmentId?: string;
  readonly practitionerRoleId?: string;
}

export interface BookingSnapshot {
  readonly t: Translation;
  /** Attribute problems (missing bff, unknown clinic …), already translated. */
  readonly configErrors: readonly string[];
  /** Preselection attributes that match nothing in the catalog, already translated. */
  readonly preselectErrors: readonly string[];
  /** True when nothing can work (no BFF); the steps are then not shown at all. */
  readonly fatal: boolean;
  readonly step: StepName;
  /** Whether a step change should move focus (not on first render: that would steal the host page's focus). */
  readonly moveFocus: boolean;
  readonly catalogStatus: LoadStatus;
  readonly catalog?: Catalog;
  readonly catalogProblem?: ItbProblem;
  readonly clinicId?: string;
  readonly treatmentId?: string;
  /** `undefined` = any practitioner. */
  readonly practitionerId?: string;
  readonly campaignStatus: LoadStatus;
  readonly campaign?: CampaignInfo;
  readonly campaignProblem?: ItbProblem;
  /** A day in the week the time step shows. */
  readonly weekDay?: Date;
  readonly times: TimesState;
  readonly chosenTime?: AvailableTime;
  readonly session: SessionInfo;
  readonly sessionStatus: LoadStatus;
  readonly form: ContactForm;
  readonly bookStatus: LoadStatus;
  readonly bookProblem?: ItbProblem;
  readonly booked?: BookedState;
  /** The booking being moved, when the time/review steps run in reschedule mode. */
  readonly rescheduling?: Appointment;
  readonly myBookings: { readonly status: LoadStatus; readonly items: readonly Appointment[]; readonly problem?: ItbProblem };
  readonly cancelStatus: LoadStatus;
  readonly cancelProblem?: ItbProblem;
  /** The host's `terms-url` (unchecked: the review step links it only when it is http(s)). */
  readonly termsUrl?: string;
  /** The page's UTM parameters when the journey started (cleaned: never personal data), for `$book` and `itb-booked`. */
  readonly attribution?: Attribution;
  /** The polite live region's text: progress and results ("12 free times", "Booking cancelled"). */
  readonly announcement: string;
  /** The assertive live region's text: failures the patient must hear at once ("That time was just taken"). */
  readonly alert: string;
  /**
   * Bumped by the store whenever a message is set, even the same text again: the regions re-render
   * their message keyed by it, so a repeated failure is announced again and nothing twice.
   */
  readonly announcementSeq: number;
  readonly alertSeq: number;
  /** Where focus should go now that the element holding it is gone (a closed popup, a disabled button). */
  readonly focusRequest?: FocusRequest;
}

/** A named element (`data-focus="…"` in a step) to focus once it is rendered; `seq` makes each request new. */
export interface FocusRequest {
  readonly target: FocusTarget;
  readonly seq: number;
}

/** The elements focus is sent back to after a popup, a dialog or a failure. */
export type FocusTarget = 'book' | 'sign-in' | 'cancel-result';

export const EMPTY_FORM: ContactForm = Object.freeze({ mobilePhone: '', email: '', comment: '', smsConfirmation: true, termsAccepted: false });

export function initialSnapshot(t: Translation): BookingSnapshot {
  return Object.freeze({
    t,
    configErrors: [],
    preselectErrors: [],
    fatal: false,
    step: 'select',
    moveFocus: false,
    catalogStatus: 'idle',
    campaignStatus: 'idle',
    times: { status: 'idle', items: [], gaps: [] },
    session: { signedIn: false },
    sessionStatus: 'idle',
    form: EMPTY_FORM,
    bookStatus: 'idle',
    myBookings: { status: 'idle', items: [] },
    cancelStatus: 'idle',
    announcement: '',
    alert: '',
    announcementSeq: 0,
    alertSeq: 0,
  } satisfies BookingSnapshot);
}
