/**
 * Our OperationDefinitions (`$get-offers-context`, `$find`, `$book`), served at
 * `/fhir/OperationDefinition/{id}` and named by the CapabilityStatement. What is generated comes
 * from the served routes (served-routes.ts): the levels and resource types an operation is served
 * at, and every input parameter of an operation that has a GET form, read from its querystring
 * schema. What a route schema cannot say is declared here: titles, the ITB definition each one is
 * based on, whether it changes state, its output, the body of the POST-only `$book` (its test
 * checks it against @itb/shared's readBookParameters), and words for a parameter's documentation.
 * An operation route without a declaration here, or a note for a parameter no route takes, stops
 * the BFF at start-up.
 * @module
 */
import { COMMENT_MAX_LENGTH } from '../routes/book.js';
import { queryParameters, type QueryParameter } from './query-parameters.js';
import { fhirInteractionOf, type ServedRoute } from './served-routes.js';

/** An R4 `OperationDefinition.parameter` (the subset we write). */
export interface OperationParameter {
  readonly name: string;
  readonly use: 'in' | 'out';
  readonly min: number;
  readonly max: string;
  readonly documentation?: string;
  readonly type: string;
  readonly targetProfile?: readonly string[];
  readonly searchType?: string;
}

/** An R4 OperationDefinition as we serve it. */
export interface OperationDefinition {
  readonly resourceType: 'OperationDefinition';
  readonly id: string;
  readonly url: string;
  readonly version: string;
  readonly name: string;
  readonly title: string;
  readonly status: 'active';
  readonly kind: 'operation';
  readonly description: string;
  readonly affectsState: boolean;
  readonly code: string;
  readonly comment?: string;
  readonly base?: string;
  readonly resource?: readonly string[];
  readonly system: boolean;
  readonly type: boolean;
  readonly instance: boolean;
  readonly parameter: readonly OperationParameter[];
}

/** What a route cannot say about an operation. */
interface OperationDeclaration {
  /** Our OperationDefinition's id (its URL's last segment). */
  readonly id: string;
  /** Computable name (ITB's own where we follow one). */
  readonly name: string;
  readonly title: string;
  readonly description: string;
  readonly comment?: string;
  /** ITB's canonical OperationDefinition this one is based on (spec §5). */
  readonly base?: string;
  readonly affectsState: boolean;
  /** Output parameters: a route schema says nothing about the answer. */
  readonly out: readonly Omit<OperationParameter, 'use'>[];
  /** In-parameters of an operation with no GET form: its Parameters body has no schema to read them from. */
  readonly bodyIn?: readonly Omit<OperationParameter, 'use'>[];
  /** Words added to a generated in-parameter's documentation, by name (each must be a parameter the route takes). */
  readonly notes?: Readonly<Record<string, string>>;
}

const ITB_OPERATION = 'https://canonical.fhir.link/servicewell/wof-portal/OperationDefinition';

/** Parameters several routes share, described once (an operation's own note is added after). */
export const PARAMETER_NOTES: Readonly<Record<string, string>> = {
  campaign: 'A campaign code. Treatments kept for a campaign (and their offers and times) are left out unless a code valid now is given; an unknown code unlocks nothing.',
  _count: "R4's `_count`: the most entries a page holds; the answer links the next and previous pages.",
  _offset: 'Where the page starts; the paging links carry it.',
  _summary: '`count` for the total alone, `false` for the whole answer.',
  _elements: "FHIR's `_elements`, comma separated: the elements each resource of the answer keeps (`name` for every type, `Type.element` for one type); a subsetted resource is tagged SUBSETTED.",
};

const OFFERS_RETURN = { name: 'return', min: 1, max: '1', type: 'Bundle', documentation: 'A searchset Bundle of the offers (`Parameters` entries with `urn:uuid:` fullUrls) and, as asked, the treatments, clinics and practitioners they name (BundleOffersContextPortal).' };

