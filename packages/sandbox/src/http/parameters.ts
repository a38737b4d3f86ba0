/**
 * Operation parameters declared as data (Medplum's OperationDefinition habit) and one reader that
 * takes them from a query string, a form body or a FHIR `Parameters` body and checks names,
 * cardinality and formats. Every violation is a 400 OperationOutcome naming the parameter.
 * @module
 */
import { invalid } from './fhir-error.js';

export type ParameterType = 'dateTime' | 'boolean' | 'string' | 'token' | 'reference' | 'identifier-reference';

/** One `in` parameter of an operation. */
export interface ParameterDefinition {
  readonly name: string;
  readonly min: 0 | 1;
  readonly max: '1' | '*';
  readonly type: ParameterType;
  /** Resource types a `reference` may point to. */
  readonly targets?: readonly string[];
  readonly documentation: string;
}

/** Parameter values, each normalised to a string (`Type/id` for references, `system|value` for identifiers). */
export type ParameterValues = ReadonlyMap<string, readonly string[]>;

// FHIR's general parameters apply to every interaction; ITB lists these (spec §2.2).
const GENERAL = new Set(['_format', '_pretty', '_summary', '_elements', '_count']);

const DATE_TIME = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2}))?$/;

function validate(definition: ParameterDefinition, value: string): string {
  const { name } = definition;
  switch (definition.type) {
    case 'dateTime': {
      if (/^\d{4}-\d{2}-\d{2}T\S+ \d{2}:\d{2}$/.test(value)) {
        throw invalid(`Parameter "${name}": "${value}" has a space where the offset sign should be; send "+" as %2B.`);
      }
      if (!DATE_TIME.test(value) || Number.isNaN(Date.parse(value))) throw invalid(`Parameter "${name}" must be a FHIR dateTime with a time-zone offset, got "${value}".`);
      return value;
    }
    case 'boolean':
      if (value !== 'true' && value !== 'false') throw invalid(`Parameter "${name}" must be true or false, got "${value}".`);
      return value;
    case 'reference': {
      const slash = value.indexOf('/');
      const type = slash === -1 ? '' : value.slice(0, slash);
      const id = slash === -1 ? '' : value.slice(slash + 1);
      if (id === '' || id.includes('/') || !(definition.targets ?? []).includes(type)) {
        throw invalid(`Parameter "${name}" must be a reference ${(definition.targets ?? []).map((t) => `${t}/{id}`).join(' or ')}, got "${value}".`);
      }
      return value;
    }
    case 'identifier-reference':
    case 'token':
      if (value.trim() === '' || value.startsWith('|') || value.endsWith('|')) throw invalid(`Parameter "${name}" must be {system}|{code}, got "${value}".`);
      return value;
    case 'string':
      if (value.length > 1000) throw invalid(`Parameter "${name}" is too long.`);
      return value;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The string form of one `Parameters.parameter` entry's value. */
function parameterValue(name: string, parameter: Record<string, unknown>): string {
  for (const key of ['valueDateTime', 'valueInstant', 'valueDate', 'valueString', 'valueCode', 'valueUri', 'valueUrl', 'valueId']) {
    if (typeof parameter[key] === 'string') return parameter[key] as string;
  }
  if (typeof parameter.valueBoolean === 'boolean') return String(parameter.valueBoolean);
  const reference = parameter.valueReference;
  if (isRecord(reference)) {
    if (typeof reference.reference === 'string') return reference.reference;
    const identifier = reference.identifier;
    if (isRecord(identifier) && typeof identifier.system === 'string' && typeof identifier.value === 'string') return `${identifier.system}|${identifier.value}`;
  }
  if (isRecord(parameter.valueCoding) && typeof parameter.valueCoding.code === 'string') {
    const { system, code } = parameter.valueCoding;
    return typeof system === 'string' ? `${system}|${code}` : code;
  }
  throw invalid(`Parameter "${name}" has no value of a supported type.`);
}

/** Collect raw values from a query/form object or a Parameters resource. */
function collect(source: unknown, into: Map<string, string[]>): void {
  if (source === undefined || source === null || source === '') return;
  if (!isRecord(source)) throw invalid('The request body must be a FHIR Parameters resource.');
  if (source.resourceType !== undefined) {
    if (source.resourceType !== 'Parameters') throw invalid(`Expected a Parameters resource, got ${String(source.resourceType)}.`);
    const list = source.parameter ?? [];
    if (!Array.isArray(list)) throw invalid('Parameters.parameter must be an array.');
    for (const entry of list) {
      if (!isRecord(entry) || typeof entry.name !== 'string') throw invalid('Every Parameters.parameter needs a name.');
      const values = into.get(entry.name) ?? [];
      values.push(parameterValue(entry.name, entry));
      into.set(entry.name, values);
    }
    return;
  }
  for (const [name, raw] of Object.entries(source)) {
    const list = Array.isArray(raw) ? raw : [raw];
    const values = into.get(name) ?? [];
    for (const value of list) {
      if (typeof value !== 'string') throw invalid(`Parameter "${name}" must be a string.`);
      values.push(value);
    }
    into.set(name, values);
  }
}

/**
 * Read an operation's parameters from the query string and (for POST) the body, then validate them
 * against `definitions`. Unknown names are refused so that a misspelt parameter never silently
 * widens a search.
 */
export function readParameters(definitions: readonly ParameterDefinition[], query: unknown, body?: unknown): ParameterValues {
  const raw = new Map<string, string[]>();
  collect(query, raw);
  collect(body, raw);
  const known = new Map(definitions.map((d) => [d.name, d]));
  const result = new Map<string, string[]>();
  for (const [name, values] of raw) {
    const definition = known.get(name);
    if (definition === undefined && GENERAL.has(name)) continue;
    if (definition === undefined) throw invalid(`Unknown parameter "${name}". Supported: ${definitions.map((d) => d.name).join(', ')}.`);
    if (definition.max === '1' && values.length > 1) throw invalid(`Parameter "${name}" may be given only once.`);
    result.set(name, values.map((value) => validate(definition, value)));
  }
  for (const definition of definitions) {
    if (definition.min === 1 && !result.has(definition.name)) throw invalid(`Parameter "${definition.name}" is required.`);
  }
  return result;
}

/** The single value of `name`, if given. */
export function single(values: ParameterValues, name: string): string | undefined {
  return values.get(name)?.[0];
}

/** The id of a `Type/id` reference value. */
export function referenceId(value: string): string {
  return value.slice(value.indexOf('/') + 1);
}
