/**
 * Operations invoked by POST with a FHIR `Parameters` body (R4 §3.1.0.11.2, the way FHIR clients
 * call `operation()`): the body becomes the same query object the GET form's query string gives,
 * checked by the GET route's own zod schema, so both forms accept exactly the same requests and
 * one handler answers them. A repeated parameter (`practitionerRole`) is a repeated entry.
 * Problems are 400s in our words, `issue.expression` the FHIRPath of the entry
 * (`Parameters.parameter[2]`), or the parameter's name when it is missing.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { OutcomeError } from '../errors.js';
import { validatorCompiler } from './schema-errors.js';
import { parameterNamesOf, type SentParameters } from './search-honesty.js';

/** An R4 `Parameters.parameter.value[x]` we read. */
export type ParameterValueType = 'valueString' | 'valueCode' | 'valueBoolean' | 'valueDate' | 'valueDateTime' | 'valueInstant' | 'valueReference' | 'valueCoding';

/** The value types that carry a date or dateTime parameter. */
export const DATE_VALUES: readonly ParameterValueType[] = ['valueDate', 'valueDateTime', 'valueInstant', 'valueString'];
/** A `Type/{id}` parameter: `valueReference.reference` or the same text as a string. */
export const REFERENCE_VALUES: readonly ParameterValueType[] = ['valueReference', 'valueString'];
/** A `{system}|{code}` token: a Coding, or the same text as a string. */
export const TOKEN_VALUES: readonly ParameterValueType[] = ['valueCoding', 'valueString'];
/** `true`/`false`. */
export const BOOLEAN_VALUES: readonly ParameterValueType[] = ['valueBoolean', 'valueString'];
/** A code (a campaign code, `_summary`). */
export const CODE_VALUES: readonly ParameterValueType[] = ['valueCode', 'valueString'];
/** Free text (`_elements`). */
export const STRING_VALUES: readonly ParameterValueType[] = ['valueString'];

/** Which value types each parameter of an operation takes, by name (the GET form's parameter names). */
export type OperationParameters = Readonly<Record<string, readonly ParameterValueType[]>>;

/** More entries than any valid request has (50 practitioners + the rest); bounds the work per body. */
const MAX_PARAMETERS = 64;

/**
 * The route schema of a POST operation's body: the frame of a `Parameters` resource (each entry's
 * value is read against the operation's own parameter list by {@link createParametersReader}).
 */
export const parametersBody = z.looseObject({
  resourceType: z.literal('Parameters', { error: "must be 'Parameters'" }),
  parameter: z.array(z.looseObject({ name: z.string().min(1).max(100) }), { error: 'must be a list of parameters' }).max(MAX_PARAMETERS).optional(),
});

/** A `Parameters` body as the route schema let it through. */
export type ParametersBody = z.output<typeof parametersBody>;

const entryAt = (index: number) => `Parameters.parameter[${index}]`;
/** `a, b or c`. */
const listOf = (items: readonly string[]) => (items.length < 2 ? items.join('') : `${items.slice(0, -1).join(', ')} or ${items.at(-1)}`);

function refuse(diagnostics: string, expression: string): never {
  throw new OutcomeError('invalid-parameter', diagnostics, { expression: [expression] });
}

/** The text a value carries, as the GET form would have it in its query string. */
function textOf(type: ParameterValueType, value: unknown, at: string, name: string): string {
  const wrong = (what: string) => refuse(`The parameter '${name}' ${type} must be ${what}.`, `${at}.${type}`);
  switch (type) {
    case 'valueBoolean':
      return typeof value === 'boolean' ? String(value) : wrong('true or false');
    case 'valueReference': {
      const reference = (value as { reference?: unknown } | null)?.reference;
      return typeof value === 'object' && typeof reference === 'string' ? reference : wrong('a Reference with a reference');
    }
    case 'valueCoding': {
      const { system, code } = (value ?? {}) as { system?: unknown; code?: unknown };
      return typeof value === 'object' && typeof system === 'string' && typeof code === 'string' ? `${system}|${code}` : wrong('a Coding with a system and a code');
    }
    default:
      return typeof value === 'string' ? value : wrong('text');
  }
}

