/**
 * The one id rule of the whole product. Live ITB ids are not FHIR ids: `$find` times and the
 * bookings made from them carry colons (`001-2026-06-15T09:30:00-B9-E3-R1`, spec §13.1, §13.28),
 * so the FHIR id regex would refuse real bookings. This rule keeps what a path segment may safely
 * hold (no `/`, `%`, `?`, `#`, spaces, no leading dot) and nothing stricter.
 * @module
 */

/** Longest id we accept; live ids are about 40 characters. */
export const RESOURCE_ID_MAX_LENGTH = 128;

/** Letters, digits, `-`, `.`, `_` and `:`, starting with a letter or digit (as a regex source, unanchored). */
export const RESOURCE_ID_PATTERN = `[A-Za-z0-9][A-Za-z0-9\\-._:]{0,${RESOURCE_ID_MAX_LENGTH - 1}}`;

const RESOURCE_ID = new RegExp(`^${RESOURCE_ID_PATTERN}$`);

/** What a refused id is told, for error messages. */
export const RESOURCE_ID_RULE = `a resource id (letters, digits, "-", ".", "_", ":"; at most ${RESOURCE_ID_MAX_LENGTH} characters)`;

/** True when `value` is an id this product reads, routes and sends upstream (colons included). */
export function isResourceId(value: unknown): value is string {
  return typeof value === 'string' && RESOURCE_ID.test(value);
}
