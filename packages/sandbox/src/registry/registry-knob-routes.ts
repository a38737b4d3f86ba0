/**
 * The registry's test knobs over HTTP, under `/_sandbox/registry`:
 *
 * | route | body | effect |
 * |---|---|---|
 * | `GET /_sandbox/registry` | — | URLs, scope, client id, down, pending faults, counts, number of pointers |
 * | `GET /_sandbox/registry/appointments` | — | every stored pointer (a searchset) |
 * | `GET /_sandbox/registry/counts` | — | token requests, tokens issued, FHIR writes by method, reads, pointers created and updated |
 * | `POST /_sandbox/registry/fault` | `{ "kind": "503", "count": 2, "match": "Appointment" }` | fail registry requests only (`count` may be `"Infinity"`) |
 * | `POST /_sandbox/registry/down` | `{ "down": true }` | every registry request answers 503 until `{ "down": false }` |
 * | `POST /_sandbox/registry/revoke-tokens` | — | every issued token stops working |
 * | `POST /_sandbox/registry/reset` | — | clear pointers, tokens, faults, the down switch and counters |
 *
 * The client secret is never shown here.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import type { Bundle } from '@itb/shared';
import { checkFault } from '../knobs.js';
import { bad, objectBody } from '../http/knob-input.js';
import { FHIR_JSON } from '../http/errors.js';
import type { RegistryRuntime } from './registry.js';


export async function registryKnobRoutes(app: FastifyInstance, options: { registry: RegistryRuntime }): Promise<void> {
  const { registry } = options;
  const { knobs } = registry;
  const ok = { ok: true };

  app.get('/', async () => {
    const pending = knobs.pendingFaults();
    return {
      fhirBase: registry.fhirBase(),
      tokenUrl: registry.tokenUrl(),
      scope: registry.scope(),
      clientId: registry.clientId,
      down: knobs.isDown(),
      pendingFaults: Number.isFinite(pending) ? pending : 'Infinity',
      appointments: knobs.appointments().length,
      counts: knobs.counts(),
    };
  });
  app.get('/appointments', async (_request, reply) => {
    const resources = knobs.appointments();
    const bundle: Bundle = {
      resourceType: 'Bundle',
      type: 'searchset',
      total: resources.length,
      entry: resources.map((resource) => ({ fullUrl: `${registry.fhirBase()}/Appointment/${resource.id ?? ''}`, resource, search: { mode: 'match' } })),
    };
    return reply.type(FHIR_JSON).send(bundle);
  });
  app.get('/counts', async () => knobs.counts());
  app.post('/fault', async (request) => {
    try {
      knobs.injectFault(checkFault(request.body));
    } catch (error) {
      throw bad(error instanceof Error ? error.message : 'Invalid fault.');
    }
    return ok;
  });
  app.post('/down', async (request) => {
    const { down } = objectBody(request.body);
    if (typeof down !== 'boolean') throw bad('down must be true or false.');
    knobs.setDown(down);
    return ok;
  });
  app.post('/revoke-tokens', async () => {
    knobs.revokeTokens();
    return ok;
  });
  app.post('/reset', async () => {
    knobs.reset();
    return ok;
  });
}