/** What {@link ParametersReader.read} returns: the checked query and what was sent, by name. */
export interface ReadParameters<Q> {
  /** The GET schema's output for the body: what the handler of the GET form takes. */
  readonly query: Q;
  /** The values as sent, by name, in the body's order (for the `self` link of a searchset answer). */
  readonly sent: SentParameters;
}

/** Reads one operation's `Parameters` bodies. */
export interface ParametersReader<Q> {
  /** Turn a body into the GET form's query, or throw 400. */
  read(body: ParametersBody): ReadParameters<Q>;
}

/**
 * A reader for the operation `operation` whose GET form validates its query with `schema`.
 * Throws at start-up unless `parameters` names exactly the schema's parameters, so the POST form
 * cannot drift from the GET form.
 * @example
 * const reader = createParametersReader('$find', findQuery, { start: DATE_VALUES, end: DATE_VALUES });
 * const { query } = reader.read(request.body);
 */
export function createParametersReader<S extends z.ZodObject>(operation: string, schema: S, parameters: OperationParameters): ParametersReader<z.output<S>> {
  const names = parameterNamesOf(schema);
  const missing = names.filter((name) => !Object.hasOwn(parameters, name));
  const extra = Object.keys(parameters).filter((name) => !names.includes(name));
  if (missing.length > 0 || extra.length > 0) {
    throw new Error(`${operation}: the POST parameter list must name the GET schema's parameters (missing: ${missing.join(', ') || 'none'}; extra: ${extra.join(', ') || 'none'}).`);
  }
  const validate = validatorCompiler({ schema, method: 'POST', url: operation, httpPart: 'body' });

  return {
    read(body) {
      const sent = new Map<string, string[]>();
      const positions = new Map<string, number[]>();
      (body.parameter ?? []).forEach((entry, index) => {
        const at = entryAt(index);
        const types = Object.hasOwn(parameters, entry.name) ? parameters[entry.name] : undefined;
        if (types === undefined) refuse(`${operation} has no parameter '${entry.name.slice(0, 80)}'; it takes ${names.join(', ')}.`, at);
        if ('resource' in entry || 'part' in entry) refuse(`The parameter '${entry.name}' takes a value, not a resource or parts.`, at);
        const given = Object.keys(entry).filter((key) => key.startsWith('value'));
        if (given.length !== 1) refuse(`The parameter '${entry.name}' needs exactly one value: ${listOf(types)}.`, at);
        const type = given[0] as ParameterValueType;
        if (!types.includes(type)) refuse(`The parameter '${entry.name}' takes ${listOf(types)}, not ${type.slice(0, 40)}.`, `${at}.${type.slice(0, 40)}`);
        const text = textOf(type, (entry as Record<string, unknown>)[type], at, entry.name);
        sent.set(entry.name, [...(sent.get(entry.name) ?? []), text]);
        positions.set(entry.name, [...(positions.get(entry.name) ?? []), index]);
      });
      const query = Object.fromEntries([...sent].map(([name, values]) => [name, values.length === 1 ? values[0] : values]));
      const result = validate(query) as { value?: unknown; error?: { message: string; params: { path: readonly PropertyKey[] } }[] };
      const problem = result.error?.[0];
      if (problem === undefined) return { query: result.value as z.output<S>, sent };
      const [name = '', position] = problem.params.path;
      const at = positions.get(String(name));
      // A repeated single parameter is wrong at its second entry; a bad item of a list at that item.
      const index = at === undefined ? undefined : at[typeof position === 'number' ? position : at.length > 1 ? 1 : 0];
      const phrase = problem.message.replace(/\.$/, '');
      return refuse(`The parameter '${String(name).slice(0, 80)}' ${phrase}.`, index === undefined ? String(name) : entryAt(index));
    },
  };
}

/** Let `app`'s scope parse `application/fhir+json` bodies as JSON (Fastify knows `application/json` only). */
export function acceptFhirJsonBodies(app: FastifyInstance): void {
  if (!app.hasContentTypeParser('application/fhir+json')) {
    app.addContentTypeParser('application/fhir+json', { parseAs: 'string' }, app.getDefaultJsonParser('error', 'error'));
  }
}
