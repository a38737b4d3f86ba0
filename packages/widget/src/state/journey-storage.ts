/**
 * Keeps the journey across a full-page login redirect: the chosen clinic, treatment, practitioner,
 * time (the `$find` Appointment, which `$book` needs back whole) and the form. Per element and tab
 * (sessionStorage); read once and removed, so a reload later starts fresh.
 * @module
 */
import type { Appointment, Attribution, AvailableTime } from '@itb/shared';
import type { ContactForm, StepName } from './booking-state.js';

export interface SavedJourney {
  readonly version: 1;
  readonly step: StepName;
  readonly clinicId?: string;
  readonly treatmentId?: string;
  readonly practitionerId?: string;
  readonly campaignCode?: string;
  readonly chosenTime?: AvailableTime;
  readonly rescheduling?: Appointment;
  readonly form: ContactForm;
  /** Set right before leaving for the login page, so the return can announce "signed in". */
  readonly awaitingLogin: boolean;
  /** Redirect sign-in: the claim secret for the BFF's cross-site hand-off (login-claim.ts). */
  readonly claim?: string;
  /** The UTM parameters the journey started with: the page the login returns to may no longer carry them. */
  readonly attribution?: Attribution;
}

function storage(): Storage | undefined {
  try {
    return window.sessionStorage;
  } catch {
    // Storage can throw (sandboxed iframes, blocked cookies): the journey then simply restarts.
    return undefined;
  }
}

export function saveJourney(key: string, journey: SavedJourney): void {
  try {
    storage()?.setItem(key, JSON.stringify(journey));
  } catch {
    // Quota or privacy mode: losing the journey is acceptable, failing the sign-in is not.
  }
}

export function takeJourney(key: string): SavedJourney | undefined {
  const store = storage();
  const raw = store?.getItem(key);
  if (raw === null || raw === undefined) return undefined;
  store?.removeItem(key);
  try {
    const parsed = JSON.parse(raw) as Partial<SavedJourney>;
    return parsed.version === 1 && typeof parsed.form === 'object' ? (parsed as SavedJourney) : undefined;
  } catch {
    return undefined;
  }
}

export function clearJourney(key: string): void {
  storage()?.removeItem(key);
}

/** One element's saved journey, bound to its key (the concern modules never see the key). */
export interface JourneyStorage {
  save(journey: SavedJourney): void;
  take(): SavedJourney | undefined;
  clear(): void;
}

export function journeyStorage(key: string): JourneyStorage {
  return { save: (journey) => saveJourney(key, journey), take: () => takeJourney(key), clear: () => clearJourney(key) };
}
