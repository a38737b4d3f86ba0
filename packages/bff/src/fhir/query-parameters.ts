/**
 * What a route's zod querystring schema accepts, as FHIR parameters: the names are the object's
 * keys, optional means the schema accepts the parameter's absence, repeatable means it accepts a
 * list, and the type is read from what the validator does — a `Type/{id}` pattern is a reference,
 * `'true' | 'false'` a boolean, a value accepting a FHIR date (and refusing a word) a date or
 * dateTime, a whole number a number, any other value that refuses a plain word a token, the rest
 * a string. Nothing here is written by hand, so the CapabilityStatement and OperationDefinitions
 * built from it list what the route takes and nothing else.
 * @module
 */
import { z } from 'zod';

/** How a parameter's value is read. */
export type ValueKind = 'reference' | 'boolean' | 'date' | 'dateTime' | 'number' | 'token' | 'string';

/** One query parameter a route accepts. */
export interface QueryParameter {
  readonly name: string;
  /** The schema refuses a request without it. */
  readonly required: boolean;
  /** The schema takes it more than once. */
  readonly repeatable: boolean;
  readonly kind: ValueKind;
  /** For a reference: the resource type it must name. */
  readonly target?: string;
  /** The rule the schema states in its own words when a value is refused (e.g. "must be '{system}|{code}'"). */
  readonly rule?: string;
}

/** Returned by the per-parse error map: a message that is not this one was written by the schema itself. */
const UNWORDED = '\u0000unworded';
/** Any free-text parameter takes this; a typed one (date, code, number) refuses it. */
const PLAIN_WORD = 'abc';

function accepts(schema: z.ZodType, value: unknown): boolean {
  return schema.safeParse(value).success;
}

/** The schema of one value: optional and "x or a list of x" unwrapped. */
function singleValue(schema: z.ZodType): { single: z.ZodType; repeatable: boolean } {
  let current = schema;
  while (current instanceof z.ZodOptional || current instanceof z.ZodDefault) current = current.unwrap() as z.ZodType;
  if (current instanceof z.ZodArray) return { single: current.element as z.ZodType, repeatable: true };
  if (current instanceof z.ZodUnion) {
    const options = current.options as readonly z.ZodType[];
    const one = options.find((option) => !(option instanceof z.ZodArray));
    const many = options.some((option) => option instanceof z.ZodArray);
    if (one !== undefined) return { single: one, repeatable: many };
  }
  return { single: current, repeatable: false };
}

/** The JSON Schema of what a value must look like before transforms (zod's own export of the schema). */
function inputShape(schema: z.ZodType): { pattern?: string; enum?: readonly unknown[] } {
  return z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as { pattern?: string; enum?: readonly unknown[] };
}

/** `^HealthcareService\/(…)$` → `HealthcareService`: referenceTo() in schemas.ts writes this pattern. */
function referenceTarget(pattern: string | undefined): string | undefined {
  return pattern === undefined ? undefined : /^\^([A-Z][A-Za-z]+)\\?\//.exec(pattern)?.[1];
}

function kindOf(single: z.ZodType): { kind: ValueKind; target?: string } {
  const shape = inputShape(single);
  const target = referenceTarget(shape.pattern);
  if (target !== undefined) return { kind: 'reference', target };
  if (shape.enum !== undefined && shape.enum.length === 2 && shape.enum.includes('true') && shape.enum.includes('false')) return { kind: 'boolean' };
  if (!accepts(single, PLAIN_WORD)) {
    if (accepts(single, '2026-09-14T08:30:00+02:00')) return { kind: 'dateTime' };
    if (accepts(single, '2026-09-14')) return { kind: 'date' };
    if (accepts(single, '10') && !accepts(single, '1.5')) return { kind: 'number' };
    return { kind: 'token' };
  }
  return { kind: 'string' };
}

/** The schema's own words for refusing a plain word (a string value takes one: no rule). */
function ruleOf(single: z.ZodType, kind: ValueKind): string | undefined {
  if (kind === 'string') return undefined;
  const result = single.safeParse(PLAIN_WORD, { error: () => UNWORDED });
  const message = result.success ? undefined : result.error.issues[0]?.message;
  return message === undefined || message === UNWORDED ? undefined : message;
}

/** The object shape of a querystring schema (z.object, possibly refined), or undefined for none. */
function shapeOf(schema: unknown): Readonly<Record<string, z.ZodType>> | undefined {
  if (schema instanceof z.ZodObject) return schema.shape as Record<string, z.ZodType>;
  if (schema === undefined || schema === null) return undefined;
  throw new TypeError('A FHIR route querystring schema must be a z.object (its keys are the parameters a CapabilityStatement lists).');
}

/** The parameters a route's querystring schema accepts, in the schema's order. */
export function queryParameters(schema: unknown): QueryParameter[] {
  const shape = shapeOf(schema);
  if (shape === undefined) return [];
  return Object.entries(shape).map(([name, field]) => {
    const { single, repeatable } = singleValue(field);
    const { kind, target } = kindOf(single);
    const rule = ruleOf(single, kind);
    return {
      name,
      required: !accepts(field, undefined),
      repeatable,
      kind,
      ...(target === undefined ? {} : { target }),
      ...(rule === undefined ? {} : { rule }),
    };
  });
}
