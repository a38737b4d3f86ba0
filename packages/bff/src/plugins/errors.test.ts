import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { readOutcome } from '@itb/shared';
import { offlineTestConfig } from '../../test/test-config.test-support.js';
import { createBff } from '../create-bff.js';
import { OutcomeError } from '../errors.js';

const config = offlineTestConfig({ ITB_BODY_LIMIT_BYTES: '2048' });

let app: FastifyInstance;
beforeAll(async () => {
  app = await createBff(config);
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/t/outcome', async () => { throw new OutcomeError('slot-taken', 'The time is taken.', { cause: new Error('secret upstream body'), detail: 'x' }); });
  typed.get('/t/crash', async () => { throw new Error('database password=hunter2 at /srv/app.js:12'); });
  typed.get('/t/query', { schema: { querystring: z.object({ start: z.iso.datetime(), n: z.coerce.number().int().max(5) }) } }, async () => ({ ok: true }));
  typed.post('/t/body', { schema: { body: z.object({ comment: z.string().max(10) }) } }, async () => ({ ok: true }));
  typed.post('/t/parameters', { schema: { body: z.object({ resourceType: z.literal('Parameters'), parameter: z.array(z.object({ name: z.string(), valueString: z.string().max(5).optional() })).min(1) }) } }, async () => ({ ok: true }));
  typed.get('/t/many', { schema: { querystring: z.object({ flag: z.enum(['true', 'false']).optional(), id: z.union([z.string().max(4), z.array(z.string().max(4)).max(2)]).optional(), one: z.string().optional() }).strict() } }, async () => ({ ok: true }));
  await app.ready();
});
afterAll(async () => { await app.close(); });

function expectOutcome(res: { statusCode: number; headers: Record<string, unknown>; json(): unknown }, status: number, reason: string): string {
  expect(res.statusCode).toBe(status);
  expect(String(res.headers['content-type'])).toMatch(/^application\/fhir\+json/);
  const body = res.json() as { resourceType: string };
  expect(body.resourceType).toBe('OperationOutcome');
  const problem = readOutcome(body, res.statusCode);
  expect(problem.reason).toBe(reason);
  return problem.diagnostics;
}

