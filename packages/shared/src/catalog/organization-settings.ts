/**
 * The tenant's display settings (OrganizationSettings, spec §8.8) on the Organization a clinic's
 * HealthcareService contains (`providedBy`), as far as the booking pages use them.
 * @module
 */
import { findExtension, isRecord, arrayOf, stringOf, subExtension, textValue } from '../fhir/extensions.js';
import { EXT } from '../fhir/urls.js';
import { safeHttpUrl } from '../fhir/safe-url.js';

/**
 * May the confirmation show the price (`showPricesAtBookingConfirmation`)? Only an explicit
 * `never-show-price` hides it: an absent setting or an unknown code says nothing against showing
 * what the treatment list already showed.
 */
export function priceAtConfirmation(organization: unknown): boolean {
  const settings = findExtension(organization, EXT.organizationSettings);
  return textValue(subExtension(settings, 'showPricesAtBookingConfirmation'))?.trim() !== 'never-show-price';
}

/** The organisation's web site (its `url` telecom, spec §7.12), only as an http(s) address. */
export function organizationWebsite(organization: unknown): string | undefined {
  if (!isRecord(organization)) return undefined;
  return arrayOf(organization.telecom)
    .filter(isRecord)
    .filter((t) => t.system === 'url')
    .map((t) => safeHttpUrl(stringOf(t.value)))
    .find((url) => url !== undefined);
}
