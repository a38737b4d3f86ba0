/**
 * Availability: read `$find` answers, merge several (one per practitioner; ITB needs one call per
 * practitioner, spec §5.2.1), and view them grouped by practitioner or as unique start times.
 * @module
 */
import { participantId, participantKind, participantsOf, treatmentIdOf } from '../book/participants.js';
import { arrayOf, isRecord, stringOf } from '../fhir/extensions.js';
import type { Appointment, Bundle, BundleEntry, OperationOutcome, OperationOutcomeIssue } from '../fhir/types.js';
import { canonicalName, SYSTEM } from '../fhir/urls.js';
import { isoWithOffset, localDate, localParts, zonedInstant } from '../time/zoned.js';
import { meetsMinimumNotice } from '../rules/booking-rules.js';

/** One bookable time. Keeps the proposed Appointment, because `$book` sends it back whole. */
export interface AvailableTime {
  /** The slot-id identifier value (opaque; may contain `:`), else the resource id. */
  readonly slotId: string;
  /** ISO instant. */
  readonly start: string;
  readonly end: string;
  readonly practitionerRoleId: string;
  readonly clinicId?: string;
  readonly treatmentId?: string;
  readonly appointment: Appointment;
}

/** A start time with every practitioner free at it ("any practitioner" view). */
export interface TimeOption {
  readonly start: string;
  readonly end: string;
  /** One per practitioner, in the order the caller preferred them. */
  readonly times: readonly AvailableTime[];
}

/** A practitioner whose times could not be fetched, as reported by the BFF's merged answer. */
export interface AvailabilityGap {
  readonly practitionerRoleId?: string;
  readonly diagnostics: string;
}

/** What {@link readAvailability} returns. */
export interface Availability {
  readonly times: readonly AvailableTime[];
  readonly gaps: readonly AvailabilityGap[];
}

type Loose = Record<string, unknown>;

const SLOT_ID_NAME = canonicalName(SYSTEM.slotId);

/** The value of an Appointment's slot-id identifier (spec §7.8), whatever spelling of its system. */
export function slotIdentifierOf(appointment: unknown): string | undefined {
  if (!isRecord(appointment)) return undefined;
  const slot = arrayOf(appointment.identifier)
    .filter(isRecord)
    .find((i) => typeof i.system === 'string' && canonicalName(i.system) === SLOT_ID_NAME && stringOf(i.value) !== undefined);
  return stringOf(slot?.value);
}

/** The slot a time is in: its slot-id identifier, else (as `$find` ids are slot ids) its id. */
function slotIdOf(appointment: Loose): string | undefined {
  return slotIdentifierOf(appointment) ?? stringOf(appointment.id);
}

/**
 * Is this `$find` entry a free time? Only a `proposed` Appointment with no patient is: live answers
 * can also hold booked, pending or cancelled ones, with someone's patient participant (spec §13.30).
 */
export function isFreeTime(resource: unknown): boolean {
  return isRecord(resource) && resource.status === 'proposed' && !participantsOf(resource).some((p) => participantKind(p) === 'Patient');
}

function instantOf(value: unknown): number | undefined {
  if (typeof value !== 'string') return undefined;
  const ms = Date.parse(value);
  return Number.isNaN(ms) ? undefined : ms;
}

function readTime(resource: Loose): AvailableTime | undefined {
  if (!isFreeTime(resource)) return undefined;
  const appointment = resource as unknown as Appointment;
  const start = stringOf(resource.start);
  const slotId = slotIdOf(resource);
  const practitionerRoleId = participantId(appointment, 'PractitionerRole');
  // A time without a practitioner cannot be booked ($book needs the PractitionerRole participant).
  if (start === undefined || instantOf(start) === undefined || slotId === undefined || practitionerRoleId === undefined) return undefined;
  const period = arrayOf(resource.requestedPeriod).find(isRecord);
  const end = stringOf(resource.end) ?? stringOf(period?.end) ?? start;
  const clinicId = participantId(appointment, 'HealthcareService');
  const treatmentId = treatmentIdOf(appointment);
  return {
    slotId, start, end, practitionerRoleId,
    ...(clinicId === undefined ? {} : { clinicId }),
    ...(treatmentId === undefined ? {} : { treatmentId }),
    appointment,
  };
}

