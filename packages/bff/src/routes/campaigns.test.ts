import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutcome } from '@itb/shared';
import { startBffTestEnv, type BffTestEnv } from '../../test/bff-test-env.test-support.js';

const NOW = new Date('2026-04-15T10:00:00+02:00');

let env: BffTestEnv;
beforeAll(async () => {
  const file = join(mkdtempSync(join(tmpdir(), 'itb-bff-campaigns-')), 'campaigns.json');
  writeFileSync(file, JSON.stringify([
    { code: 'SPRING26', validFrom: '2026-03-01T00:00:00+01:00', validTo: '2026-05-31T23:59:59+02:00', clinicIds: ['hs-stockholm-city'], message: { sv: 'Vårkoll', en: 'Spring check' } },
    { code: 'WINTER25', tag: 'SPRING26', validTo: '2026-02-28T23:59:59+01:00' },
    { code: 'AUTUMN26', tag: 'SPRING26', validFrom: '2026-09-01T00:00:00+02:00' },
    { code: 'EMPTY', tag: 'no-such-tag', message: 'Nothing here' },
  ]));
  env = await startBffTestEnv({ env: { ITB_CAMPAIGNS_FILE: file }, now: () => NOW });
});
afterAll(async () => { await env.close(); });

describe('GET /campaigns/{code}', () => {
  it('describes a valid code with the treatments carrying its tag', async () => {
    const res = await env.app.inject({ url: '/campaigns/spring26' });
    expect(res.statusCode).toBe(200);
    expect(res.json()).toEqual({
      code: 'SPRING26', tag: 'SPRING26', treatmentIds: ['ad-spring-check-45'],
      message: { sv: 'Vårkoll', en: 'Spring check' }, validTo: '2026-05-31T23:59:59+02:00', clinicIds: ['hs-stockholm-city'],
    });
    expect((await env.app.inject({ url: '/campaigns/EMPTY' })).json()).toMatchObject({ treatmentIds: [], message: 'Nothing here' });
  });

  it('answers 404 campaign-expired for a passed code and campaign-unknown for others', async () => {
    const expired = await env.app.inject({ url: '/campaigns/WINTER25' });
    expect(expired.statusCode).toBe(404);
    expect(readOutcome(expired.json()).reason).toBe('campaign-expired');
    for (const code of ['NOPE', 'AUTUMN26', 'x'.repeat(65), '%00', "'%20OR%201=1", '..%2F..', '%E2%9C%93']) {
      const res = await env.app.inject({ url: `/campaigns/${code}` });
      expect(res.statusCode, code).toBe(404);
      expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
      expect(readOutcome(res.json()).reason).toBe('campaign-unknown');
    }
  });
});
