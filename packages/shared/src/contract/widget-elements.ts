/**
 * The `_elements` the widget asks for: exactly what @itb/shared's readers use
 * (`indexOffersContext`, `readAvailability`, and `$book`'s naming of a time), so a subsetted answer
 * reads the same as a whole one (the BFF's elements tests check that). Parameters (the offers),
 * OperationOutcomes and anything not named here stay whole. Add a name here when a reader starts
 * using a new element.
 * @module
 */

/** `_elements` for `$get-offers-context` (clinics, practitioners and treatments as the widget reads them). */
export const OFFERS_CONTEXT_ELEMENTS = [
  ...['name', 'contained', 'location', 'providedBy', 'extension', 'telecom', 'availableTime', 'photo'].map((e) => `HealthcareService.${e}`),
  // PractitionerRole.active is no modifier element in R4, so it goes unless asked for; the widget reads it.
  ...['practitioner', 'healthcareService', 'code', 'extension', 'contained', 'active'].map((e) => `PractitionerRole.${e}`),
  ...['title', 'name', 'subtitle', 'description', 'code', 'extension'].map((e) => `ActivityDefinition.${e}`),
].join(',');

/** `_elements` for `Appointment/$find` (a free time: when, which slot, who, which treatment). */
export const FIND_ELEMENTS = ['start', 'end', 'requestedPeriod', 'identifier', 'participant', 'extension'].map((e) => `Appointment.${e}`).join(',');
