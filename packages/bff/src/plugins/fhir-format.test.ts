import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readOutcome } from '@itb/shared';
import { startBffTestEnv, type BffTestEnv } from '../../test/bff-test-env.test-support.js';
import { acceptsJson, isJsonFormat } from './fhir-format.js';

let env: BffTestEnv;
beforeAll(async () => { env = await startBffTestEnv(); });
afterAll(async () => { await env.close(); });

function get(url: string, accept?: string) {
  return env.app.inject({ url, headers: accept === undefined ? {} : { accept } });
}

describe('406 for formats we do not serve', () => {
  it('answers an Accept of only XML or turtle with a JSON OperationOutcome', async () => {
    for (const accept of ['application/fhir+xml', 'application/xml', 'text/xml', 'text/turtle', 'application/fhir+xml, application/xml;q=0.9', 'application/fhir+json;q=0, application/fhir+xml']) {
      const res = await get('/fhir/HealthcareService', accept);
      expect([res.statusCode, readOutcome(res.json(), res.statusCode).reason], accept).toEqual([406, 'not-acceptable']);
      expect(res.headers['content-type']).toMatch(/^application\/fhir\+json/);
    }
  });

  it('answers a _format other than JSON on any /fhir route, naming _format', async () => {
    const urls = ['/fhir/HealthcareService?_format=xml', '/fhir/$get-offers-context?_format=application/fhir%2Bxml', '/fhir/PractitionerRole/pr-anna-berg-sto?_format=text/xml',
      '/fhir/Appointment/$find?_format=ttl', '/fhir/ActivityDefinition?_format=json&_format=html', '/fhir/Nothing?_format=xml'];
    for (const url of urls) {
      const res = await get(url);
      expect(res.statusCode, url).toBe(406);
      expect((res.json() as { issue: { expression?: string[] }[] }).issue[0]?.expression, url).toEqual(['_format']);
    }
    const post = await env.app.inject({ method: 'POST', url: '/fhir/$get-offers-context?_format=xml', headers: { 'content-type': 'application/fhir+json' }, payload: '{"resourceType":"Parameters"}' });
    expect(post.statusCode).toBe(406);
  });

  it('serves JSON-capable requests as before', async () => {
    for (const accept of [undefined, '', '*/*', 'application/json', 'application/fhir+json', 'application/fhir+json; fhirVersion=4.0', 'application/json+fhir',
      'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8', 'application/fhir+xml;q=0.9, application/fhir+json']) {
      expect((await get('/fhir/HealthcareService', accept)).statusCode, String(accept)).toBe(200);
    }
    for (const format of ['json', 'application/json', 'application/fhir%2Bjson', 'application/fhir+json', 'JSON']) {
      expect((await get(`/fhir/HealthcareService?_format=${format}`)).statusCode, format).toBe(200);
    }
  });

  it('leaves routes outside /fhir alone', async () => {
    expect((await get('/healthz', 'application/xml')).statusCode).toBe(200);
    expect((await get('/healthz?_format=xml')).statusCode).toBe(200);
  });

  it('reads media types without their parameters or case', () => {
    expect(acceptsJson('Application/FHIR+JSON; charset=utf-8')).toBe(true);
    expect(acceptsJson('application/*')).toBe(true);
    expect(acceptsJson('application/fhir+xml')).toBe(false);
    expect(acceptsJson('*/*;q=0')).toBe(false);
    expect(isJsonFormat('application/fhir json')).toBe(true);
    expect(isJsonFormat('xml')).toBe(false);
  });
});
