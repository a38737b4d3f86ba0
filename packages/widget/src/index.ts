/**
 * `@itb/widget`: importing this module registers `<itb-booking>` and its steps (once per page).
 * @module
 */
export { ItbBooking } from './itb-booking/itb-booking.js';
export { ItbClinicStep } from './steps/itb-clinic-step/itb-clinic-step.js';
export { ItbTreatmentStep } from './steps/itb-treatment-step/itb-treatment-step.js';
export { ItbCampaignField } from './campaign/itb-campaign-field/itb-campaign-field.js';
// The later steps load on demand (steps/step-loader.ts): their classes are exported as types only,
// so importing this module does not pull them into the first load.
export type { ItbPractitionerStep } from './steps/itb-practitioner-step/itb-practitioner-step.js';
export type { ItbTimeStep } from './steps/itb-time-step/itb-time-step.js';
export type { ItbReviewStep } from './steps/itb-review-step/itb-review-step.js';
export type { ItbConfirmationStep } from './steps/itb-confirmation-step/itb-confirmation-step.js';
export type { ItbMyBookings } from './steps/itb-my-bookings/itb-my-bookings.js';
export type { ItbClinicContact } from './steps/itb-clinic-contact/itb-clinic-contact.js';
export { ItbStepChangeEvent } from './events/itb-step-change.js';
export type { ItbStepChangeDetail } from './events/itb-step-change.js';
export { ItbBookedEvent } from './events/itb-booked.js';
export type { ItbBookedDetail } from './events/itb-booked.js';
export { ItbRescheduledEvent } from './events/itb-rescheduled.js';
export type { ItbRescheduledDetail } from './events/itb-rescheduled.js';
export { ItbCancelledEvent } from './events/itb-cancelled.js';
export type { ItbCancelledDetail } from './events/itb-cancelled.js';
export { ItbSignedInEvent } from './events/itb-signed-in.js';
export type { ItbSignedInDetail } from './events/itb-signed-in.js';
export { ItbErrorEvent } from './events/itb-error.js';
export type { ItbErrorDetail } from './events/itb-error.js';
// Fired by the popup's code, which loads on demand: types only, so they stay out of the first load.
export type { ItbOpenEvent, ItbOpenDetail } from './events/itb-open.js';
export type { ItbCloseEvent, ItbCloseDetail } from './events/itb-close.js';
export type { ItbPrefill } from './embed/start-choices.js';
export type { EmbedModeName } from './embed/embed-mode.js';
export type { Attribution, AttributionKey } from '@itb/shared';
export type { StepName } from './state/booking-state.js';
export type { LocaleCode, Translation } from './locales/translation.js';
export type { DeepPartial, ItbStrings, TranslationOverrides } from './locales/strings.js';
