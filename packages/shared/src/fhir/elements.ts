/**
 * FHIR R4 `_elements` (search result parameter, R4 §3.1.1.5.9): return only the named top-level
 * elements of each matched resource, plus what must always stay so the answer remains valid and
 * safe to read: `resourceType`, `id`, `meta` (tagged SUBSETTED), the type's mandatory elements
 * (min ≥ 1) and its modifier elements (dropping one could change the meaning of what is left).
 *
 * Names are base element names (`name`, `extension`) and apply to every resource type, or
 * `Type.element` (`HealthcareService.telecom`) for one type. A type named by neither keeps every
 * element: a client that lists only `Appointment.start` still gets whole OperationOutcomes. Per R4
 * the list does not apply to included resources (`search.mode` `include`) nor to the
 * OperationOutcome a server adds (`outcome`). Unknown names are ignored, as R4 allows a server to.
 * @module
 */

/** A parsed `_elements` value. */
export interface ElementSelection {
  /** Names for every resource type. */
  readonly any: ReadonlySet<string>;
  /** Names for one resource type. */
  readonly byType: ReadonlyMap<string, ReadonlySet<string>>;
  /** Canonical text of the selection (sorted), e.g. as a cache key. */
  readonly key: string;
}

/** The tag R4 asks a server to put on a resource it subsetted. */
export const SUBSETTED_TAG = { system: 'http://terminology.hl7.org/CodeSystem/v3-ObservationValue', code: 'SUBSETTED', display: 'subsetted' } as const;

const ALWAYS: ReadonlySet<string> = new Set(['resourceType', 'id', 'meta', 'implicitRules', 'modifierExtension']);

/** Mandatory (min ≥ 1) and modifier top-level elements per R4 resource type, for the types the BFF serves. */
const KEPT_BY_TYPE: Readonly<Record<string, readonly string[]>> = {
  ActivityDefinition: ['status'],
  Appointment: ['status', 'participant'],
  Bundle: ['type'],
  HealthcareService: ['active'],
  Location: ['status'],
  OperationOutcome: ['issue'],
  Organization: ['active'],
  Parameters: [],
  Patient: ['active', 'deceasedBoolean', 'deceasedDateTime', 'link'],
  Practitioner: [],
  PractitionerRole: [],
  Slot: ['schedule', 'status', 'start', 'end'],
};

const NAME = /^(?:([A-Z][A-Za-z]{0,63})\.)?([a-z][A-Za-z0-9]{0,63})$/;

/**
 * Parse `_elements` (one value or the parameter repeated; comma separated). Names that are not
 * element names are ignored. Returns undefined when nothing usable was asked (no subsetting).
 * @example
 * parseElements('HealthcareService.name,HealthcareService.telecom,Appointment.start')
 */
export function parseElements(value: string | readonly string[] | undefined): ElementSelection | undefined {
  if (value === undefined) return undefined;
  const any = new Set<string>();
  const byType = new Map<string, Set<string>>();
  for (const part of (typeof value === 'string' ? [value] : value).flatMap((v) => v.split(','))) {
    const match = NAME.exec(part.trim());
    if (match === null) continue;
    const [, type, element] = match as unknown as [string, string | undefined, string];
    if (type === undefined) any.add(element);
    else byType.set(type, (byType.get(type) ?? new Set<string>()).add(element));
  }
  if (any.size === 0 && byType.size === 0) return undefined;
  const key = [...[...any].map((e) => `*.${e}`), ...[...byType].flatMap(([t, names]) => [...names].map((e) => `${t}.${e}`))].sort().join(',');
  return { any, byType, key };
}

function withSubsettedTag(meta: unknown): Record<string, unknown> {
  const base = typeof meta === 'object' && meta !== null ? meta as Record<string, unknown> : {};
  const tags = Array.isArray(base.tag) ? base.tag as unknown[] : [];
  const tagged = tags.some((t) => (t as { code?: unknown } | null)?.code === SUBSETTED_TAG.code && (t as { system?: unknown }).system === SUBSETTED_TAG.system);
  return tagged ? base : { ...base, tag: [...tags, { ...SUBSETTED_TAG }] };
}

/**
 * `resource` with only the selected elements (plus those always kept), tagged SUBSETTED; the
 * resource itself when the selection names nothing for its type. Never changes its input.
 */
export function subsetResource<T>(resource: T, selection: ElementSelection): T {
  if (typeof resource !== 'object' || resource === null) return resource;
  const record = resource as Record<string, unknown>;
  const type = typeof record.resourceType === 'string' ? record.resourceType : '';
  const named = selection.byType.get(type);
  if (named === undefined && selection.any.size === 0) return resource;
  const kept = KEPT_BY_TYPE[type] ?? [];
  const out: Record<string, unknown> = {};
  let dropped = false;
  for (const key of Object.keys(record)) {
    if (ALWAYS.has(key) || kept.includes(key) || selection.any.has(key) || named?.has(key) === true) out[key] = record[key];
    else dropped = true;
  }
  if (!dropped) return resource;
  out.meta = withSubsettedTag(record.meta);
  return out as T;
}

/**
 * A searchset Bundle with `_elements` applied to its matched resources (mode `match` or none);
 * included resources and OperationOutcome entries stay whole. Other values pass through unchanged.
 */
export function subsetBundle<T>(bundle: T, selection: ElementSelection | undefined): T {
  if (selection === undefined || typeof bundle !== 'object' || bundle === null) return bundle;
  const record = bundle as { resourceType?: unknown; entry?: unknown };
  if (record.resourceType !== 'Bundle') return subsetResource(bundle, selection);
  if (!Array.isArray(record.entry)) return bundle;
  const entry = record.entry.map((item: unknown) => {
    const e = item as { resource?: unknown; search?: { mode?: unknown } } | null;
    if (e === null || typeof e !== 'object' || e.resource === undefined) return item;
    const mode = e.search?.mode;
    if (mode === 'include' || mode === 'outcome') return item;
    const resource = subsetResource(e.resource, selection);
    return resource === e.resource ? item : { ...e, resource };
  });
  return { ...record, entry } as T;
}
