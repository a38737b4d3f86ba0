/**
 * When the CLI traces: only with an OTLP endpoint in the standard variables. Then the real CLI
 * (ESM, as deployed) exports its spans over OTLP/HTTP to a receiver in this test, and the last
 * ones leave on SIGTERM: the batch processor would otherwise hold them for 5 s.
 */
import { spawn } from 'node:child_process';
import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSandbox } from '@itb/sandbox';
import { bffTestEnvVars, freePort, type TestSandbox } from '../../test/bff-test-env.test-support.js';
import { tracingRequested } from './start-tracing.js';

const CLI = fileURLToPath(new URL('../cli.ts', import.meta.url));

describe('tracingRequested', () => {
  it('is on with an OTLP endpoint, unless the SDK or its trace exporter is switched off', () => {
    expect(tracingRequested({})).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: ' ' })).toBe(false);
    expect(tracingRequested({ OTEL_SERVICE_NAME: 'itb-bff' })).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318' })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://collector:4318/v1/traces' })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'TRUE' })).toBe(false);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_SDK_DISABLED: 'false' })).toBe(true);
    expect(tracingRequested({ OTEL_EXPORTER_OTLP_ENDPOINT: 'http://collector:4318', OTEL_TRACES_EXPORTER: 'none' })).toBe(false);
  });
});

interface OtlpAttribute { key: string; value: { stringValue?: string; intValue?: string | number } }
interface OtlpSpan { name: string; kind?: number; attributes?: OtlpAttribute[] }
interface OtlpExport { resourceSpans?: Array<{ resource?: { attributes?: OtlpAttribute[] }; scopeSpans?: Array<{ spans?: OtlpSpan[] }> }> }

describe('itb-bff with OTEL_EXPORTER_OTLP_ENDPOINT', () => {
  let sandbox: TestSandbox;
  let receiver: Server;
  const exports: OtlpExport[] = [];

  beforeAll(async () => {
    sandbox = await createSandbox({ port: 0 });
    // An OTLP/HTTP JSON collector: every export body, answered with success.
    receiver = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk) => { body += String(chunk); });
      request.on('end', () => {
        if (request.url === '/v1/traces') exports.push(JSON.parse(body) as OtlpExport);
        response.writeHead(200, { 'content-type': 'application/json' }).end('{}');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    await new Promise((resolve) => receiver.close(resolve));
    await sandbox.close();
  });

  it('exports the route spans of the CLI, and sends the last ones on SIGTERM', async () => {
    const port = await freePort();
    const { port: receiverPort } = receiver.address() as { port: number };
    const env = {
      ...bffTestEnvVars(sandbox, `http://localhost:${port}`, { ITB_BFF_PORT: String(port), ITB_LOG_LEVEL: 'info' }),
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${receiverPort}`,
      OTEL_EXPORTER_OTLP_PROTOCOL: 'http/json',
    };
    const child = spawn(process.execPath, ['--import', 'tsx', CLI], { env: { PATH: process.env['PATH'] ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    child.stdout.on('data', (chunk) => { output += String(chunk); });
    child.stderr.on('data', (chunk) => { output += String(chunk); });
    const exit = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
    try {
      for (const deadline = Date.now() + 15_000; !output.includes('itb-bff listening');) {
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`the CLI did not start: ${output}`);
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(output).toContain('tracing on');
      expect((await fetch(`http://localhost:${port}/fhir/HealthcareService?active=true`)).status).toBe(200);
      child.kill('SIGTERM');
      expect(await exit, output).toBe(0);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
    }

    const resources = exports.flatMap((e) => e.resourceSpans ?? []);
    const serviceNames = resources.map((r) => r.resource?.attributes?.find((a) => a.key === 'service.name')?.value.stringValue);
    expect(new Set(serviceNames)).toEqual(new Set(['itb-bff']));
    const spans = resources.flatMap((r) => r.scopeSpans ?? []).flatMap((s) => s.spans ?? []);
    const attribute = (span: OtlpSpan, key: string) => span.attributes?.find((a) => a.key === key)?.value;
    const server = spans.find((span) => span.name === 'GET /fhir/HealthcareService');
    expect(attribute(server!, 'http.route')?.stringValue).toBe('/fhir/HealthcareService');
    expect(attribute(server!, 'url.path')?.stringValue).toBe('/fhir/HealthcareService');
    expect(attribute(server!, 'url.query')).toBeUndefined();
    expect(spans.some((span) => span.name === 'request' && attribute(span, 'http.route')?.stringValue === '/fhir/HealthcareService')).toBe(true);
    // OTLP's SPAN_KIND_CLIENT: an upstream call, so the ESM CLI's http module was patched too.
    const upstream = spans.filter((span) => span.kind === 3);
    expect(upstream.map((span) => attribute(span, 'url.full')?.stringValue)).toContain(`${sandbox.fhirBase}/HealthcareService`);
  });
});
