/**
 * Campaign codes. ITB only tags treatments (ext-campaigns, spec §8.11) and cannot validate a code,
 * so the BFF owns the list (validity, clinic scope, message) and tagged treatments stay hidden
 * until a valid code is presented (design §Decisions, spec §15.9).
 * @module
 */
import type { Bundle } from '../fhir/types.js';

/** One entry of the BFF's campaign file. */
export interface CampaignDefinition {
  /** What the patient types; matched case-insensitively. */
  readonly code: string;
  /** The ext-campaigns code on ActivityDefinitions this unlocks (default: `code`). */
  readonly tag?: string;
  /** ISO instants; open-ended when absent. */
  readonly validFrom?: string;
  readonly validTo?: string;
  /** Clinic ids the campaign applies to; all clinics when absent. */
  readonly clinicIds?: readonly string[];
  /** Message per locale (`sv`, `nb`, `en`), or one for all. */
  readonly message?: string | Readonly<Record<string, string>>;
}

/** Result of {@link checkCampaign}. */
export type CampaignCheck =
  | { readonly ok: true; readonly campaign: CampaignDefinition }
  | { readonly ok: false; readonly reason: 'campaign-unknown' | 'campaign-expired' };

/** Look `code` up in `campaigns` and check its validity period at `now`. */
export function checkCampaign(campaigns: readonly CampaignDefinition[], code: string, now: Date): CampaignCheck { void campaigns; void code; void now; throw new Error('TODO'); }

/**
 * Remove campaign-tagged ActivityDefinitions, and the offers pointing at them, from an
 * offers-context Bundle unless one of their tags is unlocked (`unlockedTags`, optionally scoped to
 * clinics). Returns a new Bundle; `total` recounted.
 */
export function filterCampaignOffers(
  bundle: Bundle,
  unlocked: readonly { readonly tag: string; readonly clinicIds?: readonly string[] }[],
): Bundle { void bundle; void unlocked; throw new Error('TODO'); }
