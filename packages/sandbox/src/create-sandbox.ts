/**
 * `createSandbox(options)`: build the ITB stand-in, listen, start the patient IdP under `/oidc`,
 * and hand back the URLs, the knobs and `close()`.
 * @module
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { outcome, type Appointment } from '@itb/shared';
import { createSystemTokens } from './auth/system-token.js';
import { buildBooking } from './fhir/resources/appointment.js';
import type { FhirContext } from './fhir/dialect.js';
import type { SandboxServices } from './fhir/services.js';
import { apiRoutes } from './http/api-routes.js';
import { FHIR_JSON, installErrorHandling } from './http/errors.js';
import { knobRoutes } from './http/knob-routes.js';
import { createKnobRuntime, type SandboxKnobs } from './knobs.js';
import { createPatientIdp, type PatientIdp } from './oidc/patient-idp.js';
import { resolveOptions, type SandboxOptions } from './options.js';
import { registryFhirRoutes } from './registry/fhir-routes.js';
import { createRegistry, REGISTRY_FHIR_PATH, REGISTRY_PREFIX, type SandboxRegistry } from './registry/registry.js';
import { registryKnobRoutes } from './registry/registry-knob-routes.js';
import { registryTokenRoute } from './registry/token-route.js';
import { seedBookings } from './seed/bookings.js';
import { buildCatalog } from './seed/catalog.js';
import { createSlotEngine } from './slots/slot-engine.js';
import { createBookingStore } from './store.js';

export interface Sandbox {
  /** e.g. `http://localhost:4010`. */
  readonly origin: string;
  /** `${origin}/demo/1.0/R4`. */
  readonly apiBase: string;
  /** `${apiBase}/fhir`. */
  readonly fhirBase: string;
  /** `${apiBase}/auth/system-token`. */
  readonly systemTokenUrl: string;
  /** `${origin}/oidc`. */
  readonly issuer: string;
  readonly apiKey: string;
  readonly knobs: SandboxKnobs;
  /** The appointment registry stand-in under `${origin}/registry`: its URLs, client and knobs. */
  readonly registry: SandboxRegistry;
  close(): Promise<void>;
}

const OIDC_PREFIX = '/oidc';

function isOidcPath(url: string | undefined): boolean {
  return url !== undefined && (url === OIDC_PREFIX || url.startsWith(`${OIDC_PREFIX}/`) || url.startsWith(`${OIDC_PREFIX}?`));
}

function hostForUrl(host: string): string {
  return host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
}

/**
 * `localhost` may resolve to 127.0.0.1 only (as on this machine) or to ::1 only; clients pick
 * either, so bind whichever loopback Fastify left out. Where a family is unavailable, skip it.
 */
async function bindMissingLoopbacks(bound: readonly (AddressInfo | string)[], port: number, dispatch: (req: IncomingMessage, res: ServerResponse) => void): Promise<Server[]> {
  const servers: Server[] = [];
  for (const address of ['127.0.0.1', '::1']) {
    if (bound.some((b) => typeof b !== 'string' && b.address === address)) continue;
    const server = createServer(dispatch);
    const ok = await new Promise<boolean>((resolve) => {
      server.once('error', () => resolve(false));
      server.listen({ port, host: address }, () => resolve(true));
    });
    if (ok) servers.push(server);
  }
  return servers;
}

async function closeAll(app: FastifyInstance, extra: readonly Server[]): Promise<void> {
  for (const server of extra) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  await app.close();
}

/**
 * Start a sandbox.
 * @example
 * const sandbox = await createSandbox({ port: 0 });
 * const token = await fetch(sandbox.systemTokenUrl, { method: 'POST', headers: { 'X-ApiKey': sandbox.apiKey } });
 * await sandbox.close();
 */
