/**
 * Structured logs (pino) that never carry personal data or secrets: headers with credentials and
 * known personal/secret fields are redacted, personal-number-like digit runs in messages are
 * scrubbed, and request lines carry method, route pattern, status, duration and request id only —
 * never a URL with its query string (auth callbacks carry codes) and never a body.
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import fp from 'fastify-plugin';
import type { DestinationStream, LoggerOptions } from 'pino';
import type { BffConfig } from './config.js';

/** Field names whose values are secrets or personal data wherever they appear (up to 3 levels deep). */
const SENSITIVE_FIELDS = [
  'authorization', 'cookie', 'set-cookie', 'x-apikey', 'apiKey', 'api_key', 'apikey',
  'token', 'access_token', 'refresh_token', 'id_token', 'accessToken', 'refreshToken', 'idToken', 'systemToken', 'bearer',
  'password', 'secret', 'clientSecret', 'client_secret', 'code_verifier', 'codeVerifier', 'sessionKeys',
  'personalNumber', 'personnummer', 'pnr', 'ssn', 'identifier',
  'given', 'family', 'givenName', 'familyName', 'patientName', 'displayName',
  'phone', 'mobile', 'mobilePhone', 'telecom', 'email', 'birthDate',
];
/** `name` is only personal under these containers (err.name must stay readable). */
const NAME_CONTAINERS = ['patient', 'session', 'identity', 'user', 'claims', 'contact'];

function bracket(field: string): string {
  return /^[A-Za-z_$][\w$]*$/.test(field) ? `.${field}` : `["${field}"]`;
}

/** Every redaction path, built from the field lists above. */
export function redactPaths(): string[] {
  const paths: string[] = [];
  for (const field of SENSITIVE_FIELDS) {
    const tail = bracket(field);
    paths.push(tail.startsWith('.') ? tail.slice(1) : tail, `*${tail}`, `*.*${tail}`, `*.*.*${tail}`);
  }
  for (const container of NAME_CONTAINERS) paths.push(`${container}.name`, `*.${container}.name`);
  return paths;
}

// Swedish/Norwegian personal numbers: 10–12 digits with an optional separator.
const PERSONAL_NUMBER = /\b(\d{6}|\d{8})[-+]?\d{4,5}\b/g;

/** Replace personal-number-like digit runs in a log message. */
export function scrubText(text: string): string {
  return text.replace(PERSONAL_NUMBER, '[redacted-number]');
}

/** Extra logger settings a caller (tests, the CLI) may pass to createBff. */
export interface LoggerSettings {
  readonly level?: string;
  /** Where lines go (default stdout). Tests pass a capturing stream. */
  readonly stream?: DestinationStream;
}

/** Pino options for the BFF: level from config, redaction, scrubbing, minimal serializers. */
export function loggerOptions(config: Pick<BffConfig, 'logLevel'>, settings: LoggerSettings = {}): LoggerOptions & { stream?: DestinationStream } {
  return {
    level: settings.level ?? config.logLevel,
    redact: { paths: redactPaths(), censor: '[redacted]' },
    hooks: {
      logMethod(args, method) {
        method.apply(this, args.map((arg) => (typeof arg === 'string' ? scrubText(arg) : arg)) as Parameters<typeof method>);
      },
    },
    serializers: {
      // Fastify's default req serializer logs the URL (with its query string); we log the route instead.
      req: (req: { method?: string; routeOptions?: { url?: string } }) => ({ method: req.method, route: req.routeOptions?.url ?? 'unmatched' }),
      res: (res: { statusCode?: number }) => ({ status: res.statusCode }),
      err: (err: unknown) => serializeError(err),
    },
    ...(settings.stream === undefined ? {} : { stream: settings.stream }),
  };
}

/** Name, code, message and the cause chain (messages scrubbed); stack only at debug-friendly depth. */
function serializeError(err: unknown, depth = 0): Record<string, unknown> {
  if (!(err instanceof Error)) return { message: scrubText(String(err)) };
  const out: Record<string, unknown> = { type: err.name, message: scrubText(err.message) };
  const code = (err as { code?: unknown }).code;
  if (typeof code === 'string') out['code'] = code;
  const reason = (err as { reason?: unknown }).reason;
  if (typeof reason === 'string') out['reason'] = reason;
  if (err.stack !== undefined) out['stack'] = scrubText(err.stack);
  if (err.cause !== undefined && depth < 3) out['cause'] = serializeError(err.cause, depth + 1);
  return out;
}

const INCOMING_ID = /^[A-Za-z0-9._:-]{8,64}$/;

/** Request id: a well-formed incoming X-Request-Id (from the reverse proxy) or a fresh UUID. */
export function genRequestId(req: IncomingMessage): string {
  const incoming = req.headers['x-request-id'];
  return typeof incoming === 'string' && INCOMING_ID.test(incoming) ? incoming : randomUUID();
}

/** Fastify server options for logging and request ids. */
export function loggingServerOptions(config: BffConfig, logger: boolean | LoggerSettings | undefined): Pick<FastifyServerOptions, 'logger' | 'genReqId'> {
  const enabled = logger !== false && logger !== undefined;
  return {
    logger: enabled ? loggerOptions(config, logger === true ? {} : logger) : false,
    genReqId: genRequestId,
  };
}

/** One info line per finished request: method, route pattern, status, duration (reqId is bound by Fastify). */
export const requestLoggingPlugin = fp(async (app: FastifyInstance) => {
  app.addHook('onSend', async (request, reply) => {
    reply.header('X-Request-Id', request.id);
  });
  app.addHook('onResponse', async (request, reply) => {
    request.log.info({
      method: request.method,
      route: request.routeOptions.url ?? 'unmatched',
      status: reply.statusCode,
      durationMs: Math.round(reply.elapsedTime),
    }, 'request completed');
  });
}, { fastify: '5.x', name: 'itb-request-logging' });