/** The operations the BFF serves, by their invocation code (without `$`). */
export const OPERATIONS: Readonly<Record<string, OperationDeclaration>> = {
  'get-offers-context': {
    id: 'get-offers-context',
    name: 'GetOffersContext',
    title: 'Offers context: what can be booked where and with whom',
    description: 'Everything a frontend needs to let a patient choose a treatment, a clinic and a practitioner, in one answer: the offers of the whole catalog (system level) or of one treatment, clinic or practitioner role (instance level). No times: those come from `Appointment/$find`. Inactive clinics, their offers and practitioners are never included.',
    base: `${ITB_OPERATION}/get-offers-context`,
    affectsState: false,
    out: [OFFERS_RETURN],
    notes: {
      includeActivityDefinitionPortal: 'With `true`, the treatments the offers name are included.',
      includeHealthcareServicePortal: 'With `true`, the clinics the offers name are included.',
      includePractitionerRolePortal: 'With `true`, the practitioner roles the offers name are included.',
    },
  },
  find: {
    id: 'find',
    name: 'FindAppointments',
    title: 'Find appointment times',
    description: "Free appointment times in a window of at most the configured number of days, as a searchset Bundle of `proposed` Appointments (IHE ITI-115 via ITB's FindAppointments). Unlike ITB's, `practitionerRole` may repeat, or be left out with `healthcareService` and `visit-type` to mean any practitioner offering that treatment there: the BFF asks ITB once per practitioner and merges the answers. A practitioner whose search failed is named in an OperationOutcome entry (`search.mode = outcome`) while the others' times still show.",
    comment: "Extends ITB's FindAppointments rather than only constraining it: `practitionerRole` is 0..* here (ITB: 0..1), and `campaign` and `_elements` are ours.",
    base: `${ITB_OPERATION}/FindAppointments`,
    affectsState: false,
    out: [{ name: 'return', min: 1, max: '1', type: 'Bundle', documentation: 'A searchset Bundle of `proposed` Appointments (each with a `urn:uuid:` fullUrl: a free time is not an Appointment until booked), plus an OperationOutcome entry listing practitioners whose search failed (PortalFindAppointmentBundle).' }],
    notes: {
      start: 'Start of the window (inclusive).',
      end: 'End of the window (exclusive); must be after `start`.',
      'visit-type': "The treatment, as its ActivityDefinition's `code.coding` system and code.",
      healthcareService: 'The clinic.',
      practitionerRole: "The practitioner role; repeat it for several practitioners, leave it out (with `healthcareService` and `visit-type`) for any. Our extension: ITB's FindAppointments takes one.",
    },
  },
  book: {
    id: 'book',
    name: 'BookAppointment',
    title: 'Book, reschedule or cancel an appointment',
    description: "Creates, reschedules or cancels a booking for the signed-in patient (IHE ITI-117 via ITB's BookAppointment); the appointment's `status` says which: `pending` creates, `booked` reschedules, `cancelled` cancels. Needs the patient's session cookie, the header `X-ITB-CSRF: 1`, and an `Idempotency-Key` header to create (a retry with the same key gets the same answer). A campaign-only treatment needs `?campaign=CODE` on the URL, as on `$find`.",
    comment: "ITB requires `patient-resource`; here it is optional, because the patient is always the signed-in one and the BFF writes it from the session (a Patient sent is read for contact details only).",
    base: `${ITB_OPERATION}/BookAppointment`,
    affectsState: true,
    bodyIn: [
      { name: 'appointment-resource', min: 1, max: '1', type: 'Appointment', documentation: 'The whole appointment: a `$find` time with status `pending` to book, or the booking as last returned with status `booked` (changed time) or `cancelled`.' },
      { name: 'patient-resource', min: 0, max: '1', type: 'Patient', documentation: 'Contact details (telecom) for the booking; the patient is always the signed-in one.' },
      { name: 'comment', min: 0, max: '1', type: 'string', documentation: `A note for the clinic, at most ${COMMENT_MAX_LENGTH} characters.` },
    ],
    out: [{ name: 'return', min: 1, max: '1', type: 'Bundle', documentation: 'A searchset Bundle with the one Appointment as booked, rescheduled or cancelled, and an OperationOutcome entry when ITB added warnings.' }],
  },
};

const R4_TYPE = 'http://hl7.org/fhir/StructureDefinition';

