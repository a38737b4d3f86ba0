/**
 * The reference a patient quotes when calling the clinic about a booking. The booking's key in the
 * clinic's own system (the source-system identifier, spec §7.8/§7.11) is what the reception can
 * look up, and short; the ITB id (a long slot-shaped string in live data) is the fallback.
 * @module
 */
import { arrayOf, isRecord, stringOf } from '../fhir/extensions.js';
import { SYSTEM } from '../fhir/urls.js';

const SOURCE_TYPE = 'sourcesystem-identifier';

/** Scheme-less, so http and https spellings of the prefix match alike (spec §13.2). */
const withoutScheme = (url: string) => url.replace(/^https?:\/\//, '');
const SOURCE_PREFIX = withoutScheme(SYSTEM.appointmentSourcePrefix);

function isSourceIdentifier(identifier: Record<string, unknown>): boolean {
  const system = typeof identifier.system === 'string' ? withoutScheme(identifier.system) : undefined;
  // The real system appends `/{endpointId}`: compare by prefix, never rebuild it (spec §10).
  if (system !== undefined && (system === SOURCE_PREFIX || system.startsWith(`${SOURCE_PREFIX}/`))) return true;
  const type = isRecord(identifier.type) ? arrayOf(identifier.type.coding) : [];
  return type.some((c) => isRecord(c) && c.code === SOURCE_TYPE);
}

/** The booking's source-system identifier value, else its id; `undefined` when it has neither. */
export function bookingReference(appointment: unknown): string | undefined {
  if (!isRecord(appointment)) return undefined;
  const source = arrayOf(appointment.identifier).filter(isRecord).find((i) => isSourceIdentifier(i) && stringOf(i.value) !== undefined);
  return stringOf(source?.value) ?? stringOf(appointment.id);
}
