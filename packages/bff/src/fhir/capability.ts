/**
 * Our CapabilityStatement (`GET /fhir/metadata`), built from the routes the BFF serves
 * (served-routes.ts): a resource is listed only when a route serves it, an interaction only when
 * its route exists, a search parameter only when the route's querystring schema takes it, and
 * every operation names our own OperationDefinition. R4 asks every server for one; a partner's
 * FHIR client reads it first.
 * @module
 */
import { CSRF_HEADER } from '@itb/shared';
import { READ_ONLY_OPERATION_TYPES } from '../plugins/security.js';
import { PARAMETER_NOTES, operationDefinitionUrl, type OperationDefinition } from './operation-definitions.js';
import { queryParameters, type QueryParameter } from './query-parameters.js';
import { fhirInteractionOf, type ServedRoute } from './served-routes.js';

/** The FHIR version the BFF speaks (R4). */
export const FHIR_VERSION = '4.0.1';

interface Interaction { readonly code: 'read' | 'search-type'; readonly documentation: string }
interface SearchParam { readonly name: string; readonly type: string; readonly documentation?: string }
interface OperationRef { readonly name: string; readonly definition: string; readonly documentation?: string }

/** One `rest.resource` entry. */
export interface CapabilityResource {
  readonly type: string;
  readonly interaction: readonly Interaction[];
  readonly searchParam?: readonly SearchParam[];
  readonly operation?: readonly OperationRef[];
}

/** The R4 CapabilityStatement we serve (the subset we write). */
export interface CapabilityStatement {
  readonly resourceType: 'CapabilityStatement';
  readonly url: string;
  readonly version: string;
  readonly name: string;
  readonly title: string;
  readonly status: 'active';
  readonly date: string;
  readonly description: string;
  readonly kind: 'instance';
  readonly software: { readonly name: string; readonly version: string };
  readonly implementation: { readonly description: string; readonly url: string };
  readonly fhirVersion: string;
  readonly format: readonly string[];
  readonly rest: readonly [{
    readonly mode: 'server';
    readonly documentation: string;
    readonly security: { readonly cors: boolean; readonly description: string };
    readonly resource: readonly CapabilityResource[];
    readonly operation?: readonly OperationRef[];
  }];
}

/** What {@link capabilityStatement} is built from. */
export interface CapabilityInput {
  /** `${ITB_PUBLIC_URL}/fhir`. */
  readonly fhirBase: string;
  readonly software: { readonly name: string; readonly version: string };
  /** When this statement was made (the instance's start). */
  readonly date: Date;
  readonly routes: readonly ServedRoute[];
  /** OperationDefinitions by invocation code (operation-definitions.ts). */
  readonly operations: ReadonlyMap<string, OperationDefinition>;
  /** Does the route act for the signed-in patient (session cookie required)? */
  readonly needsSession: (route: ServedRoute) => boolean;
  /** Does the BFF send CORS headers to any origin (ITB_ALLOWED_ORIGINS)? */
  readonly cors: boolean;
}

/** R4 search parameter types by how the value is read: a boolean flag is a token. */
const SEARCH_TYPE: Readonly<Record<QueryParameter['kind'], string>> = {
  reference: 'reference',
  boolean: 'token',
  date: 'date',
  dateTime: 'date',
  number: 'number',
  token: 'token',
  string: 'string',
};

function searchParam(parameter: QueryParameter): SearchParam {
  const documentation = [
    parameter.required ? 'Required.' : undefined,
    PARAMETER_NOTES[parameter.name],
    parameter.rule === undefined ? undefined : `The value ${parameter.rule}.`,
  ].filter((part) => part !== undefined).join(' ');
  return { name: parameter.name, type: SEARCH_TYPE[parameter.kind], ...(documentation === '' ? {} : { documentation }) };
}

/** `GET /fhir/Appointment/:id` → `GET Appointment/{id}`, as the security text names routes. */
function routeLabel(route: ServedRoute): string {
  return `\`${route.method} ${route.url.replace(/^\/fhir\//, '').replaceAll(':id', '{id}')}\``;
}

function interactionDocumentation(route: ServedRoute, session: boolean, fixedId?: string): string {
  const who = session ? "Needs the patient's session cookie; answers with that patient's own data only." : 'Anonymous.';
  return fixedId === undefined ? who : `Only \`${route.url.replace(/^\/fhir\//, '')}\`, no other id. ${who}`;
}

/** `a` or `a, b and c`, and the verb agreeing with it. */
function listed(labels: readonly string[], verb: [singular: string, plural: string]): string {
  const list = labels.length <= 1 ? labels.join('') : `${labels.slice(0, -1).join(', ')} and ${labels.at(-1)}`;
  return `${list} ${labels.length === 1 ? verb[0] : verb[1]}`;
}

