/**
 * The widget's only door to the network: a thin client for the BFF routes (design §Fixed interfaces).
 * Every call takes an AbortSignal, sends the session cookie (`credentials: 'include'`) and turns
 * every failure into a {@link BffError} carrying an {@link ItbProblem} read with `readOutcome`, so the
 * UI can pick a message by reason code. Aborted calls rethrow the AbortError untouched.
 * @module
 */
import {
  ATTRIBUTION_HEADER, BFF_ROUTES, CAMPAIGN_PARAM, CSRF_HEADER, FIND_ELEMENTS, OFFERS_CONTEXT_ELEMENTS, IDEMPOTENCY_HEADER, readAvailability, readBookResult, readOutcome,
} from '@itb/shared';
import type { Appointment, Attribution, Availability, Bundle, CampaignInfo, ItbProblem, Parameters, Patient, SessionInfo } from '@itb/shared';
import { diagnoseNetworkFailure } from './network-diagnosis.js';

/** A failed BFF call, with the problem the patient should be told about. */
export class BffError extends Error {
  readonly problem: ItbProblem;
  constructor(problem: ItbProblem, options?: { cause?: unknown }) {
    super(`BFF request failed: ${problem.reason}`, options);
    this.name = 'BffError';
    this.problem = problem;
  }
}

/** What `$find` needs: one clinic, one treatment, a window, and optionally one practitioner. */
export interface FindQuery {
  readonly start: string;
  readonly end: string;
  readonly visitType: string;
  readonly clinicId: string;
  /** Absent means "any practitioner": the BFF fans out and merges. */
  readonly practitionerRoleId?: string;
  /** The campaign code the patient holds: campaign-only treatments are searched only with it. */
  readonly campaign?: string;
}

export type LoginMode = 'popup' | 'redirect';

const FHIR_JSON = 'application/fhir+json';

function isAbort(error: unknown): boolean {
  return error instanceof DOMException && error.name === 'AbortError';
}

/** Creates a client for the BFF at `base` (absolute, or relative to the page). */
export class BffClient {
  readonly base: URL;
  /**
   * `base` without a trailing slash, which routes ('/fhir/…') are appended to. A URL's path is never
   * empty ('https://booking.clinic.example' reads as '…example/'), so this is kept as text: appending
   * to `base.href` would ask a BFF at the root of its origin for '//fhir/…'.
   */
  private readonly root: string;

  constructor(base: string, pageUrl: string = document.baseURI) {
    const url = new URL(base, pageUrl);
    url.pathname = url.pathname.replace(/\/+$/, '');
    url.search = '';
    url.hash = '';
    this.base = url;
    this.root = url.href.replace(/\/+$/, '');
  }

  /** The BFF's origin: the only origin whose login `postMessage` the widget trusts. */
  get origin(): string {
    return this.base.origin;
  }

  url(route: string, query?: Record<string, string | undefined>): string {
    const url = new URL(this.root + route);
    for (const [key, value] of Object.entries(query ?? {})) if (value !== undefined) url.searchParams.append(key, value);
    return url.href;
  }

  private async send(url: string, init: RequestInit): Promise<{ body: unknown; status: number }> {
    let response: Response;
    try {
      response = await fetch(url, { credentials: 'include', ...init, headers: { Accept: `${FHIR_JSON}, application/json`, ...init.headers } });
    } catch (error) {
      if (isAbort(error)) throw error;
      const problem = await diagnoseNetworkFailure(this.root, init.signal ?? undefined);
      if (init.signal?.aborted === true) throw init.signal.reason;
      throw new BffError(problem, { cause: error });
    }
    let body: unknown;
    try {
      body = await response.json();
    } catch (error) {
      if (isAbort(error)) throw error;
      body = undefined;
    }
    return { body, status: response.status };
  }

  private async getJson<T>(route: string, signal: AbortSignal, query?: Record<string, string | undefined>): Promise<T> {
    const { body, status } = await this.send(this.url(route, query), { signal });
    if (status < 200 || status > 299 || body === undefined) throw new BffError(readOutcome(body, status));
    return body as T;
  }

