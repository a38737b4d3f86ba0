/**
 * The BFF ↔ browser HTTP contract: route paths, headers, and the few non-FHIR JSON bodies.
 * Everything under `/fhir` is FHIR in, FHIR out (design §Decisions).
 * @module
 */

/** Header every state-changing request must carry (value `1`), plus an allowed `Origin`. */
export const CSRF_HEADER = 'X-ITB-CSRF';
/** Header that makes `$book` retries safe: same key → same result, never a second booking. */
export const IDEMPOTENCY_HEADER = 'Idempotency-Key';
/**
 * Header on `$book` (create) with the page's campaign attribution, URL-encoded UTM pairs such as
 * `utm_source=news&utm_medium=email`; cleaned by `readAttributionHeader` (contract/attribution.ts).
 */
export const ATTRIBUTION_HEADER = 'X-ITB-Attribution';
/** Query parameter on catalog routes that presents a campaign code (unlocks tagged treatments). */
export const CAMPAIGN_PARAM = 'campaign';

/** Browser-facing BFF routes, relative to the BFF base URL (design §Fixed interfaces). */
export const BFF_ROUTES = {
  offersContext: '/fhir/$get-offers-context',
  healthcareService: '/fhir/HealthcareService',
  practitionerRole: '/fhir/PractitionerRole',
  activityDefinition: '/fhir/ActivityDefinition',
  find: '/fhir/Appointment/$find',
  book: '/fhir/Appointment/$book',
  appointments: '/fhir/Appointment',
  patientMe: '/fhir/Patient/me',
  login: '/auth/login',
  callback: '/auth/callback',
  logout: '/auth/logout',
  session: '/auth/session',
  /** Cross-site mode only: trade a login hand-off for the partitioned session cookie. */
  sessionClaim: '/auth/session/claim',
  campaign: '/campaigns',
  /** `/photos/{clinic|practitioner}/{id}?v=…&w=…`: one image per photo (contract/photo-url.ts). */
  photos: '/photos',
  healthz: '/healthz',
  readyz: '/readyz',
} as const;

/** `GET /auth/session`: never any token. */
export interface SessionInfo {
  readonly signedIn: boolean;
  /** Display name from the IdP. */
  readonly name?: string;
  /** ISO instant when the session ends unless refreshed. */
  readonly expiresAt?: string;
}

/** `GET /campaigns/{code}` (200). */
export interface CampaignInfo {
  readonly code: string;
  /** The ext-campaigns tag it unlocks. */
  readonly tag: string;
  readonly message?: string | Readonly<Record<string, string>>;
  readonly validTo?: string;
  /** Clinics it applies to; all when absent. */
  readonly clinicIds?: readonly string[];
  /** Treatments (ActivityDefinition ids) carrying the tag. */
  readonly treatmentIds: readonly string[];
}

/** `postMessage` data the login popup sends to its opener (only to the allowed origin). */
export interface LoginMessage {
  readonly type: 'itb-login';
  readonly ok: boolean;
  readonly reason?: string;
  /**
   * Cross-site mode only: the sealed one-time hand-off (valid 60 s) the widget trades, together
   * with its `claim` secret, for the session cookie at `POST /auth/session/claim`
   * (body `{ handoff, claim }`). Redirect mode carries it in the fragment `#itb-handoff=…`.
   */
  readonly handoff?: string;
}