describe('errors plugin', () => {
  it('sends an OutcomeError with its reason status and detail, without the cause', async () => {
    const res = await app.inject({ url: '/t/outcome' });
    expect(expectOutcome(res, 409, 'slot-taken')).toBe('The time is taken.');
    expect(readOutcome(res.json()).detail).toBe('x');
    expect(res.body).not.toContain('secret upstream body');
  });

  it('hides unexpected errors behind a generic 500 outcome', async () => {
    const res = await app.inject({ url: '/t/crash' });
    expectOutcome(res, 500, 'internal');
    expect(res.body).not.toMatch(/hunter2|app\.js|stack/);
  });

  it('names the invalid query parameter', async () => {
    const res = await app.inject({ url: '/t/query?start=yesterday&n=1' });
    expect(expectOutcome(res, 400, 'invalid-parameter')).toMatch(/query parameter 'start'/);
    const missing = await app.inject({ url: '/t/query?start=2026-01-01T00:00:00Z' });
    expect(expectOutcome(missing, 400, 'invalid-parameter')).toMatch(/query parameter 'n'/);
  });

  it('maps malformed JSON, wrong body fields and oversized bodies', async () => {
    const json = { 'content-type': 'application/json', origin: 'https://clinic.example', 'x-itb-csrf': '1' };
    expectOutcome(await app.inject({ method: 'POST', url: '/t/body', headers: json, payload: '{"comment":' }), 400, 'invalid-parameter');
    expect(expectOutcome(await app.inject({ method: 'POST', url: '/t/body', headers: json, payload: { comment: 'far too long a comment' } }), 400, 'invalid-parameter'))
      .toMatch(/body field 'comment'/);
    expectOutcome(await app.inject({ method: 'POST', url: '/t/body', headers: json, payload: JSON.stringify({ comment: 'x'.repeat(5000) }) }), 413, 'payload-too-large');
  });

  it('words every schema failure itself, with the parameter or body path as FHIRPath expression', async () => {
    const json = { 'content-type': 'application/json', origin: 'https://clinic.example', 'x-itb-csrf': '1' };
    const cases: [string, Promise<{ statusCode: number; headers: Record<string, unknown>; json(): unknown }>, string, string[] | undefined][] = [
      ['missing', app.inject({ url: '/t/query?n=1' }), "The query parameter 'start' is required.", ['start']],
      ['coerced number', app.inject({ url: '/t/query?start=2026-01-01T00:00:00Z&n=x' }), "The query parameter 'n' must be a number.", ['n']],
      ['too big', app.inject({ url: '/t/query?start=2026-01-01T00:00:00Z&n=9' }), "The query parameter 'n' must be at most 5.", ['n']],
      ['enum', app.inject({ url: '/t/many?flag=yes' }), "The query parameter 'flag' must be one of \"true\", \"false\".", ['flag']],
      ['repeated', app.inject({ url: '/t/many?one=a&one=b' }), "The query parameter 'one' may be given only once.", ['one']],
      ['too many repeats', app.inject({ url: '/t/many?id=a&id=b&id=c' }), "The query parameter 'id' may hold at most 2 values.", ['id']],
      ['too long', app.inject({ url: '/t/many?id=abcdef' }), "The query parameter 'id' must be at most 4 characters long.", ['id']],
      ['unknown', app.inject({ url: '/t/many?other=1' }), "Unknown query parameter: 'other'.", ['other']],
      ['body field', app.inject({ method: 'POST', url: '/t/parameters', headers: json, payload: { resourceType: 'Parameters', parameter: [{ name: 'a', valueString: 'far too long' }] } }),
        "The body field 'Parameters.parameter[0].valueString' must be at most 5 characters long.", ['Parameters.parameter[0].valueString']],
      ['body missing field', app.inject({ method: 'POST', url: '/t/parameters', headers: json, payload: { resourceType: 'Parameters', parameter: [{}] } }),
        "The body field 'Parameters.parameter[0].name' is required.", ['Parameters.parameter[0].name']],
      ['empty list', app.inject({ method: 'POST', url: '/t/parameters', headers: json, payload: { resourceType: 'Parameters', parameter: [] } }),
        "The body field 'Parameters.parameter' must not be empty.", ['Parameters.parameter']],
      ['wrong resource', app.inject({ method: 'POST', url: '/t/parameters', headers: json, payload: { resourceType: 'Bundle' } }),
        "The body field 'Bundle.resourceType' must be \"Parameters\".", ['Bundle.resourceType']],
      ['bad JSON', app.inject({ method: 'POST', url: '/t/body', headers: json, payload: '{"comment":' }), 'The request body is not valid JSON.', undefined],
      ['empty JSON', app.inject({ method: 'POST', url: '/t/body', headers: json, payload: '' }), 'The request body is empty; send a JSON body or no Content-Type.', undefined],
      ['content type', app.inject({ method: 'POST', url: '/t/body', headers: { ...json, 'content-type': 'text/xml' }, payload: '<a/>' }), 'This route does not take a request body of that content type.', undefined],
    ];
    for (const [name, answer, diagnostics, expression] of cases) {
      const res = await answer;
      const issue = (res.json() as { issue: { diagnostics?: string; expression?: string[] }[] }).issue[0];
      expect([name, issue?.diagnostics, issue?.expression]).toEqual([name, diagnostics, expression]);
      // None of zod's or Fastify's own sentences.
      expect(issue?.diagnostics).not.toMatch(/Invalid input|expected \w+, received|Too (big|small)|Invalid option|Unrecognized key|Unsupported Media Type|Body is not valid JSON|content-type is set/);
    }
  });

  it('answers unknown routes and malformed URLs with outcomes', async () => {
    expectOutcome(await app.inject({ url: '/nope' }), 404, 'not-found');
    expectOutcome(await app.inject({ url: '/t/%E0%A4%A' }), 400, 'invalid-parameter');
  });
});
