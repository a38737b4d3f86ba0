/**
 * The ITB client of one BFF instance (`app.upstream`). Every call has a deadline of
 * config.upstreamTimeoutMs (retries included, so the browser hears back within it); idempotent
 * reads may be retried with backoff; every failure becomes an OutcomeError in one function
 * ({@link failure}), and neither the API key nor any token ever reaches an error or a log line.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { OutcomeError, isOutcomeError } from '../errors.js';
import { createSystemTokenSource, type SystemTokenSource } from './system-token.js';
import { BodyTooLargeError, createTransport, type TransportResponse } from './upstream-transport.js';
import { createLimiter } from '../limit.js';
import { operationOf } from './telemetry.js';

/** One upstream call. */
export interface UpstreamRequestOptions {
  readonly method?: 'GET' | 'POST';
  /** Relative to the FHIR base, raw (unencoded) segments: 'Appointment/$book', `HealthcareService/${id}`. */
  readonly path: string;
  readonly query?: Readonly<Record<string, string | readonly string[] | undefined>>;
  readonly body?: unknown;
  /** The system token, or a patient's access token. */
  readonly auth: 'system' | { readonly bearer: string };
  /** The caller's deadline or cancellation (the browser request's one deadline); aborting it is a 504. */
  readonly signal?: AbortSignal;
  /** Retry network errors, 5xx and timeouts (GET only, at most twice, within the deadline). */
  readonly retry?: boolean;
}

/** An upstream answer: 2xx, or a 4xx whose FHIR body (usually an OperationOutcome) the caller reads. */
export interface UpstreamResponse<T> {
  readonly status: number;
  /** Parsed JSON; `undefined` for an empty or non-JSON 4xx body. */
  readonly body: T;
  readonly headers: Headers;
}

/** `app.upstream`. */
export interface UpstreamClient {
  /**
   * Call ITB. Resolves for 2xx and 4xx (never throws for a FHIR 4xx such as `$book`'s 409/422);
   * throws OutcomeError for network errors and 5xx ('upstream-unavailable' 502), the deadline
   * ('upstream-timeout' 504) and unreadable 2xx bodies ('upstream-invalid' 502).
   */
  request<T = unknown>(options: UpstreamRequestOptions): Promise<UpstreamResponse<T>>;
  /** A valid system token (readiness checks). */
  systemToken(signal?: AbortSignal): Promise<string>;
  /** Close pooled connections (on shutdown). */
  close(): void;
}

/** Options of {@link createUpstreamClient}. */
export interface UpstreamClientOptions {
  readonly fhirBase: string;
  readonly tokenUrl: string;
  readonly apiKey: string;
  readonly timeoutMs: number;
  /** Upstream calls in flight at once over everything this client does (default unlimited). */
  readonly maxInFlight?: number;
  /** Largest answer read; a larger one is 'upstream-invalid' (default unlimited). */
  readonly maxBodyBytes?: number;
  /** Epoch ms for the token cache; injectable for tests. */
  readonly clock?: () => number;
  readonly log?: { debug(obj: object, msg: string): void; warn(obj: object, msg: string): void };
  /** Told of every call once it ends (retries included): its path and method, outcome and duration. */
  readonly onCall?: (call: { path: string; method: string; outcome: string; seconds: number }) => void;
}

declare module 'fastify' {
  interface FastifyInstance {
    upstream: UpstreamClient;
  }
}

const MAX_RETRIES = 2;
const BACKOFF_MS = 100;

/** Encode a relative path: each segment percent-encoded (ids contain ':'), `$operation` kept literal. */
export function encodePath(path: string): string {
  return path.split('/').map((segment) => {
    if (segment === '' || segment === '.' || segment === '..') {
      throw new OutcomeError('invalid-parameter', 'Invalid resource id.');
    }
    return segment.startsWith('$') ? `$${encodeURIComponent(segment.slice(1))}` : encodeURIComponent(segment);
  }).join('/');
}

