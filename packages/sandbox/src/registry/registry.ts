/**
 * The appointment registry stand-in (issue 20): one instance per sandbox, holding its tokens, its
 * pointers, its counters and its failure knobs. Its routes live in token-route.ts and
 * fhir-routes.ts, its HTTP knobs in registry-knob-routes.ts. Nothing here touches the ITB side's
 * faults, latency or counters: a test can break the registry and leave ITB alone, and the reverse.
 * @module
 */
import type { Appointment } from '@itb/shared';
import { checkFault, type FaultKind, type FaultSpec } from '../knobs.js';
import { createRegistryTokens, type RegistryTokens } from './client-credentials.js';
import { createPointerStore, type PointerStore } from './pointer-store.js';
import type { ResolvedRegistryOptions } from './registry-options.js';

/** Path prefixes on the sandbox's origin. */
export const REGISTRY_PREFIX = '/registry';
export const REGISTRY_TOKEN_PATH = `${REGISTRY_PREFIX}/oauth2/token`;
export const REGISTRY_FHIR_PATH = `${REGISTRY_PREFIX}/fhir`;

export interface RegistryCounts {
  /** Requests that reached the token endpoint, refused, faulted and down ones included. */
  readonly tokenRequests: number;
  /** Tokens issued. */
  readonly tokensIssued: number;
  /** FHIR write requests received, by method, refused, faulted and down ones included. */
  readonly writes: { readonly POST: number; readonly PUT: number };
  /** FHIR reads and searches received. */
  readonly reads: number;
  /** Pointers created (version 1 stored). */
  readonly created: number;
  /** Pointer updates stored (a new version). */
  readonly updated: number;
}

/** The registry's test knobs, in process. Over HTTP under `/_sandbox/registry`. */
export interface RegistryKnobs {
  /** Every stored pointer, oldest first. */
  appointments(): Appointment[];
  counts(): RegistryCounts;
  /** Fail the next `count` registry requests matching `match` (as `sandbox.knobs.injectFault`, registry only). */
  injectFault(fault: FaultSpec): void;
  /** While down, every registry request (token and FHIR) answers 503. */
  setDown(down: boolean): void;
  isDown(): boolean;
  /** Faults still waiting to strike (`count` left, summed). */
  pendingFaults(): number;
  /** Every issued token becomes invalid: the next FHIR call with one answers 401. */
  revokeTokens(): void;
  /** Clear pointers, tokens, faults, the down switch and the counters. */
  reset(): void;
}

/** The registry as `createSandbox` hands it out. */
export interface SandboxRegistry {
  /** e.g. `http://localhost:4010/registry/fhir`. */
  readonly fhirBase: string;
  /** e.g. `http://localhost:4010/registry/oauth2/token`. */
  readonly tokenUrl: string;
  /** The scope to request, by default `${fhirBase}/.default`. */
  readonly scope: string;
  readonly clientId: string;
  /** The first of `clientSecrets`. */
  readonly clientSecret: string;
  /** Every accepted secret. */
  readonly clientSecrets: readonly string[];
  readonly knobs: RegistryKnobs;
}

export type RegistryRequestKind = 'token' | 'read' | 'write';

/** What the registry's routes use. */
export interface RegistryRuntime {
  readonly tokens: RegistryTokens;
  readonly store: PointerStore;
  readonly knobs: RegistryKnobs;
  readonly clock: () => number;
  readonly clientId: string;
  /** Known once the sandbox listens. */
  fhirBase(): string;
  tokenUrl(): string;
  scope(): string;
  /** Count a request as it arrives; true when the registry is down. */
  arrive(kind: RegistryRequestKind, method: string): boolean;
  /** The injected fault this request suffers, if any (consuming one of its count). */
  fault(request: string): FaultKind | undefined;
  recordIssued(): void;
  recordStored(how: 'created' | 'updated'): void;
  /** Fix the URLs once the port is known. */
  listen(origin: string): SandboxRegistry;
}

interface ActiveFault {
  readonly kind: FaultKind;
  remaining: number;
  readonly match: string | undefined;
}

const zeroCounts = () => ({ tokenRequests: 0, tokensIssued: 0, writes: { POST: 0, PUT: 0 }, reads: 0, created: 0, updated: 0 });

export function createRegistry(options: ResolvedRegistryOptions): RegistryRuntime {
  let origin: string | undefined;
  const at = (path: string): string => {
    if (origin === undefined) throw new Error('the sandbox is not listening yet');
    return `${origin}${path}`;
  };
  const fhirBase = () => at(REGISTRY_FHIR_PATH);
  const tokenUrl = () => at(REGISTRY_TOKEN_PATH);
  const scope = () => options.scope ?? `${fhirBase()}/.default`;
  const tokens = createRegistryTokens({ clientId: options.clientId, clientSecrets: options.clientSecrets, scope, ttlSeconds: options.tokenTtlSeconds, clock: options.clock });
  const store = createPointerStore(options.clock);
  let counts = zeroCounts();
  let faults: ActiveFault[] = [];
  let down = false;

  const knobs: RegistryKnobs = {
    appointments: () => store.all(),
    counts: () => structuredClone(counts),
    injectFault(fault) {
      const checked = checkFault(fault);
      faults.push({ kind: checked.kind, remaining: checked.count ?? 1, match: checked.match });
    },
    setDown(value) {
      if (typeof value !== 'boolean') throw new Error('down must be true or false');
      down = value;
    },
    isDown: () => down,
    pendingFaults: () => faults.reduce((sum, f) => sum + f.remaining, 0),
    revokeTokens: () => tokens.revokeAll(),
    reset() {
      store.clear();
      tokens.revokeAll();
      faults = [];
      down = false;
      counts = zeroCounts();
    },
  };

  return {
    tokens,
    store,
    knobs,
    clock: options.clock,
    clientId: options.clientId,
    fhirBase,
    tokenUrl,
    scope,
    arrive(kind, method) {
      if (kind === 'token') counts.tokenRequests += 1;
      else if (kind === 'read') counts.reads += 1;
      else if (method === 'POST' || method === 'PUT') counts.writes[method] += 1;
      return down;
    },
    fault(request) {
      const fault = faults.find((f) => f.remaining > 0 && (f.match === undefined || request.includes(f.match)));
      if (fault === undefined) return undefined;
      fault.remaining -= 1;
      faults = faults.filter((f) => f.remaining > 0);
      return fault.kind;
    },
    recordIssued() {
      counts.tokensIssued += 1;
    },
    recordStored(how) {
      counts[how] += 1;
    },
    listen(listening) {
      origin = listening;
      return {
        fhirBase: fhirBase(),
        tokenUrl: tokenUrl(),
        scope: scope(),
        clientId: options.clientId,
        clientSecret: options.clientSecrets[0] ?? '',
        clientSecrets: [...options.clientSecrets],
        knobs,
      };
    },
  };
}
