/**
 * `reset()` and `prefill()`: a new journey from the start the page configured, for a patient who
 * stays signed in. What belonged to the old journey goes — the choices, the chosen time, a booking
 * being moved, the comment and the accepted terms, a campaign code, preselection messages — and the
 * session and the contact details already in the form stay. The page asked for it, the patient did
 * not move: the step changes without moving focus, so it replaces the history entry instead of
 * adding one (journey-history.ts records a step change as a new entry only after a patient's move).
 * @module
 */
import type { BookingStore } from './booking-store.js';
import type { CatalogFlow } from './catalog.js';
import type { MyBookingsFlow } from './my-bookings.js';

export interface StartOverFlows {
  readonly catalog: Pick<CatalogFlow, 'load' | 'applyCampaign' | 'preselectAgain'>;
  readonly myBookings: Pick<MyBookingsFlow, 'load'>;
}

/** Where the new journey starts and the campaign code it starts with (the page's, not the patient's). */
export interface StartPoint {
  readonly view: 'select' | 'my-bookings';
  readonly campaign: string | undefined;
}

/** Settles once the catalog (with the start's campaign) is in and the start's choices are made. */
export async function startOver(store: BookingStore, flows: StartOverFlows, start: StartPoint): Promise<void> {
  store.begin('times');
  const s = store.snapshot;
  const hadCampaign = s.campaign !== undefined || s.campaignStatus !== 'idle';
  // A booking on its way stays on its way: its answer is the patient's booking and shows as such.
  const booking = s.bookStatus === 'loading' ? {} : { booked: undefined, bookStatus: 'idle', bookProblem: undefined } as const;
  store.set({
    ...booking,
    step: start.view, moveFocus: false,
    clinicId: undefined, treatmentId: undefined, practitionerId: undefined, weekDay: undefined, chosenTime: undefined,
    times: { status: 'idle', items: [], gaps: [] }, rescheduling: undefined, cancelStatus: 'idle', cancelProblem: undefined,
    campaign: undefined, campaignStatus: 'idle', campaignProblem: undefined, preselectErrors: [],
    form: { ...s.form, comment: '', termsAccepted: false },
  });
  if (start.view === 'my-bookings' && store.snapshot.session.signedIn) void flows.myBookings.load();
  const code = start.campaign?.trim() ?? '';
  // Either reloads the catalog: campaign-only treatments appear with a code and go without one.
  if (code !== '') await flows.catalog.applyCampaign(code);
  else if (hadCampaign) await flows.catalog.load();
  flows.catalog.preselectAgain();
}