  /** The whole catalog in one request; a campaign code unlocks its tagged treatments. */
  offersContext(signal: AbortSignal, campaign?: string): Promise<Bundle> {
    return this.getJson<Bundle>(BFF_ROUTES.offersContext, signal, {
      includeActivityDefinitionPortal: 'true',
      includeHealthcareServicePortal: 'true',
      includePractitionerRolePortal: 'true',
      // Only the elements the widget reads: descriptions of things it never shows stay on the server.
      _elements: OFFERS_CONTEXT_ELEMENTS,
      [CAMPAIGN_PARAM]: campaign,
    });
  }

  /** Free times; one request even for "any practitioner" (the BFF fans out and merges). */
  async find(query: FindQuery, signal: AbortSignal): Promise<Availability> {
    const body = await this.getJson<unknown>(BFF_ROUTES.find, signal, {
      start: query.start,
      end: query.end,
      'visit-type': query.visitType,
      healthcareService: `HealthcareService/${query.clinicId}`,
      practitionerRole: query.practitionerRoleId === undefined ? undefined : `PractitionerRole/${query.practitionerRoleId}`,
      _elements: FIND_ELEMENTS,
      [CAMPAIGN_PARAM]: query.campaign,
    });
    return readAvailability(body);
  }

  campaign(code: string, signal: AbortSignal): Promise<CampaignInfo> {
    return this.getJson<CampaignInfo>(`${BFF_ROUTES.campaign}/${encodeURIComponent(code)}`, signal);
  }

  session(signal: AbortSignal): Promise<SessionInfo> {
    return this.getJson<SessionInfo>(BFF_ROUTES.session, signal);
  }

  patient(signal: AbortSignal): Promise<Patient> {
    return this.getJson<Patient>(BFF_ROUTES.patientMe, signal);
  }

  /** The signed-in patient's own appointments (past and upcoming, any status). */
  async myAppointments(signal: AbortSignal): Promise<Appointment[]> {
    const bundle = await this.getJson<Bundle>(BFF_ROUTES.appointments, signal);
    return (bundle.entry ?? [])
      .map((entry) => entry.resource)
      .filter((resource): resource is Appointment => resource?.resourceType === 'Appointment');
  }

  /** Where to send the browser (redirect) or the popup to sign in; `claimHash` for the cross-site hand-off. */
  loginUrl(mode: LoginMode, returnTo: string, locale: string, claimHash?: string): string {
    return this.url(BFF_ROUTES.login, { returnTo, mode, locale, claimHash });
  }

  /** Cross-site mode: trade the login hand-off and its claim for the session cookie of this page's site. */
  async claimSession(handoff: string, claim: string, signal: AbortSignal): Promise<void> {
    const { body, status } = await this.send(this.url(BFF_ROUTES.sessionClaim), {
      method: 'POST',
      signal,
      headers: { 'Content-Type': 'application/json', [CSRF_HEADER]: '1' },
      body: JSON.stringify({ handoff, claim }),
    });
    if (status < 200 || status > 299) throw new BffError(readOutcome(body, status));
  }

  async logout(signal: AbortSignal): Promise<void> {
    const { body, status } = await this.send(this.url(BFF_ROUTES.logout), { method: 'POST', signal, headers: { [CSRF_HEADER]: '1' } });
    if (status < 200 || status > 299) throw new BffError(readOutcome(body, status));
  }

  /**
   * `$book` (create, modify or cancel). The same `idempotencyKey` must be sent again when the same
   * attempt is retried, so a lost answer never turns into a second booking. A campaign-only
   * treatment is booked only with the `campaign` code the patient holds. A new booking carries the
   * page's campaign `attribution` (UTM values) for the BFF's audit line.
   */
  async book(parameters: Parameters, idempotencyKey: string, signal: AbortSignal, campaign?: string, attribution?: Attribution): Promise<{ appointment: Appointment; warnings: readonly string[] }> {
    const header = new URLSearchParams(attribution).toString();
    const attributed: Record<string, string> = header === '' ? {} : { [ATTRIBUTION_HEADER]: header };
    const { body, status } = await this.send(this.url(BFF_ROUTES.book, { [CAMPAIGN_PARAM]: campaign }), {
      method: 'POST',
      signal,
      headers: { 'Content-Type': FHIR_JSON, [CSRF_HEADER]: '1', [IDEMPOTENCY_HEADER]: idempotencyKey, ...attributed },
      body: JSON.stringify(parameters),
    });
    const result = readBookResult(body, status);
    if (!result.ok) throw new BffError(result.problem);
    return { appointment: result.appointment, warnings: result.warnings };
  }
}
