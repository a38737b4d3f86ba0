/**
 * Campaign codes. ITB only tags treatments (ext-campaigns, spec §8.11) and cannot validate a code,
 * so the BFF owns the list (validity, clinic scope, message) and tagged treatments stay hidden
 * until a valid code is presented (design §Decisions, spec §15.9).
 * @module
 */
import { arrayOf, findExtensions, isRecord, subExtensions, textValue } from '../fhir/extensions.js';
import { resourceId } from '../fhir/references.js';
import { offerTarget } from '../catalog/read-resources.js';
import type { Bundle } from '../fhir/types.js';
import { EXT } from '../fhir/urls.js';

/** Longest campaign code anyone may present (codes are short words like SPRING26). */
export const CAMPAIGN_CODE_MAX_LENGTH = 64;

/** A value that could be a campaign code at all (a string of 1–64 characters). */
export function isCampaignCodeShaped(value: unknown): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= CAMPAIGN_CODE_MAX_LENGTH;
}

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

const fold = (code: string) => code.trim().toLowerCase();

/**
 * Look `code` up in `campaigns` (case-insensitively) and check its validity period at `now`
 * (`validFrom` and `validTo` inclusive). A campaign that has not started yet is reported as
 * `campaign-unknown`, so a code cannot be probed before its launch; one whose `validTo` has passed
 * is `campaign-expired`. A definition with an unreadable date never matches.
 */
export function checkCampaign(campaigns: readonly CampaignDefinition[], code: string, now: Date): CampaignCheck {
  if (typeof code !== 'string' || fold(code) === '') return { ok: false, reason: 'campaign-unknown' };
  const at = now.getTime();
  let expired = false;
  for (const campaign of campaigns) {
    if (fold(campaign.code) !== fold(code)) continue;
    const from = campaign.validFrom === undefined ? Number.NEGATIVE_INFINITY : Date.parse(campaign.validFrom);
    const to = campaign.validTo === undefined ? Number.POSITIVE_INFINITY : Date.parse(campaign.validTo);
    if (Number.isNaN(from) || Number.isNaN(to) || at < from) continue;
    if (at > to) {
      expired = true;
      continue;
    }
    return { ok: true, campaign };
  }
  return { ok: false, reason: expired ? 'campaign-expired' : 'campaign-unknown' };
}

/** The ext-campaigns codes on one ActivityDefinition. */
export function campaignTagsOf(activityDefinition: unknown): string[] {
  return findExtensions(activityDefinition, EXT.campaigns)
    .flatMap((e) => subExtensions(e, 'campaign'))
    .map(textValue)
    .filter((c): c is string => c !== undefined);
}

/** Where a tagged treatment may be shown: nowhere, everywhere, or at some clinics. */
type Visibility = 'hidden' | 'everywhere' | Set<string>;

function visibility(tags: readonly string[], unlocked: readonly { readonly tag: string; readonly clinicIds?: readonly string[] }[]): Visibility {
  const wanted = new Set(tags.map(fold));
  const matching = unlocked.filter((u) => wanted.has(fold(u.tag)));
  if (matching.length === 0) return 'hidden';
  if (matching.some((u) => u.clinicIds === undefined)) return 'everywhere';
  return new Set(matching.flatMap((u) => u.clinicIds ?? []));
}

/**
 * May a treatment with these campaign `tags` be searched and booked at `clinicId`? Untagged
 * treatments always; tagged ones only when a presented code unlocks one of the tags there.
 */
export function campaignAllowsAt(
  tags: readonly string[],
  clinicId: string,
  unlocked: readonly { readonly tag: string; readonly clinicIds?: readonly string[] }[],
): boolean {
  if (tags.length === 0) return true;
  const seen = visibility(tags, unlocked);
  return seen === 'everywhere' || (seen !== 'hidden' && seen.has(clinicId));
}

/**
 * Remove campaign-tagged ActivityDefinitions, and the offers pointing at them, from an
 * offers-context (or ActivityDefinition search) Bundle unless one of their tags is unlocked
 * (case-insensitive; `unlocked`, optionally scoped to clinics, in which case their offers stay only
 * at those clinics). Offers are matched by their `activityDefinition` reference, so they are also
 * removed when the ActivityDefinition itself was not included: `taggedTreatments` (treatment id →
 * tags, e.g. from the BFF's cached system-level catalog) supplies the tags the Bundle cannot show.
 * Returns a new Bundle; `total` recounted (offers bundles count every entry, spec §13.16).
 */
export function filterCampaignOffers(
  bundle: Bundle,
  unlocked: readonly { readonly tag: string; readonly clinicIds?: readonly string[] }[],
  taggedTreatments?: ReadonlyMap<string, readonly string[]>,
): Bundle {
  if (!isRecord(bundle)) return bundle;
  const entries = arrayOf(bundle.entry);
  const tags = new Map<string, string[]>();
  for (const [id, list] of taggedTreatments ?? []) tags.set(id, [...list]);
  for (const entry of entries) {
    if (!isRecord(entry) || !isRecord(entry.resource) || entry.resource.resourceType !== 'ActivityDefinition') continue;
    const id = resourceId(entry.resource, entry.fullUrl);
    const own = campaignTagsOf(entry.resource);
    if (id !== undefined && own.length > 0) tags.set(id, [...(tags.get(id) ?? []), ...own]);
  }
  const decided = new Map<string, Visibility>();
  const visibilityOf = (treatmentId: string | undefined): Visibility => {
    if (treatmentId === undefined) return 'everywhere';
    let result = decided.get(treatmentId);
    if (result === undefined) {
      const list = tags.get(treatmentId) ?? [];
      result = list.length === 0 ? 'everywhere' : visibility(list, unlocked);
      decided.set(treatmentId, result);
    }
    return result;
  };
  const kept = entries.filter((entry) => {
    if (!isRecord(entry) || !isRecord(entry.resource)) return true;
    const resource = entry.resource;
    if (resource.resourceType === 'ActivityDefinition') return visibilityOf(resourceId(resource, entry.fullUrl)) !== 'hidden';
    if (resource.resourceType !== 'Parameters') return true;
    const { treatmentId, clinicId } = offerTarget(resource);
    const seen = visibilityOf(treatmentId);
    if (seen === 'hidden') return false;
    if (seen === 'everywhere') return true;
    return clinicId !== undefined && seen.has(clinicId);
  }) as NonNullable<Bundle['entry']>;
  return {
    ...bundle,
    ...(bundle.entry === undefined ? {} : { entry: kept }),
    ...(bundle.total === undefined ? {} : { total: kept.length }),
  };
}