const PRACTITIONER_IN_TEXT = /PractitionerRole\/([^\s,;)"'\]]+)/;

/**
 * Whether an issue says something about the times (a gap), not about the request: information,
 * and a search's "parameters ignored" warning (code `not-supported`), are not gaps.
 */
function isGap(issue: Loose): boolean {
  return issue.severity !== 'information' && issue.code !== 'not-supported';
}

function readGaps(outcome: Loose): AvailabilityGap[] {
  return arrayOf(outcome.issue).filter(isRecord).filter(isGap).map((issue) => {
    const diagnostics = stringOf(issue.diagnostics) ?? (isRecord(issue.details) ? stringOf(issue.details.text) : undefined) ?? '';
    const detailsText = isRecord(issue.details) ? stringOf(issue.details.text) : undefined;
    const named = [detailsText, ...arrayOf(issue.expression), ...arrayOf(issue.location), diagnostics]
      .map((text) => (typeof text === 'string' ? PRACTITIONER_IN_TEXT.exec(text)?.[1] : undefined))
      .find((id) => id !== undefined);
    return named === undefined ? { diagnostics } : { practitionerRoleId: named, diagnostics };
  });
}

const byStartThenPractitioner = (a: AvailableTime, b: AvailableTime) =>
  (instantOf(a.start) ?? 0) - (instantOf(b.start) ?? 0)
  || (a.practitionerRoleId < b.practitionerRoleId ? -1 : a.practitionerRoleId > b.practitionerRoleId ? 1 : 0)
  || (a.slotId < b.slotId ? -1 : a.slotId > b.slotId ? 1 : 0);

/** The resources of one answer: a Bundle's entries, or a bare resource (e.g. an OperationOutcome). */
function resourcesOf(body: unknown): Loose[] {
  if (!isRecord(body)) return [];
  if (body.resourceType === 'Bundle') return arrayOf(body.entry).filter(isRecord).map((e) => e.resource).filter(isRecord);
  return [body];
}

/**
 * Read one or more `$find` Bundles: sorted by start, de-duplicated by practitioner + slot. Never throws.
 * OperationOutcome issues (other than information) become gaps, naming the practitioner when
 * `details.text` (what {@link mergeFindBundles} writes), an `expression` or the diagnostics say
 * `PractitionerRole/<id>`. Entries that are not free times
 * ({@link isFreeTime}) and times without a start, slot or PractitionerRole participant are skipped.
 */
export function readAvailability(bundles: unknown | readonly unknown[]): Availability {
  const list = Array.isArray(bundles) ? bundles : [bundles];
  const times = new Map<string, AvailableTime>();
  const gaps: AvailabilityGap[] = [];
  for (const resource of list.flatMap(resourcesOf)) {
    if (resource.resourceType === 'Appointment') {
      const time = readTime(resource);
      const key = time === undefined ? undefined : JSON.stringify([time.practitionerRoleId, time.slotId]);
      if (time !== undefined && key !== undefined && !times.has(key)) times.set(key, time);
    } else if (resource.resourceType === 'OperationOutcome') {
      gaps.push(...readGaps(resource));
    }
  }
  return { times: [...times.values()].sort(byStartThenPractitioner), gaps };
}

function issueKey(issue: OperationOutcomeIssue): string {
  return JSON.stringify([issue.severity, issue.code, issue.diagnostics ?? null, issue.expression ?? null, issue.details?.text ?? null]);
}

/** A Bundle's `meta.profile` as a comparable key (`[]` when it declares none or a malformed one). */
function profileKey(bundle: Loose): string {
  const meta = bundle.meta;
  const profile = isRecord(meta) ? arrayOf(meta.profile) : [];
  return JSON.stringify(profile.every((p) => typeof p === 'string') ? profile : []);
}

/** What {@link mergeFindBundles} needs of one Appointment entry. */
interface MergeCandidate {
  readonly at: number;
  readonly slotId: string;
  readonly practitionerRoleId: string;
  readonly appointment: Appointment;
  readonly fullUrl: string | undefined;
  /** The entry serialised, computed only when a tie has to be broken. */
  json?: string;
}

/** The same conditions as {@link readTime} (start, slot and practitioner), without the rest. */
function readCandidate(resource: Loose, fullUrl: string | undefined): MergeCandidate | undefined {
  if (!isFreeTime(resource)) return undefined;
  const start = stringOf(resource.start);
  const at = instantOf(start);
  if (at === undefined) return undefined;
  const slotId = slotIdOf(resource);
  if (slotId === undefined) return undefined;
  const appointment = resource as unknown as Appointment;
  const practitionerRoleId = participantId(appointment, 'PractitionerRole');
  if (practitionerRoleId === undefined) return undefined;
  return { at, slotId, practitionerRoleId, appointment, fullUrl };
}

function candidateJson(candidate: MergeCandidate): string {
  candidate.json ??= JSON.stringify([candidate.appointment, candidate.fullUrl ?? null]);
  return candidate.json;
}

/** {@link byStartThenPractitioner} on instants read once. */
const byCandidateOrder = (a: MergeCandidate, b: MergeCandidate) =>
  a.at - b.at
  || (a.practitionerRoleId < b.practitionerRoleId ? -1 : a.practitionerRoleId > b.practitionerRoleId ? 1 : 0)
  || (a.slotId < b.slotId ? -1 : a.slotId > b.slotId ? 1 : 0);

/**
 * Merge per-practitioner `$find` Bundles into one searchset Bundle (what the BFF answers): only
 * free times ({@link isFreeTime}; a booked entry never reaches the browser), sorted by start (then practitioner) and de-duplicated by practitioner + slot,
 * `total` = number of appointments, and one OperationOutcome entry (search.mode `outcome`) listing
 * the `failures` (severity `warning`, code `incomplete`, `expression: ['practitionerRole']` — the
 * FHIRPath of the parameter, as R4 wants it — and the practitioner as `details.text`
 * `PractitionerRole/<id>`) plus any issues the inputs carried, if any. `meta.profile` is kept when
 * every input Bundle declares the same one (ITB's PortalFindAppointmentBundle), else left out.
 * Order-independent and idempotent.
 */
export function mergeFindBundles(
  bundles: readonly unknown[],
  failures?: readonly { readonly practitionerRoleId: string; readonly diagnostics: string }[],
): Bundle<Appointment | OperationOutcome> {
  // The BFF runs this on every `$find` answer (tens of KB), so per entry it reads only what the
  // merge needs, and serialises an entry only to break a tie between two with the same key.
  const chosen = new Map<string, MergeCandidate>();
  const issues = new Map<string, OperationOutcomeIssue>();
  const profiles = new Set<string>();
  for (const body of bundles) {
    const isBundle = isRecord(body) && body.resourceType === 'Bundle';
    if (isBundle) profiles.add(profileKey(body));
    const entries = isBundle
      ? arrayOf(body.entry).filter(isRecord)
      : [{ resource: body }];
    for (const entry of entries) {
      const resource = entry.resource;
      if (!isRecord(resource)) continue;
      if (resource.resourceType === 'Appointment') {
        const candidate = readCandidate(resource, stringOf(entry.fullUrl));
        if (candidate === undefined) continue;
        // Length-prefixed: unambiguous whatever characters the ids contain.
        const key = `${candidate.practitionerRoleId.length}:${candidate.practitionerRoleId}|${candidate.slotId}`;
        const current = chosen.get(key);
        // Equal keys with different content: keep the same one whatever the input order.
        if (current === undefined || candidateJson(candidate) < candidateJson(current)) chosen.set(key, candidate);
      } else if (resource.resourceType === 'OperationOutcome') {
        for (const issue of arrayOf(resource.issue).filter(isRecord) as unknown as OperationOutcomeIssue[]) {
          if (typeof issue.severity === 'string' && typeof issue.code === 'string') issues.set(issueKey(issue), issue);
        }
      }
    }
  }
  for (const failure of failures ?? []) {
    const issue: OperationOutcomeIssue = {
      severity: 'warning', code: 'incomplete', details: { text: `PractitionerRole/${failure.practitionerRoleId}` }, diagnostics: failure.diagnostics, expression: ['practitionerRole'],
    };
    issues.set(issueKey(issue), issue);
  }
  const appointments = [...chosen.values()].sort(byCandidateOrder);
  const entry: BundleEntry<Appointment | OperationOutcome>[] = appointments.map((a) => (a.fullUrl === undefined
    ? { resource: a.appointment, search: { mode: 'match' } }
    : { fullUrl: a.fullUrl, resource: a.appointment, search: { mode: 'match' } }));
  if (issues.size > 0) {
    const sorted = [...issues.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, issue]) => issue);
    entry.push({ resource: { resourceType: 'OperationOutcome', issue: sorted }, search: { mode: 'outcome' } });
  }
  const profile = profiles.size === 1 ? JSON.parse([...profiles][0] as string) as string[] : [];
  return { resourceType: 'Bundle', ...(profile.length === 0 ? {} : { meta: { profile } }), type: 'searchset', total: appointments.length, entry };
}