/** A query parameter as an operation's in-parameter (R4: a token is a string with searchType token). */
function inParameter(parameter: QueryParameter, note: string | undefined): OperationParameter {
  const documentation = [PARAMETER_NOTES[parameter.name], note, parameter.rule === undefined ? undefined : `The value ${parameter.rule}.`]
    .filter((part) => part !== undefined).join(' ');
  const typed: Pick<OperationParameter, 'type' | 'targetProfile' | 'searchType'> =
    parameter.kind === 'reference' ? { type: 'Reference', targetProfile: [`${R4_TYPE}/${parameter.target ?? 'Resource'}`] }
      : parameter.kind === 'token' ? { type: 'string', searchType: 'token' }
        : parameter.kind === 'number' ? { type: 'integer' }
          : { type: parameter.kind };
  return {
    name: parameter.name,
    use: 'in',
    min: parameter.required ? 1 : 0,
    max: parameter.repeatable ? '*' : '1',
    ...(documentation === '' ? {} : { documentation }),
    ...typed,
  };
}

/** The in-parameters of an operation's GET routes, each name once (the levels share one schema). */
function queryInParameters(routes: readonly ServedRoute[], declaration: OperationDeclaration): OperationParameter[] {
  const byName = new Map<string, QueryParameter>();
  for (const route of routes) {
    if (route.method !== 'GET') continue;
    for (const parameter of queryParameters(route.querystring)) if (!byName.has(parameter.name)) byName.set(parameter.name, parameter);
  }
  for (const name of Object.keys(declaration.notes ?? {})) {
    if (!byName.has(name)) throw new TypeError(`OperationDefinition ${declaration.id} has a note for '${name}', which no route of the operation takes.`);
  }
  return [...byName.values()].map((parameter) => inParameter(parameter, declaration.notes?.[parameter.name]));
}

/** Options of {@link operationDefinitions}. */
export interface OperationDefinitionOptions {
  /** The BFF's public FHIR base, `${ITB_PUBLIC_URL}/fhir`: our canonical URLs are resolvable under it. */
  readonly fhirBase: string;
  /** The BFF's package version. */
  readonly version: string;
}

/** The canonical URL (and address) of our OperationDefinition `id`. */
export function operationDefinitionUrl(fhirBase: string, id: string): string {
  return `${fhirBase}/OperationDefinition/${id}`;
}

/** One OperationDefinition per operation among `routes`, by invocation code. */
export function operationDefinitions(routes: readonly ServedRoute[], options: OperationDefinitionOptions): Map<string, OperationDefinition> {
  const byCode = new Map<string, { route: ServedRoute; level: 'system' | 'type' | 'instance'; type?: string }[]>();
  for (const route of routes) {
    const interaction = fhirInteractionOf(route.method, route.url);
    if (interaction.kind !== 'operation') continue;
    const list = byCode.get(interaction.code) ?? [];
    list.push({ route, level: interaction.level, ...(interaction.type === undefined ? {} : { type: interaction.type }) });
    byCode.set(interaction.code, list);
  }
  const definitions = new Map<string, OperationDefinition>();
  for (const [code, served] of byCode) {
    const declaration = Object.hasOwn(OPERATIONS, code) ? OPERATIONS[code] : undefined;
    if (declaration === undefined) throw new TypeError(`The route $${code} has no OperationDefinition declaration in fhir/operation-definitions.ts.`);
    const routesOf = served.map((s) => s.route);
    const hasGet = routesOf.some((route) => route.method === 'GET');
    if (!hasGet && declaration.bodyIn === undefined) throw new TypeError(`$${code} has no GET form to read its parameters from and declares no bodyIn.`);
    const inputs = hasGet ? queryInParameters(routesOf, declaration) : (declaration.bodyIn ?? []).map((p) => ({ ...p, use: 'in' as const }));
    const resources = [...new Set(served.flatMap((s) => (s.type === undefined ? [] : [s.type])))].sort();
    definitions.set(code, {
      resourceType: 'OperationDefinition',
      id: declaration.id,
      url: operationDefinitionUrl(options.fhirBase, declaration.id),
      version: options.version,
      name: declaration.name,
      title: declaration.title,
      status: 'active',
      kind: 'operation',
      description: declaration.description,
      affectsState: declaration.affectsState,
      code,
      ...(declaration.comment === undefined ? {} : { comment: declaration.comment }),
      ...(declaration.base === undefined ? {} : { base: declaration.base }),
      ...(resources.length === 0 ? {} : { resource: resources }),
      system: served.some((s) => s.level === 'system'),
      type: served.some((s) => s.level === 'type'),
      instance: served.some((s) => s.level === 'instance'),
      parameter: [...inputs, ...declaration.out.map((p) => ({ ...p, use: 'out' as const }))],
    });
  }
  return definitions;
}
