/**
 * `npm start`'s BFF logs as the CLI does: at ITB_LOG_LEVEL, request lines (and audit lines) as JSON.
 */
import { Writable } from 'node:stream';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { startStack, type Stack } from '../scripts/stack.js';

const lines: string[] = [];
const stream = new Writable({
  write(chunk: Buffer, _encoding, done) {
    lines.push(...chunk.toString('utf8').split('\n').filter((line) => line !== ''));
    done();
  },
});
let logged: Stack;

beforeAll(async () => {
  logged = await startStack({ ports: 0, logLevel: 'info', logStream: stream });
});
afterAll(() => logged?.stop());

it('logs request lines at ITB_LOG_LEVEL=info', async () => {
  const answer = await fetch(`${logged.urls.bff}/fhir/HealthcareService`);
  expect(answer.status).toBe(200);
  await expect.poll(() => lines.map((line) => JSON.parse(line) as Record<string, unknown>)
    .some((line) => line['route'] === '/fhir/HealthcareService' && line['status'] === 200)).toBe(true);
});