/** Times grouped by practitioner (each list sorted by start), practitioners in first-free order. */
export function groupByPractitioner(times: readonly AvailableTime[]): Map<string, AvailableTime[]> {
  const groups = new Map<string, AvailableTime[]>();
  for (const time of [...times].sort(byStartThenPractitioner)) {
    const list = groups.get(time.practitionerRoleId);
    if (list === undefined) groups.set(time.practitionerRoleId, [time]);
    else list.push(time);
  }
  return groups;
}

/**
 * Unique start times (compared as instants, so `Z` and `+00:00` agree), each with every
 * practitioner free then, one time per practitioner in the order of `times` (the caller's preference).
 */
export function uniqueStartTimes(times: readonly AvailableTime[]): TimeOption[] {
  const options = new Map<number, { start: string; end: string; times: AvailableTime[]; practitioners: Set<string> }>();
  for (const time of times) {
    const at = instantOf(time.start);
    if (at === undefined) continue;
    const option = options.get(at);
    if (option === undefined) {
      options.set(at, { start: time.start, end: time.end, times: [time], practitioners: new Set([time.practitionerRoleId]) });
    } else if (!option.practitioners.has(time.practitionerRoleId)) {
      option.practitioners.add(time.practitionerRoleId);
      option.times.push(time);
    }
  }
  return [...options.entries()].sort(([a], [b]) => a - b).map(([, o]) => ({ start: o.start, end: o.end, times: o.times }));
}

