/**
 * Which campaign tags a request unlocks. A presented code that is unknown, expired or malformed
 * unlocks nothing and is not an error on catalog routes (the widget checks codes with
 * `GET /campaigns/{code}` and shows the message there).
 * @module
 */
import { campaignTagsOf, checkCampaign, isCampaignCodeShaped, type Bundle, type CampaignDefinition } from '@itb/shared';

/** A tag unlocked for a request, optionally only at some clinics. */
export interface UnlockedTag {
  readonly tag: string;
  readonly clinicIds?: readonly string[];
}

const MAX_CODES = 5;

/** Tags unlocked by the `campaign` query value(s) at `now`. */
export function unlockedTags(campaigns: readonly CampaignDefinition[], presented: unknown, now: Date): UnlockedTag[] {
  if (campaigns.length === 0) return [];
  const codes = (Array.isArray(presented) ? presented : [presented])
    .filter(isCampaignCodeShaped)
    .slice(0, MAX_CODES);
  const unlocked: UnlockedTag[] = [];
  for (const code of codes) {
    const check = checkCampaign(campaigns, code, now);
    if (!check.ok) continue;
    const { tag, code: canonical, clinicIds } = check.campaign;
    unlocked.push(clinicIds === undefined ? { tag: tag ?? canonical } : { tag: tag ?? canonical, clinicIds });
  }
  return unlocked;
}

/** The presented codes that unlock something at `now`, as presented (a search's `self` link names only these). */
export function appliedCampaignCodes(campaigns: readonly CampaignDefinition[], presented: readonly string[], now: Date): string[] {
  return presented.filter(isCampaignCodeShaped).slice(0, MAX_CODES).filter((code) => checkCampaign(campaigns, code, now).ok);
}

/** A stable key for a set of unlocked tags (memo / cache variant). */
export function unlockKey(unlocked: readonly UnlockedTag[]): string {
  return JSON.stringify(unlocked.map((u) => [u.tag, [...(u.clinicIds ?? [])].sort()]).sort());
}

/** May an ActivityDefinition be shown: untagged, or one of its tags unlocked (any clinic scope). */
export function isTreatmentVisible(resource: unknown, unlocked: readonly UnlockedTag[]): boolean {
  const tags = campaignTagsOf(resource);
  if (tags.length === 0) return true;
  const lower = new Set(unlocked.map((u) => u.tag.toLowerCase()));
  return tags.some((t) => lower.has(t.toLowerCase()));
}

/**
 * `bundle` with a `urn:uuid:` fullUrl on every campaign treatment in it. A code unlocked them for
 * this answer, but a plain read of one answers 404 (a hidden treatment looks missing), and every
 * fullUrl must resolve or be a urn (issue 21). Entries are copied only where they change.
 */
export function withCampaignTreatmentUrns(bundle: Bundle, urn: (key: string) => string): Bundle {
  if (!Array.isArray(bundle.entry)) return bundle;
  let changed = false;
  const entry = bundle.entry.map((item) => {
    const resource = item.resource;
    if (resource?.resourceType !== 'ActivityDefinition' || isTreatmentVisible(resource, [])) return item;
    changed = true;
    return { ...item, fullUrl: urn(`ActivityDefinition/${resource.id ?? ''}`) };
  });
  return changed ? { ...bundle, entry } : bundle;
}
