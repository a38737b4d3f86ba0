/**
 * Test knobs (all off by default): latency added to each upstream call, injected failures, a fixed
 * clock, and counters of the calls received. Tests use {@link SandboxKnobs} in process; benchmarks
 * and end-to-end tests use the same knobs over HTTP under `/_sandbox` (see knob-routes.ts).
 * @module
 */
import type { Appointment } from '@itb/shared';

export type FaultKind = '500' | '503' | 'timeout' | 'drop';

export interface FaultSpec {
  readonly kind: FaultKind;
  /** How many matching calls fail (default 1; Infinity allowed). */
  readonly count?: number;
  /** Substring of the request (path, query or body), e.g. 'PractitionerRole/pr-anna-berg-sto' or '$find'. */
  readonly match?: string;
}

export interface SandboxKnobs {
  setLatency(ms: number): void;
  injectFault(fault: FaultSpec): void;
  setNow(now: Date | undefined): void;
  /** Clears faults, latency and the clock (back to the options) and restores the seed bookings. */
  reset(): void;
  /** Every stored booking, any patient (PortalAppointment). */
  bookings(): Appointment[];
  /** Upstream calls received whose path, query or body contains `match` (all when omitted). */
  requestCount(match?: string): number;
  /** The most API calls that were being answered at the same moment since the last `resetCounts()`. */
  peakConcurrency(): number;
  resetCounts(): void;
}

/** What the request pipeline reads and records. */
export interface KnobRuntime {
  readonly knobs: SandboxKnobs;
  now(): number;
  latencyMs(): number;
  /** Record a call and return the fault it must suffer, if any (consuming one of its count). */
  arrive(request: string): FaultKind | undefined;
  /** A call recorded by `arrive` has been answered (or its connection went away). */
  depart(): void;
}

interface ActiveFault {
  readonly kind: FaultKind;
  remaining: number;
  readonly match: string | undefined;
}

const FAULT_KINDS: readonly string[] = ['500', '503', 'timeout', 'drop'];

/** Check a fault from untrusted input (the HTTP knob); throws a readable Error when wrong. */
export function checkFault(value: unknown): FaultSpec {
  if (typeof value !== 'object' || value === null) throw new Error('fault must be an object');
  const { kind, count, match } = value as Record<string, unknown>;
  if (typeof kind !== 'string' || !FAULT_KINDS.includes(kind)) throw new Error(`fault.kind must be one of ${FAULT_KINDS.join(', ')}`);
  const parsedCount = count === undefined || count === null ? 1 : count === 'Infinity' ? Number.POSITIVE_INFINITY : count;
  if (typeof parsedCount !== 'number' || !(parsedCount >= 1) || (Number.isFinite(parsedCount) && !Number.isInteger(parsedCount))) {
    throw new Error('fault.count must be a positive integer or "Infinity"');
  }
  if (match !== undefined && typeof match !== 'string') throw new Error('fault.match must be a string');
  return { kind: kind as FaultKind, count: parsedCount, ...(match === undefined ? {} : { match }) };
}

export function createKnobRuntime(options: {
  latencyMs: number;
  now: (() => Date) | undefined;
  bookings: () => Appointment[];
  resetBookings: () => void;
}): KnobRuntime {
  let latency = options.latencyMs;
  let fixedNow: Date | undefined;
  let faults: ActiveFault[] = [];
  const counts = new Map<string, number>();
  let active = 0;
  let peak = 0;

  const knobs: SandboxKnobs = {
    setLatency(ms) {
      if (!Number.isFinite(ms) || ms < 0) throw new Error('latency must be a non-negative number of milliseconds');
      latency = ms;
    },
    injectFault(fault) {
      const checked = checkFault(fault);
      faults.push({ kind: checked.kind, remaining: checked.count ?? 1, match: checked.match });
    },
    setNow(now) {
      if (now !== undefined && Number.isNaN(now.getTime())) throw new Error('now must be a valid Date');
      fixedNow = now;
    },
    reset() {
      latency = options.latencyMs;
      fixedNow = undefined;
      faults = [];
      options.resetBookings();
    },
    bookings: options.bookings,
    requestCount(match) {
      let total = 0;
      for (const [request, count] of counts) if (match === undefined || request.includes(match)) total += count;
      return total;
    },
    peakConcurrency: () => peak,
    resetCounts() {
      counts.clear();
      peak = active;
    },
  };

  return {
    knobs,
    now: () => (fixedNow ?? options.now?.() ?? new Date()).getTime(),
    latencyMs: () => latency,
    arrive(request) {
      counts.set(request, (counts.get(request) ?? 0) + 1);
      active += 1;
      peak = Math.max(peak, active);
      const fault = faults.find((f) => f.remaining > 0 && (f.match === undefined || request.includes(f.match)));
      if (fault === undefined) return undefined;
      fault.remaining -= 1;
      faults = faults.filter((f) => f.remaining > 0);
      return fault.kind;
    },
    depart() {
      active = Math.max(0, active - 1);
    },
  };
}
