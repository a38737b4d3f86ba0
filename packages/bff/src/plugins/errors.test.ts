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

  it('answers unknown routes and malformed URLs with outcomes', async () => {
    expectOutcome(await app.inject({ url: '/nope' }), 404, 'not-found');
    expectOutcome(await app.inject({ url: '/t/%E0%A4%A' }), 400, 'invalid-parameter');
  });
});
