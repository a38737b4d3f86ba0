/**
 * The ITB surface under `/{tenant}/1.0/R4`: the system-token endpoint and the FHIR routes, each
 * declared with the access it needs (spec §3.6).
 * @module
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import formbody from '@fastify/formbody';
import { authenticate, authorize, type Access, type Principal } from '../auth/access.js';
import { FhirError } from './fhir-error.js';
import { FHIR_JSON } from './errors.js';
import { createPipelineHook } from './pipeline.js';
import { book } from '../fhir/book.js';
import { capabilityStatement } from '../fhir/capability.js';
import { readCatalog, searchCatalog } from '../fhir/catalog-reads.js';
import { find } from '../fhir/find.js';
import { OFFERS_CONTEXT_TYPES, offersContext } from '../fhir/offers-context.js';
import { readAppointment, readPatient, searchAppointments, searchPatients } from '../fhir/patient-reads.js';
import type { SandboxServices } from '../fhir/services.js';
import type { PatientGrant } from '../oidc/patient-idp.js';

type Handler = (request: FastifyRequest, principal: Principal | undefined) => object | Promise<object>;
type Params = { id: string };

const OPEN: Access = { kind: 'open' };
const system = (scope: string): Access => ({ kind: 'system', scope });
const patient = (...scopes: string[]): Access => ({ kind: 'patient', scopes });

function grantOf(principal: Principal | undefined): PatientGrant {
  if (principal?.kind !== 'patient') throw new FhirError('forbidden', 'A patient token is required.', { status: 403 });
  return principal.grant;
}

export async function apiRoutes(app: FastifyInstance, options: { services: SandboxServices }): Promise<void> {
  const { services } = options;
  app.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  await app.register(formbody);
  app.addHook('preHandler', createPipelineHook(services.runtime));

  const route = (method: 'GET' | 'POST', url: string, access: Access, handler: Handler) => {
    app.route({
      method,
      url,
      handler: async (request, reply) => {
        let principal: Principal | undefined;
        if (access.kind !== 'open') {
          principal = await authenticate(request.headers.authorization, services.tokens, services.idp());
          authorize(principal, access);
        }
        const body = await handler(request, principal);
        return reply.type(FHIR_JSON).send(body);
      },
    });
  };

  const token = (request: FastifyRequest) => {
    const header = request.headers['x-apikey'];
    const issued = services.tokens.issue(Array.isArray(header) ? header[0] : header);
    if (issued === undefined) throw new FhirError('login-required', 'A valid API key is required in the X-ApiKey header.', { status: 401 });
    return issued;
  };
  app.post('/auth/system-token', async (request, reply) => reply.type('application/json').send(token(request)));
  // One ITB diagram puts the token endpoint under /fhir (spec §13.19); answer there too.
  app.post('/fhir/auth/system-token', async (request, reply) => reply.type('application/json').send(token(request)));

  route('GET', '/fhir/metadata', OPEN, () => capabilityStatement(services.ctx().fhirBase));

  const offersScope = system('system/$get-offers-context.read');
  for (const method of ['GET', 'POST'] as const) {
    route(method, '/fhir/$get-offers-context', offersScope, (request) => offersContext(services, undefined, request.query, request.body));
    for (const type of OFFERS_CONTEXT_TYPES) {
      route(method, `/fhir/${type}/:id/$get-offers-context`, offersScope, (request) => offersContext(services, { type, id: (request.params as Params).id }, request.query, request.body));
    }
    route(method, '/fhir/Appointment/$find', system('system/$find.read'), (request) => find(services, request.query, request.body));
  }

  for (const type of ['ActivityDefinition', 'HealthcareService', 'PractitionerRole', 'Organization'] as const) {
    const access = system(`system/${type}.read`);
    route('GET', `/fhir/${type}`, access, (request) => searchCatalog(services, type, request.query));
    route('GET', `/fhir/${type}/:id`, access, (request) => readCatalog(services, type, (request.params as Params).id));
  }
  route('GET', '/fhir/Location', { kind: 'any-token' }, (request) => searchCatalog(services, 'Location', request.query));

  route('POST', '/fhir/Appointment/$book', patient('patient/$book.write'), (request, principal) => book(services, request.body, grantOf(principal)));
  route('GET', '/fhir/Appointment', patient('patient/Appointment.read'), (request, principal) => searchAppointments(services, request.query, grantOf(principal)));
  route('GET', '/fhir/Appointment/:id', patient('patient/Appointment.read'), (request, principal) => readAppointment(services, (request.params as Params).id, grantOf(principal)));
  route('GET', '/fhir/Patient', patient('patient/Patient.read'), (request, principal) => searchPatients(services, request.query, grantOf(principal)));
  route('GET', '/fhir/Patient/:id', patient('patient/Patient.read'), (request, principal) => readPatient(services, (request.params as Params).id, grantOf(principal)));
}
