/**
 * Schema failures in our own words. Route schemas are zod, and zod's default messages ("Invalid
 * input: expected string, received undefined") are a library's wording: they would reach a partner
 * as `diagnostics` and change with zod's releases. The validator compiler here parses with an error
 * map that words every issue a schema left unworded (a message the schema gives itself still wins:
 * zod ranks schema-level messages above per-parse ones), and {@link describeValidation} turns the
 * first problem into one sentence plus `issue.expression` as FHIRPath: the parameter's name for
 * query and path parameters, a path such as `Parameters.parameter[0].valueString` for a body.
 * @module
 */
import type { FastifySchemaCompiler } from 'fastify';
import type { z } from 'zod';

/** The key fastify-type-provider-zod marks its validation entries with (a registered symbol). */
const ZOD_VALIDATION = Symbol.for('ZodFastifySchemaValidationError');

type RawIssue = z.core.$ZodRawIssue;

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text',
  number: 'a number',
  int: 'a whole number',
  boolean: 'true or false',
  object: 'an object',
  array: 'a list',
  date: 'a date',
};

const FORMAT_WORDS: Readonly<Record<string, string>> = {
  datetime: 'must be a date and time (e.g. 2026-09-14T00:00:00Z)',
  date: 'must be a date (YYYY-MM-DD)',
  time: 'must be a time of day (HH:MM:SS)',
  email: 'must be an email address',
  url: 'must be a URL',
  uuid: 'must be a UUID',
};

/** One issue as a phrase that follows the thing's name ("is required", "must be at most 300 characters"). */
function phraseOf(issue: RawIssue): string {
  const i = issue as RawIssue & Record<string, unknown>;
  switch (issue.code) {
    case 'invalid_type':
      // Fastify hands a missing body (or query) to the validator as null.
      if (i['input'] === undefined || i['input'] === null) return 'is required';
      // A repeated query parameter arrives as a list.
      if (i['expected'] !== 'array' && Array.isArray(i['input'])) return 'may be given only once';
      return `must be ${TYPE_WORDS[String(i['expected'])] ?? 'of another type'}`;
    case 'too_big': {
      const max = String(i['maximum']);
      if (i['origin'] === 'string') return `must be at most ${max} characters long`;
      if (i['origin'] === 'array' || i['origin'] === 'set') return `may hold at most ${max} values`;
      return `must be at most ${max}`;
    }
    case 'too_small': {
      const min = String(i['minimum']);
      if (i['origin'] === 'string') return min === '1' ? 'must not be empty' : `must be at least ${min} characters long`;
      if (i['origin'] === 'array' || i['origin'] === 'set') return min === '1' ? 'must not be empty' : `must hold at least ${min} values`;
      return `must be at least ${min}`;
    }
    case 'invalid_value': {
      const values = Array.isArray(i['values']) ? i['values'].map((v) => JSON.stringify(v)) : [];
      return values.length === 1 ? `must be ${values[0]}` : `must be one of ${values.join(', ')}`;
    }
    case 'invalid_format':
      return FORMAT_WORDS[String(i['format'])] ?? 'is not in the expected form';
    case 'not_multiple_of':
      return `must be a multiple of ${String(i['divisor'])}`;
    case 'unrecognized_keys':
      return 'is not known here';
    case 'invalid_union':
      return unionPhrase(i['errors']);
    default:
      return 'is not valid';
  }
}

/**
 * A union (`x` or a list of `x`, as a query parameter that may repeat is declared) failed every
 * branch: the branch that got past the type check says best what is wrong. Its messages were
 * already worded by {@link phraseOf}, through the same error map.
 */
function unionPhrase(errors: unknown): string {
  const branches = Array.isArray(errors) ? errors as { code?: string; path?: unknown[]; message?: string }[][] : [];
  const telling = branches.find((issues) => issues.some((issue) => issue.code !== 'invalid_type' || (issue.path?.length ?? 0) > 0));
  const issue = telling?.find((candidate) => candidate.code !== 'invalid_type' || (candidate.path?.length ?? 0) > 0);
  return issue?.message ?? 'is not valid';
}