/**
 * The upstream URL. `path` is only a path: a `?` or `#` in it (say, in an id a browser sent) is
 * encoded as part of its segment, never read as a query, so parameters come only from `query`.
 */
function buildUrl(fhirBase: string, path: string, query: UpstreamRequestOptions['query']): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === undefined) continue;
    for (const item of typeof value === 'string' ? [value] : value) params.append(name, item);
  }
  const search = params.toString();
  return `${fhirBase}/${encodePath(path)}${search === '' ? '' : `?${search}`}`;
}

type FailureKind = 'network' | 'timeout' | 'server' | 'invalid' | 'unauthorized';

/** The one translation of upstream failures into coded errors. `what` names the call without its query. */
export function failure(kind: FailureKind, what: string, cause?: unknown, status?: number): OutcomeError {
  const detail = new Error(`${what} ${kind}${status === undefined ? '' : ` (${status})`}`, cause === undefined ? undefined : { cause });
  switch (kind) {
    case 'timeout': return new OutcomeError('upstream-timeout', 'The booking system did not answer in time.', { cause: detail });
    case 'invalid': return new OutcomeError('upstream-invalid', 'The booking system sent an unreadable answer.', { cause: detail });
    case 'unauthorized': return new OutcomeError('upstream-unavailable', 'The booking system is unavailable.', { cause: detail });
    default: return new OutcomeError('upstream-unavailable', 'The booking system is unavailable.', { cause: detail });
  }
}

function isRetryable(error: OutcomeError): boolean {
  return error.reason === 'upstream-unavailable' || error.reason === 'upstream-timeout';
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => { clearTimeout(timer); resolve(); }, { once: true });
  });
}

