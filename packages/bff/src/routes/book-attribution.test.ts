import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ATTRIBUTION_HEADER, type Appointment } from '@itb/shared';
import { TEST_ORIGIN } from '../../test/bff-test-env.test-support.js';
import { PERSON, appointmentOf, bookParameters, createBody, freeTimePicker, postBook } from '../../test/booking-fixtures.test-support.js';
import { captureLog } from '../../test/log-capture.test-support.js';
import type { PatientClient, ResponseLog } from '../../test/patient-client.test-support.js';
import { signInPatient, startPatientEnv, type PatientEnv } from '../../test/patient-env.test-support.js';

const { stream, lines } = captureLog();
const log: ResponseLog = [];
let env: PatientEnv;
let alva: PatientClient;

beforeAll(async () => {
  env = await startPatientEnv({ logger: { level: 'info', stream }, env: { ITB_RATE_LIMIT_BOOK_PER_MINUTE: '1000' } });
  alva = await signInPatient(env, PERSON.alva, log, []);
});
afterAll(async () => {
  await env?.close();
});

const pick = freeTimePicker();
const freeTime = (): Promise<Appointment> => pick(alva);

/** The audit lines written since line `start`. */
function auditSince(start: number): Record<string, unknown>[] {
  return lines.slice(start).map((line) => JSON.parse(line) as Record<string, unknown>).filter((line) => line['logger'] === 'audit');
}

/** Values a page URL might carry that must never reach a log. */
const PERSONAL = ['alva@example.invalid', '+46701740605', '070-174 06 05', '19850314-9828', '010501A123B'];

describe('$book campaign attribution', () => {
  it('writes the cleaned UTM values to the create audit line and drops bad ones silently', async () => {
    const start = lines.length;
    const header = new URLSearchParams([
      ['utm_source', 'nyhetsbrev'], ['utm_medium', ' email '], ['utm_campaign', 'vår-2026'],
      ['utm_term', PERSONAL[0]!], ['utm_content', PERSONAL[1]!], ['utm_id', '42'], ['gclid', 'abc'],
    ]).toString();
    const answer = await postBook(alva, createBody(await freeTime()), undefined, { headers: { [ATTRIBUTION_HEADER]: header } });
    expect(answer.status).toBe(200);
    const [line] = auditSince(start);
    expect(line).toMatchObject({ action: 'book', outcome: 'success' });
    expect(line?.['attribution']).toEqual({ utm_source: 'nyhetsbrev', utm_medium: 'email', utm_campaign: 'vår-2026' });
  });

  it('books as usual when every value is refused, and the audit line then has no attribution', async () => {
    const start = lines.length;
    const header = new URLSearchParams([
      ['utm_source', PERSONAL[2]!], ['utm_medium', PERSONAL[3]!], ['utm_campaign', PERSONAL[4]!],
      ['utm_term', '<script>alert(1)</script>'], ['utm_content', 'x'.repeat(101)],
    ]).toString();
    const answers = [
      await postBook(alva, createBody(await freeTime()), undefined, { headers: { [ATTRIBUTION_HEADER]: header } }),
      await postBook(alva, createBody(await freeTime()), undefined, { headers: { [ATTRIBUTION_HEADER]: `utm_source=${'a'.repeat(5000)}` } }),
      await postBook(alva, createBody(await freeTime()), undefined, { headers: { [ATTRIBUTION_HEADER]: '%%%&&&==' } }),
    ];
    expect(answers.map((a) => a.status)).toEqual([200, 200, 200]);
    const audit = auditSince(start);
    expect(audit.map((line) => [line['action'], line['outcome'], 'attribution' in line])).toEqual([
      ['book', 'success', false], ['book', 'success', false], ['book', 'success', false],
    ]);
  });

  it('keeps attribution off a cancellation, even when the header is sent', async () => {
    const booked = appointmentOf((await postBook(alva, createBody(await freeTime()))).body);
    const start = lines.length;
    const cancelled = await postBook(alva, bookParameters({ ...booked, status: 'cancelled' }), undefined, { headers: { [ATTRIBUTION_HEADER]: 'utm_source=nyhetsbrev' } });
    expect(cancelled.status).toBe(200);
    const [line] = auditSince(start);
    expect(line).toMatchObject({ action: 'cancel', outcome: 'success' });
    expect(line).not.toHaveProperty('attribution');
  });

  it('lets an allowed origin send the header cross-origin (CORS preflight)', async () => {
    const preflight = await env.bff.app.inject({
      method: 'OPTIONS',
      url: '/fhir/Appointment/$book',
      headers: { origin: TEST_ORIGIN, 'access-control-request-method': 'POST', 'access-control-request-headers': `content-type, x-itb-csrf, idempotency-key, ${ATTRIBUTION_HEADER.toLowerCase()}` },
    });
    expect(preflight.statusCode).toBe(204);
    expect(String(preflight.headers['access-control-allow-headers']).toLowerCase()).toContain(ATTRIBUTION_HEADER.toLowerCase());
  });

  it('never logs a refused value', () => {
    const everything = lines.join('\n');
    for (const value of PERSONAL) expect(everything.includes(value), `logs contain ${value.slice(0, 4)}…`).toBe(false);
    expect(everything).not.toContain('<script>');
  });
});