export async function createSandbox(options: SandboxOptions = {}): Promise<Sandbox> {
  const settings = resolveOptions(options);
  const catalog = buildCatalog();
  const engine = createSlotEngine();
  const store = createBookingStore();
  const registry = createRegistry(settings.registry);
  let ctx: FhirContext | undefined;
  let idp: PatientIdp | undefined;

  const currentCtx = (): FhirContext => {
    if (ctx === undefined) throw new Error('the sandbox is not listening yet');
    return ctx;
  };
  const runtime = createKnobRuntime({
    latencyMs: settings.latencyMs,
    now: settings.now,
    bookings: (): Appointment[] => store.all().map((b) => buildBooking(currentCtx(), b, runtime.now())),
    resetBookings: () => {
      store.reset(seedBookings(catalog, engine, runtime.now()));
      // The registry's pointers name bookings, so they go with them: no pointer outlives its booking.
      registry.knobs.reset();
    },
  });
  store.reset(seedBookings(catalog, engine, runtime.now()));
  const services: SandboxServices = {
    catalog,
    engine,
    store,
    tokens: createSystemTokens({ apiKey: settings.apiKey, ttlSeconds: settings.systemTokenTtlSeconds, ...(settings.systemTokenClock === undefined ? {} : { clock: settings.systemTokenClock }) }),
    runtime,
    ctx: currentCtx,
    idp: () => idp,
  };

  let dispatch: ((req: IncomingMessage, res: ServerResponse) => void) | undefined;
  const app = Fastify({
    logger: settings.logger,
    forceCloseConnections: true,
    bodyLimit: 256 * 1024,
    // The router's own errors (a malformed percent-escape in the path) in our shape too.
    frameworkErrors: (_error, _request, reply) => {
      void (reply as unknown as FastifyReply).code(400).type(FHIR_JSON).send(outcome('invalid-parameter', 'The request URL is malformed.'));
    },
    // The IdP gets every /oidc request before Fastify sees it, untouched (oidc-provider is a Koa app).
    serverFactory: (handler) => {
      dispatch = (req, res) => {
        if (!isOidcPath(req.url)) {
          handler(req, res);
        } else if (idp === undefined) {
          res.writeHead(503, { 'content-type': FHIR_JSON }).end(JSON.stringify(outcome('upstream-unavailable', 'The OpenID provider is starting.')));
        } else {
          idp.handle(req, res);
        }
      };
      return createServer(dispatch);
    },
  });
  installErrorHandling(app);
  await app.register(knobRoutes, { prefix: '/_sandbox', services });
  await app.register(apiRoutes, { prefix: `/${settings.tenant}/1.0/R4`, services });
  await app.register(registryKnobRoutes, { prefix: `/_sandbox${REGISTRY_PREFIX}`, registry });
  await app.register(registryTokenRoute, { prefix: `${REGISTRY_PREFIX}/oauth2`, registry });
  await app.register(registryFhirRoutes, { prefix: REGISTRY_FHIR_PATH, registry });
  await app.listen({ port: settings.port, host: settings.host });

  const { port } = app.server.address() as AddressInfo;
  const extraServers = settings.host === 'localhost' && dispatch !== undefined ? await bindMissingLoopbacks(app.addresses(), port, dispatch) : [];
  const origin = `http://${hostForUrl(settings.publicHost)}:${port}`;
  const registryUrls = registry.listen(origin);
  const apiBase = `${origin}/${settings.tenant}/1.0/R4`;
  ctx = { fhirBase: `${apiBase}/fhir`, strict: settings.strict, catalog };
  const issuer = `${origin}${OIDC_PREFIX}`;
  try {
    idp = await createPatientIdp({ issuer, clients: settings.oidcClients, accessTokenTtlSeconds: settings.accessTokenTtlSeconds });
  } catch (error) {
    await closeAll(app, extraServers);
    throw error;
  }

  return {
    origin,
    apiBase,
    fhirBase: `${apiBase}/fhir`,
    systemTokenUrl: `${apiBase}/auth/system-token`,
    issuer,
    apiKey: settings.apiKey,
    knobs: runtime.knobs,
    registry: registryUrls,
    close: () => closeAll(app, extraServers),
  };
}
