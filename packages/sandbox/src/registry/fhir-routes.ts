/**
 * The registry's FHIR R4 surface under `/registry/fhir`: `Appointment` create (with
 * `If-None-Exist`), update by id or by search (conditional update, R4 §3.1.0.4.3), read, vread and
 * search by identifier, patient identifier or actor identifier. JSON only; every request needs a
 * bearer token from the registry's token endpoint.
 *
 * A conditional write must carry what it is conditional on (as HAPI FHIR insists): a pointer
 * created under `?identifier=s|v` without that identifier would not be found by the retry, which
 * would then create a second pointer.
 * @module
 */
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { outcome, type Appointment, type Bundle } from '@itb/shared';
import { FhirError, invalid } from '../http/fhir-error.js';
import { FHIR_JSON } from '../http/errors.js';
import { checkPointer, type ShapeIssue } from './pointer-shape.js';
import { matches, readCriteria, readCriteriaText, SearchError, type Criterion } from './pointer-search.js';
import { createRegistryGate } from './registry-gate.js';
import { REGISTRY_FHIR_PATH, type RegistryRuntime } from './registry.js';

type Params = { id: string; vid?: string };

/** 400 listing every issue, each with the FHIRPath of its element. */
function invalidPointer(issues: readonly ShapeIssue[]): FhirError {
  const error = invalid(issues[0]?.diagnostics ?? 'The Appointment is not valid.');
  const [template] = error.outcome.issue;
  error.outcome.issue = issues.map((issue) => ({ ...template, severity: 'error', code: 'invalid', diagnostics: issue.diagnostics, expression: [issue.expression] }));
  return error;
}

function preconditionFailed(diagnostics: string): FhirError {
  return new FhirError('idempotency-conflict', diagnostics, { status: 412 });
}

function searchOf(read: () => Criterion[]): Criterion[] {
  try {
    return read();
  } catch (error) {
    if (error instanceof SearchError) throw invalid(error.message);
    throw error;
  }
}

/** A conditional write's search: at least one criterion, or it would match everything. */
function conditionOf(read: () => Criterion[], what: string): Criterion[] {
  const criteria = searchOf(read);
  if (criteria.length === 0) throw invalid(`${what} needs search parameters, e.g. identifier=<system>|<value>.`);
  return criteria;
}

function validPointer(body: unknown): Appointment {
  const issues = checkPointer(body);
  if (issues.length > 0) throw invalidPointer(issues);
  return body as Appointment;
}

function mustSatisfy(resource: Appointment, criteria: readonly Criterion[], what: string): void {
  if (!matches(resource, criteria)) {
    throw invalidPointer([{ expression: 'Appointment.identifier', diagnostics: `The Appointment does not match the ${what} it is sent with, so a retry would not find it; give it the identifier you search by.` }]);
  }
}

function ifMatch(request: FastifyRequest, found: Appointment): void {
  const header = request.headers['if-match'];
  if (header === undefined) return;
  const wanted = /^(?:W\/)?"([^"]*)"$/.exec(header.trim())?.[1];
  if (wanted !== found.meta?.versionId) throw preconditionFailed(`If-Match ${header} does not name the current version (${found.meta?.versionId ?? 'none'}).`);
}

