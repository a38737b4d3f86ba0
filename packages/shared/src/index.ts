/**
 * `@itb/shared`: ITB profile types, canonical URLs, the BFF ↔ widget contract and the pure booking
 * domain. No DOM, no HTTP, no clock reads: time and time zone are parameters.
 * @module
 */
export { WOF_PORTAL, WOF_CONNECT, WOF_BASE, WOF_PURIFIED, IHE_SCHEDULING, PROFILE, EXT, EXT_AS_SEEN_LIVE, SYSTEM, PERSONAL_NUMBER_SYSTEM, canonicalName, isExtension, sameCanonical } from './fhir/urls.js';
export type { BookingConfirmationCode, SchedulingAcceptsCode } from './fhir/urls.js';
export type * from './fhir/types.js';
export { isResourceId, RESOURCE_ID_PATTERN, RESOURCE_ID_RULE, RESOURCE_ID_MAX_LENGTH } from './fhir/ids.js';
export { fhirPathOf, isBasedAddress } from './fhir/links.js';
export { parseElements, subsetBundle, subsetResource, SUBSETTED_TAG } from './fhir/elements.js';
export type { ElementSelection } from './fhir/elements.js';
export { FIND_ELEMENTS, OFFERS_CONTEXT_ELEMENTS } from './contract/widget-elements.js';
export { referenceId, referenceType } from './fhir/references.js';
export { safeHttpUrl } from './fhir/safe-url.js';
export type { FhirPath } from './fhir/links.js';

export { REASON_SYSTEM, REASON_STATUS, REASON_ISSUE_CODE, isReasonCode } from './outcome/reasons.js';
export type { ReasonCode } from './outcome/reasons.js';
export { outcome, statusOf, readOutcome, readWarnings } from './outcome/outcome.js';
export type { ItbProblem } from './outcome/outcome.js';

export { ItbDataError } from './errors.js';
export type { ItbDataErrorCode } from './errors.js';

export type { Area, Catalog, Clinic, ClinicInfo, Offer, OpeningHours, Practitioner, Treatment } from './catalog/catalog-types.js';
export { indexOffersContext, offerBookability, visitTypeOfBookingUrl, listClinics, listTreatments, treatmentsAtClinic, clinicsOfferingTreatment, practitionersFor, offersFor, findClinic, findTreatment, searchClinics, normalizeForSearch, timeZoneForCountry } from './catalog/catalog.js';
export type { IndexOptions, OfferBookability } from './catalog/catalog.js';
export { clinicLanguage, catalogLanguage } from './catalog/catalog-language.js';
export { priceAtConfirmation, organizationWebsite } from './catalog/organization-settings.js';
export { withoutInactiveClinics, inactiveClinicsIn, belongsToInactiveClinic } from './catalog/inactive-clinics.js';
export { inlinePhotoOf } from './catalog/read-photo.js';
export type { InlinePhoto } from './catalog/read-photo.js';

export { readBookingRules, readAppointmentChangeState, canCancel, canReschedule, canBookTime, meetsMinimumNotice, isOldEnough, ageInYears } from './rules/booking-rules.js';
export type { AppointmentChangeState, BookingRules, ChangeContext, RuleDecision, RuleRefusal } from './rules/booking-rules.js';
export { changeDeadlines } from './rules/change-deadline.js';
export type { ChangeDeadline, DeadlineContext } from './rules/change-deadline.js';

export { parsePersonalNumber, maskPersonalNumber } from './identity/personal-number.js';
export type { PersonalNumber, PersonalNumberError, PersonalNumberKind, PersonalNumberResult } from './identity/personal-number.js';

export { readAvailability, isFreeTime, slotIdentifierOf, mergeFindBundles, groupByPractitioner, uniqueStartTimes, groupByDay, bookableTimes, weekWindow } from './availability/availability.js';
export type { Availability, AvailabilityGap, AvailableTime, TimeOption } from './availability/availability.js';

export { bookingIntent, participantId, patientOf, treatmentIdOf, buildCreateAppointment, buildModifyAppointment, buildCancelAppointment, buildPortalPatient, buildBookParameters, readBookParameters, readBookResult } from './book/book.js';
export type { BookingIntent, ContactDetails, PatientIdentity } from './book/book.js';
export { DEFAULT_CONFIRMATION, readBookingConfirmation, withBookingConfirmation, contactOf, isPhoneNumber, isEmailAddress } from './book/contact.js';
export type { PatientContact } from './book/contact.js';
export { bookingReference } from './book/booking-reference.js';

export { checkCampaign, filterCampaignOffers, campaignTagsOf, campaignAllowsAt, CAMPAIGN_CODE_MAX_LENGTH, isCampaignCodeShaped } from './campaign/campaign.js';
export type { CampaignCheck, CampaignDefinition } from './campaign/campaign.js';

export { CSRF_HEADER, IDEMPOTENCY_HEADER, ATTRIBUTION_HEADER, CAMPAIGN_PARAM, BFF_ROUTES } from './contract/contract.js';
export { ATTRIBUTION_KEYS, ATTRIBUTION_VALUE_MAX_LENGTH, cleanAttribution, isEmptyAttribution, looksPersonal, readAttributionHeader } from './contract/attribution.js';
export type { Attribution, AttributionKey } from './contract/attribution.js';
export { PHOTO_KINDS, PHOTO_WIDTHS, PHOTO_VERSION_PARAM, PHOTO_WIDTH_PARAM, photoUrl, sizedPhotoUrl, isSizablePhoto } from './contract/photo-url.js';
export type { PhotoKind, PhotoWidth } from './contract/photo-url.js';
export type { CampaignInfo, LoginMessage, SessionInfo } from './contract/contract.js';
export { LOCALES, matchLocale } from './contract/locales.js';
export type { LocaleCode } from './contract/locales.js';

export { localParts, localDate, offsetMinutes, zonedInstant, isoWithOffset, isTimeZone } from './time/zoned.js';
export type { LocalParts } from './time/zoned.js';
export { BOOKING_EVENT_TYPES, bookingEventData } from './events/booking-event.js';
export type { BookingEvent, BookingEventData, BookingEventType, EventNames, EventParty } from './events/booking-event.js';
export { pointerIdentifier, registryPointer } from './events/registry-pointer.js';