/** Build the client. Tokens are cached inside; nothing is fetched until the first call. */
export function createUpstreamClient(options: UpstreamClientOptions): UpstreamClient {
  const tokens: SystemTokenSource = createSystemTokenSource({
    tokenUrl: options.tokenUrl,
    apiKey: options.apiKey,
    timeoutMs: options.timeoutMs,
    ...(options.clock === undefined ? {} : { clock: options.clock }),
  });

  const transport = createTransport({ maxBodyBytes: options.maxBodyBytes ?? Number.POSITIVE_INFINITY });
  // One queue for every upstream exchange: a burst of anonymous requests waits its turn (within
  // its own deadline) instead of opening ever more connections to ITB.
  const inFlight = createLimiter(options.maxInFlight ?? Number.MAX_SAFE_INTEGER);

  async function attempt<T>(req: UpstreamRequestOptions, url: string, what: string, deadline: AbortSignal, allowRefresh: boolean): Promise<UpstreamResponse<T>> {
    const signal = req.signal === undefined ? deadline : AbortSignal.any([deadline, req.signal]);
    let bearer: string;
    try {
      bearer = req.auth === 'system' ? await tokens.get(signal) : req.auth.bearer;
    } catch (error) {
      if (isOutcomeError(error)) throw error;
      throw failure(signal.aborted ? 'timeout' : 'network', `${what} token`, error);
    }
    const method = req.method ?? 'GET';
    const headers: Record<string, string> = { Accept: 'application/fhir+json', Authorization: `Bearer ${bearer}` };
    if (req.body !== undefined) headers['Content-Type'] = 'application/fhir+json';
    let response: TransportResponse;
    try {
      response = await inFlight(() => transport.send(url, { method, headers, signal, ...(req.body === undefined ? {} : { body: JSON.stringify(req.body) }) }), signal);
    } catch (error) {
      if (error instanceof BodyTooLargeError) throw failure('invalid', what, error);
      throw failure(signal.aborted ? 'timeout' : 'network', what, error);
    }
    if (response.status === 401 && req.auth === 'system') {
      tokens.invalidate(bearer);
      if (allowRefresh) {
        options.log?.debug({ call: what }, 'system token refused upstream; refreshing once');
        return attempt<T>(req, url, what, deadline, false);
      }
      throw failure('unauthorized', what, undefined, 401);
    }
    if (response.status >= 500) throw failure('server', what, undefined, response.status);
    const ok = response.status >= 200 && response.status < 300;
    let body: unknown;
    // Parsed once, straight from the text; a blank body (no JSON) stays undefined.
    if (response.text !== '') {
      try {
        body = JSON.parse(response.text);
      } catch (error) {
        if (ok && response.text.trim() !== '') throw failure('invalid', what, error, response.status);
      }
    }
    if (ok && (typeof body !== 'object' || body === null)) throw failure('invalid', what, undefined, response.status);
    if (response.status < 200 || (response.status >= 300 && response.status < 400)) throw failure('invalid', what, undefined, response.status);
    return { status: response.status, body: body as T, headers: response.headers };
  }

  /** Tell `onCall` how `call` ended: the status class of an answer, or our reason for a failure. */
  function report<R extends { status: number }>(req: UpstreamRequestOptions, method: string, started: bigint, call: Promise<R>): Promise<R> {
    if (options.onCall === undefined) return call;
    const done = (outcome: string): void => options.onCall?.({ path: req.path, method, outcome, seconds: Number(process.hrtime.bigint() - started) / 1e9 });
    call.then((answer) => done(`${Math.floor(answer.status / 100)}xx`), (error: unknown) => done(isOutcomeError(error) ? error.reason : 'network'));
    return call;
  }

  return {
    request<T>(req: UpstreamRequestOptions): Promise<UpstreamResponse<T>> {
      const method = req.method ?? 'GET';
      return report(req, method, process.hrtime.bigint(), requestWithRetries<T>(req, method));
    },
    systemToken(signal) {
      return tokens.get(signal);
    },
    close() {
      transport.close();
    },
  };

  async function requestWithRetries<T>(req: UpstreamRequestOptions, method: string): Promise<UpstreamResponse<T>> {
    const url = buildUrl(options.fhirBase, req.path, req.query);
    const what = `${method} ${req.path.split('?')[0]}`;
    const started = Date.now();
    const deadline = AbortSignal.timeout(options.timeoutMs);
    const retries = req.retry === true && method === 'GET' ? MAX_RETRIES : 0;
    for (let tryNo = 0; ; tryNo += 1) {
      try {
        return await attempt<T>(req, url, what, deadline, true);
      } catch (error) {
        const mapped = isOutcomeError(error) ? error : failure('network', what, error);
        const backoff = BACKOFF_MS * 2 ** tryNo * (0.5 + Math.random());
        const remaining = options.timeoutMs - (Date.now() - started);
        if (tryNo >= retries || !isRetryable(mapped) || deadline.aborted || req.signal?.aborted === true || remaining < backoff + 50) throw mapped;
        options.log?.debug({ call: what, reason: mapped.reason, try: tryNo + 1 }, 'retrying upstream read');
        await sleep(backoff, req.signal === undefined ? deadline : AbortSignal.any([deadline, req.signal]));
      }
    }
  }
}

/** Registers `app.upstream` from `app.config`. */
export const upstreamPlugin = fp(async (app: FastifyInstance) => {
  const client = createUpstreamClient({
    fhirBase: app.config.upstreamFhirUrl,
    tokenUrl: app.config.upstreamTokenUrl,
    apiKey: app.config.apiKey,
    timeoutMs: app.config.upstreamTimeoutMs,
    maxInFlight: app.config.upstreamMaxInFlight,
    maxBodyBytes: app.config.upstreamMaxBodyBytes,
    log: app.log,
    onCall: ({ path, method, outcome, seconds }) => app.telemetry.upstream(operationOf(path, method), outcome, seconds),
  });
  app.decorate('upstream', client);
  app.addHook('onClose', async () => client.close());
}, { fastify: '5.x', name: 'itb-upstream', dependencies: ['itb-telemetry'] });