export async function registryFhirRoutes(app: FastifyInstance, options: { registry: RegistryRuntime }): Promise<void> {
  const { registry } = options;
  app.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  const gate = createRegistryGate(registry, 'fhir');
  app.addHook('onRequest', gate.onRequest);
  // Authentication before the body is read, as a real server does: no token, no parsing.
  app.addHook('onRequest', async (request, reply) => {
    const token = /^Bearer\s+(\S+)\s*$/i.exec(request.headers.authorization ?? '')?.[1];
    const state = token === undefined ? undefined : registry.tokens.check(token);
    if (state === 'valid') return;
    const diagnostics = state === undefined
      ? 'A bearer token from the registry\'s token endpoint is required (Authorization: Bearer <token>).'
      : 'The access token is unknown, expired or revoked; get a new one from the token endpoint.';
    const challenge = state === undefined ? 'Bearer realm="registry"' : 'Bearer realm="registry", error="invalid_token"';
    await reply.code(401).header('www-authenticate', challenge).type(FHIR_JSON).send(outcome('login-required', diagnostics));
  });
  app.addHook('preHandler', gate.preHandler);

  const url = (resource: Appointment) => `${registry.fhirBase()}/Appointment/${resource.id ?? ''}`;
  const send = (reply: FastifyReply, status: 200 | 201, resource: Appointment) => {
    const version = resource.meta?.versionId ?? '1';
    reply.code(status).type(FHIR_JSON).header('etag', `W/"${version}"`);
    if (resource.meta?.lastUpdated !== undefined) reply.header('last-modified', new Date(resource.meta.lastUpdated).toUTCString());
    if (status === 201) reply.header('location', `${url(resource)}/_history/${version}`);
    return reply.send(resource);
  };
  const create = (resource: Appointment): Appointment => {
    registry.recordStored('created');
    return registry.store.create(resource);
  };
  const update = (id: string, resource: Appointment): Appointment | undefined => {
    const stored = registry.store.update(id, resource);
    if (stored !== undefined) registry.recordStored('updated');
    return stored;
  };

  app.post('/Appointment', async (request, reply) => {
    const resource = validPointer(request.body);
    const condition = request.headers['if-none-exist'];
    if (condition === undefined) return send(reply, 201, create(resource));
    if (typeof condition !== 'string') throw invalid('Send If-None-Exist once.');
    const criteria = conditionOf(() => readCriteriaText(condition), 'If-None-Exist');
    const found = registry.store.search(criteria);
    if (found.length > 1) throw preconditionFailed(`If-None-Exist matches ${found.length} Appointments; it must name at most one.`);
    if (found[0] !== undefined) return send(reply, 200, found[0]);
    mustSatisfy(resource, criteria, 'If-None-Exist condition');
    return send(reply, 201, create(resource));
  });

  app.put('/Appointment', async (request, reply) => {
    const criteria = conditionOf(() => readCriteria(request.query as Record<string, unknown>), 'A conditional update');
    const resource = validPointer(request.body);
    const found = registry.store.search(criteria);
    if (found.length > 1) throw preconditionFailed(`The search matches ${found.length} Appointments; a conditional update must match at most one.`);
    const match = found[0];
    if (match === undefined) {
      if (resource.id !== undefined) throw invalidPointer([{ expression: 'Appointment.id', diagnostics: 'Nothing matches and the registry assigns ids itself: leave id out.' }]);
      mustSatisfy(resource, criteria, 'search');
      return send(reply, 201, create(resource));
    }
    if (resource.id !== undefined && resource.id !== match.id) throw invalidPointer([{ expression: 'Appointment.id', diagnostics: `id ${resource.id} differs from the matching Appointment's id ${match.id ?? ''}.` }]);
    ifMatch(request, match);
    return send(reply, 200, update(match.id ?? '', resource) ?? match);
  });

  app.put('/Appointment/:id', async (request, reply) => {
    const { id } = request.params as Params;
    const resource = validPointer(request.body);
    if (resource.id !== id) throw invalidPointer([{ expression: 'Appointment.id', diagnostics: `The body's id must be the id in the URL (${id}).` }]);
    const current = registry.store.read(id);
    if (current === undefined) {
      throw new FhirError('not-found', `Appointment/${id} does not exist, and the registry assigns ids itself (no update as create): POST it or use a conditional update.`, { status: 405 });
    }
    ifMatch(request, current);
    return send(reply, 200, update(id, resource) ?? current);
  });

  app.get('/Appointment/:id', async (request, reply) => {
    const { id } = request.params as Params;
    const found = registry.store.read(id);
    if (found === undefined) throw new FhirError('not-found', `Appointment/${id} is not known.`, { status: 404 });
    return send(reply, 200, found);
  });

  app.get('/Appointment/:id/_history/:vid', async (request, reply) => {
    const { id, vid } = request.params as Params;
    const found = registry.store.readVersion(id, vid ?? '');
    if (found === undefined) throw new FhirError('not-found', `Appointment/${id}/_history/${vid ?? ''} is not known.`, { status: 404 });
    return send(reply, 200, found);
  });

  app.get('/Appointment', async (request, reply) => {
    const found = registry.store.search(searchOf(() => readCriteria(request.query as Record<string, unknown>)));
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      total: found.length,
      link: [{ relation: 'self', url: `${registry.fhirBase()}${request.url.slice(REGISTRY_FHIR_PATH.length)}` }],
      entry: found.map((resource) => ({ fullUrl: url(resource), resource, search: { mode: 'match' } })),
    };
    return reply.type(FHIR_JSON).send(bundle);
  });
}