function operationRef(code: string, operations: ReadonlyMap<string, OperationDefinition>, fhirBase: string): OperationRef {
  const definition = operations.get(code);
  if (definition === undefined) throw new TypeError(`No OperationDefinition for $${code}.`);
  return { name: code, definition: operationDefinitionUrl(fhirBase, definition.id) };
}

/** Build the statement. Resources and operations are sorted, so the same routes give the same bytes. */
export function capabilityStatement(input: CapabilityInput): CapabilityStatement {
  const resources = new Map<string, { interaction: Interaction[]; searchParam: SearchParam[]; operation: Set<string> }>();
  const entry = (type: string) => {
    let known = resources.get(type);
    if (known === undefined) {
      known = { interaction: [], searchParam: [], operation: new Set() };
      resources.set(type, known);
    }
    return known;
  };
  const systemOperations = new Set<string>();
  for (const route of input.routes) {
    const interaction = fhirInteractionOf(route.method, route.url);
    const session = input.needsSession(route);
    switch (interaction.kind) {
      case 'capabilities':
        break;
      case 'read':
        entry(interaction.type).interaction.push({ code: 'read', documentation: interactionDocumentation(route, session, interaction.fixedId) });
        break;
      case 'search-type': {
        const resource = entry(interaction.type);
        resource.interaction.push({ code: 'search-type', documentation: interactionDocumentation(route, session) });
        resource.searchParam.push(...queryParameters(route.querystring).map(searchParam));
        break;
      }
      case 'operation':
        if (interaction.type === undefined) systemOperations.add(interaction.code);
        else entry(interaction.type).operation.add(interaction.code);
        break;
    }
  }
  const sessionRoutes = input.routes.filter(input.needsSession).map(routeLabel);
  // Read from the route config the CSRF guard itself reads (plugins/security.ts), so the text follows the guard.
  const exempt = (route: ServedRoute) => route.config['csrfExemptReadOnlyJson'] === true;
  const writes = input.routes.filter((route) => route.method === 'POST' && !exempt(route)).map(routeLabel);
  const readOnlyPosts = input.routes.filter((route) => route.method === 'POST' && exempt(route)).map(routeLabel);
  return {
    resourceType: 'CapabilityStatement',
    url: `${input.fhirBase}/metadata`,
    version: input.software.version,
    name: 'ItbBookingBff',
    title: 'ITB booking backend-for-frontend',
    status: 'active',
    date: input.date.toISOString(),
    description: 'The FHIR R4 routes of the ITB booking BFF: the clinic catalog, free times and the signed-in patient\'s own bookings, served from ITB (Service Well\'s booking API) with the API key and patient tokens kept on the server. JSON only.',
    kind: 'instance',
    software: input.software,
    implementation: { description: 'ITB booking BFF', url: input.fhirBase },
    fhirVersion: FHIR_VERSION,
    format: ['json', 'application/fhir+json'],
    rest: [{
      mode: 'server',
      documentation: 'Ids may contain `:` (ITB\'s do). Every error is an OperationOutcome.',
      security: {
        cors: input.cors,
        description: [
          sessionRoutes.length === 0 ? '' : `Signing in at \`/auth/login\` sets the patient's session cookie (HTTP-only, never readable by script); ${listed(sessionRoutes, ['needs it and acts', 'need it and act'])} for that patient only.`,
          writes.length === 0 ? '' : `${listed(writes, ['also needs', 'also need'])} the header \`${CSRF_HEADER}: 1\` and an allowed Origin.`,
          readOnlyPosts.length === 0 ? '' : `${listed(readOnlyPosts, ['changes', 'change'])} nothing: no CSRF header, but a Parameters body only as ${READ_ONLY_OPERATION_TYPES.map((type) => `\`${type}\``).join(' or ')} (415 otherwise), which a cross-site page can send only after a CORS preflight.`,
          'Every other route is anonymous.',
          input.cors ? 'CORS headers (with credentials) go only to the origins the BFF is configured for.' : '',
        ].filter((part) => part !== '').join(' '),
      },
      resource: [...resources.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([type, found]) => ({
        type,
        interaction: [...found.interaction].sort((a, b) => a.code.localeCompare(b.code)),
        ...(found.searchParam.length === 0 ? {} : { searchParam: found.searchParam }),
        ...(found.operation.size === 0 ? {} : { operation: [...found.operation].sort().map((code) => operationRef(code, input.operations, input.fhirBase)) }),
      })),
      ...(systemOperations.size === 0 ? {} : { operation: [...systemOperations].sort().map((code) => operationRef(code, input.operations, input.fhirBase)) }),
    }],
  };
}