/** One entry of `error.validation` as this module writes it (the shape Fastify and the zod provider expect, plus ours). */
interface ValidationEntry {
  readonly instancePath: string;
  readonly schemaPath: string;
  readonly message: string;
  readonly keyword: string;
  readonly params: {
    /** The issue's path, unjoined (keys may contain '/'). */
    readonly path: readonly PropertyKey[];
    /** For `unrecognized_keys`: the names. */
    readonly keys?: readonly string[];
    /** The body's `resourceType`, when it names one: the root of a body's FHIRPath. */
    readonly root?: string;
  };
}

const RESOURCE_TYPE = /^[A-Z][A-Za-z]{1,63}$/;

/**
 * The route schemas' validator: zod's own parse with our error map. A drop-in for
 * fastify-type-provider-zod's `validatorCompiler` (same error marking, so its type guard holds).
 */
export const validatorCompiler: FastifySchemaCompiler<z.ZodType> = ({ schema }) => (data) => {
  const result = schema.safeParse(data, { error: (issue) => phraseOf(issue) });
  if (result.success) return { value: result.data };
  const resourceType = (data as { resourceType?: unknown } | null | undefined)?.resourceType;
  const root = typeof resourceType === 'string' && RESOURCE_TYPE.test(resourceType) ? resourceType : undefined;
  const error = result.error.issues.map((issue): ValidationEntry & { [ZOD_VALIDATION]: true } => ({
    [ZOD_VALIDATION]: true,
    instancePath: `/${issue.path.map(String).join('/')}`,
    schemaPath: `#/${issue.path.map(String).join('/')}/${issue.code}`,
    message: issue.message,
    keyword: issue.code,
    params: {
      path: issue.path,
      ...(issue.code === 'unrecognized_keys' ? { keys: issue.keys } : {}),
      ...(root === undefined ? {} : { root }),
    },
  }));
  // Fastify wraps the list into an error with `validation` and `validationContext`; the message it
  // builds from them is never sent (the errors plugin asks describeValidation).
  return { error };
};

const CONTEXT_LABEL: Readonly<Record<string, string>> = {
  querystring: 'query parameter',
  params: 'path parameter',
  body: 'body field',
  headers: 'header',
};

/** `path` as FHIRPath under `root`: names joined with '.', list positions as `[n]`. */
function fhirPathOf(root: string | undefined, path: readonly PropertyKey[]): string {
  let text = root ?? '';
  for (const part of path) {
    if (typeof part === 'number') text += `[${part}]`;
    else text += text === '' ? String(part) : `.${String(part)}`;
  }
  return text;
}

const quoted = (name: string) => `'${name.slice(0, 80)}'`;

/** What {@link describeValidation} returns: the sentence and the FHIRPath expressions. */
export interface ValidationProblem {
  readonly diagnostics: string;
  readonly expression: readonly string[];
}

/**
 * The first problem of a schema failure as our sentence and its FHIRPath: "The query parameter
 * 'start' is required." with `['start']`. Query, path and header problems name the parameter
 * (a repeat of a parameter is still that parameter); body problems name the path into the body.
 */
export function describeValidation(error: { validation?: unknown; validationContext?: string }): ValidationProblem {
  const context = error.validationContext ?? '';
  const label = CONTEXT_LABEL[context] ?? 'parameter';
  const first = (Array.isArray(error.validation) ? error.validation[0] : undefined) as Partial<ValidationEntry> | undefined;
  if (first === undefined) return { diagnostics: `A ${label} is not valid.`, expression: [] };
  const path = first.params?.path ?? first.instancePath?.split('/').filter((part) => part !== '') ?? [];
  const phrase = String(first.message ?? 'is not valid').slice(0, 200).replace(/\.$/, '');
  const isBody = context === 'body';
  const nameOf = (at: readonly PropertyKey[]) => (isBody ? fhirPathOf(first.params?.root, at) : String(at[0] ?? ''));
  if (first.keyword === 'unrecognized_keys' && first.params?.keys !== undefined) {
    const names = first.params.keys.map((key) => nameOf([...path, key]));
    return { diagnostics: `Unknown ${label}${names.length > 1 ? 's' : ''}: ${names.map(quoted).join(', ')}.`, expression: names };
  }
  const name = nameOf(path);
  if (path.length === 0) {
    const whole = isBody ? 'The request body' : context === 'querystring' ? 'The query' : `The ${label}s`;
    return { diagnostics: `${whole} ${phrase}.`, expression: isBody && first.params?.root !== undefined ? [first.params.root] : [] };
  }
  return { diagnostics: `The ${label} ${quoted(name)} ${phrase}.`, expression: [name] };
}