/** Group by calendar day in `timeZone` (key YYYY-MM-DD), days ascending, items by start within a day. */
export function groupByDay<T extends { readonly start: string }>(items: readonly T[], timeZone: string): Map<string, T[]> {
  const dated = items
    .map((item) => ({ item, at: instantOf(item.start) }))
    .filter((d): d is { item: T; at: number } => d.at !== undefined)
    .sort((a, b) => a.at - b.at);
  const days = new Map<string, T[]>();
  for (const { item, at } of dated) {
    const key = localDate(at, timeZone);
    const list = days.get(key);
    if (list === undefined) days.set(key, [item]);
    else list.push(item);
  }
  return days;
}

/** Drop times that start before `now + minimumAdvanceBookingMinutes` (and unreadable ones). */
export function bookableTimes(times: readonly AvailableTime[], now: Date, minimumAdvanceBookingMinutes?: number): AvailableTime[] {
  return times.filter((t) => meetsMinimumNotice(instantOf(t.start) ?? Number.NaN, now, minimumAdvanceBookingMinutes));
}

/**
 * Start and end (ISO with offset) of the local week containing `day` (Monday 00:00 to the next
 * Monday 00:00) in `timeZone`. DST-safe: a week with a clock change is 167 or 169 hours long.
 * @example weekWindow(new Date('2026-03-31T12:00:00Z'), 'Europe/Stockholm')
 * // → { start: '2026-03-30T00:00:00+02:00', end: '2026-04-06T00:00:00+02:00' }
 */
export function weekWindow(day: Date, timeZone: string): { readonly start: string; readonly end: string } {
  const local = localParts(day.getTime(), timeZone);
  const weekday = new Date(Date.UTC(local.year, local.month - 1, local.day)).getUTCDay();
  const monday = new Date(Date.UTC(local.year, local.month - 1, local.day - ((weekday + 6) % 7)));
  const next = new Date(monday.getTime() + 7 * 86_400_000);
  const start = zonedInstant(monday.getUTCFullYear(), monday.getUTCMonth() + 1, monday.getUTCDate(), 0, 0, timeZone);
  const end = zonedInstant(next.getUTCFullYear(), next.getUTCMonth() + 1, next.getUTCDate(), 0, 0, timeZone);
  return { start: isoWithOffset(start, timeZone), end: isoWithOffset(end, timeZone) };
}
