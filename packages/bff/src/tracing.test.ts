/**
 * A `$book` as a trace, through the SDK setup the CLI uses (tracing/tracing-sdk.ts) with an
 * in-memory exporter: the BFF's SERVER span with the route, @fastify/otel's spans inside it, CLIENT
 * spans for the upstream calls, the cache decisions as events, and the in-process sandbox's SERVER
 * span as a child of the BFF's CLIENT span (so `traceparent` went upstream). No span name,
 * attribute, event or status says who the patient is or holds a secret, and no URL keeps its query.
 */
import { SpanKind, SpanStatusCode, type AttributeValue } from '@opentelemetry/api';
import { InMemorySpanExporter, SimpleSpanProcessor, type ReadableSpan } from '@opentelemetry/sdk-trace';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { PERSON, createBody, findTimes, postBook, STOCKHOLM_ANNA } from '../test/booking-fixtures.test-support.js';
import type { PatientClient } from '../test/patient-client.test-support.js';
import { secretsOf, signInPatient, startPatientEnv, type PatientEnv } from '../test/patient-env.test-support.js';
import type { PatientSession } from './plugins/session.js';
import { startTracingSdk, type Tracing } from './tracing/tracing-sdk.js';

const PHONE = '+46701740605';
const URL_ATTRIBUTES = ['url.full', 'url.path', 'url.query', 'http.url', 'http.target'];

/** The spans of the test at hand (reset by each); `everything` keeps all of them, sign-in included. */
const exporter = new InMemorySpanExporter();
const everything = new InMemorySpanExporter();
const sessions: PatientSession[] = [];
let tracing: Tracing;
let env: PatientEnv;
let alva: PatientClient;

// The SDK first: createBff adds route spans only when a tracer provider is registered.
beforeAll(async () => {
  tracing = startTracingSdk({ serviceName: 'itb-bff-test', spanProcessors: [exporter, everything].map((to) => new SimpleSpanProcessor({ exporter: to })) });
  env = await startPatientEnv();
  alva = await signInPatient(env, PERSON.alva, [], sessions);
});
afterAll(async () => {
  await env?.close();
  // Unregisters the provider, context manager and propagator and unpatches http/https.
  await tracing?.stop();
});

/** Every string a span could leak: the patient's number in its usual spellings, names, phone, and every secret. */
function personalData(): string[] {
  const session = sessions[0];
  if (session === undefined) throw new Error('no session');
  const number = session.identity.personalNumber.value;
  const { givenName, familyName } = session.identity;
  return [
    number, `${number.slice(0, 8)}-${number.slice(8)}`, number.slice(2), `${number.slice(2, 8)}-${number.slice(8)}`,
    ...(givenName === undefined ? [] : [givenName]), ...(familyName === undefined ? [] : [familyName]),
    PHONE, PHONE.slice(3), `0${PHONE.slice(3)}`,
    ...secretsOf(env.bff.config, sessions),
  ];
}

/** Every text a span carries to an exporter. */
function textsOf(span: ReadableSpan): string[] {
  const values = (attributes: Readonly<Record<string, AttributeValue | undefined>>) => Object.values(attributes).flatMap((value) => (Array.isArray(value) ? value : [value])).map(String);
  return [
    span.name,
    span.status.message ?? '',
    ...values(span.attributes),
    ...span.events.flatMap((event) => [event.name, ...values(event.attributes ?? {})]),
  ];
}

function expectNoPersonalData(spans: readonly ReadableSpan[]): void {
  const data = personalData();
  for (const span of spans) {
    for (const text of textsOf(span)) {
      for (const item of data) expect(text.includes(item), `span '${span.name}' carries personal data or a secret: ${text}`).toBe(false);
    }
  }
}

/** The finished BFF SERVER span of `route` (it ends when the response closes, just after the client has read it). */
async function serverSpanOf(route: string, method: string): Promise<ReadableSpan> {
  return vi.waitFor(() => {
    const found = exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.SERVER && span.attributes['http.route'] === route && span.attributes['http.request.method'] === method);
    expect(found).toHaveLength(1);
    return found[0] as ReadableSpan;
  });
}

/** True when `span` descends from `ancestor` (through parents within `spans`). */
function descendsFrom(span: ReadableSpan, ancestor: ReadableSpan, spans: readonly ReadableSpan[]): boolean {
  const byId = new Map(spans.map((s) => [s.spanContext().spanId, s]));
  for (let parent = span.parentSpanContext?.spanId; parent !== undefined; parent = byId.get(parent)?.parentSpanContext?.spanId) {
    if (parent === ancestor.spanContext().spanId) return true;
  }
  return false;
}

describe('tracing a $book', () => {
  it('shows the route, the upstream calls, the cache decisions and the sandbox answering in one trace', async () => {
    const [time] = await findTimes(alva, STOCKHOLM_ANNA);
    exporter.reset();
    const booked = await postBook(alva, createBody(time!));
    expect(booked.status).toBe(200);

    const server = await serverSpanOf('/fhir/Appointment/$book', 'POST');
    expect(server.name).toBe('POST /fhir/Appointment/$book');
    expect(server.parentSpanContext).toBeUndefined();
    expect(server.attributes['http.response.status_code']).toBe(200);
    expect(server.attributes['url.path']).toBe('/fhir/Appointment/$book');
    const trace = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === server.spanContext().traceId);

    // @fastify/otel's request span: pattern, method and status.
    const request = trace.find((span) => span.name === 'request' && span.attributes['fastify.root'] === '@fastify/otel');
    expect(request?.attributes).toMatchObject({ 'http.route': '/fhir/Appointment/$book', 'http.request.method': 'POST', 'http.response.status_code': 200 });
    expect(request?.parentSpanContext?.spanId).toBe(server.spanContext().spanId);

    const clients = trace.filter((span) => span.kind === SpanKind.CLIENT);
    const upstreamBase = env.bff.config.upstreamFhirUrl;
    const book = clients.find((span) => span.attributes['http.request.method'] === 'POST' && span.attributes['url.full'] === `${upstreamBase}/Appointment/$book`);
    expect(book, `client spans: ${clients.map((c) => `${String(c.attributes['http.request.method'])} ${String(c.attributes['url.full'])}`).join(', ')}`).toBeDefined();
    expect(book?.attributes['http.response.status_code']).toBe(200);
    for (const client of clients) expect(descendsFrom(client, server, trace)).toBe(true);

    // $book asks ITB whether the time is still offered: a $find with a query, which must not leak.
    const find = clients.find((span) => String(span.attributes['url.full']).includes('/Appointment/$find'));
    expect(find?.attributes['url.full']).toBe(`${upstreamBase}/Appointment/$find`);
    for (const span of trace) {
      for (const name of URL_ATTRIBUTES) expect(String(span.attributes[name] ?? ''), `${span.name} ${name}`).not.toContain('?');
    }

    const cacheEvents = trace.flatMap((span) => span.events).filter((event) => event.name === 'itb.cache');
    expect(cacheEvents.map((event) => event.attributes?.['itb.cache.name'])).toContain('catalog');
    expect(cacheEvents.every((event) => ['hit', 'stale', 'miss'].includes(String(event.attributes?.['itb.cache.result'])))).toBe(true);

    // The sandbox runs in this process, and its server is instrumented too.
    const sandboxBook = await vi.waitFor(() => {
      const found = exporter.getFinishedSpans().find((span) => span.kind === SpanKind.SERVER && span.parentSpanContext?.spanId === book?.spanContext().spanId);
      expect(found).toBeDefined();
      return found as ReadableSpan;
    });
    expect(sandboxBook.spanContext().traceId).toBe(server.spanContext().traceId);
    expect(sandboxBook.parentSpanContext?.isRemote).toBe(true);
    expect(sandboxBook.attributes['url.path']).toMatch(/\/Appointment\/\$book$/);

    expectNoPersonalData(exporter.getFinishedSpans());
  });

  it('records a refused request’s status, but neither its body nor an exception', async () => {
    exporter.reset();
    const refused = await alva.request('fhir/Appointment/$book', {
      method: 'POST',
      headers: { 'content-type': 'application/fhir+json', 'idempotency-key': 'tracing-malformed-1' },
      // Short enough that V8's own JSON.parse message would quote all of it (Fastify's does not).
      body: `x ${PHONE}`,
    });
    expect(refused.response.status).toBe(400);
    const server = await serverSpanOf('/fhir/Appointment/$book', 'POST');
    const trace = exporter.getFinishedSpans().filter((span) => span.spanContext().traceId === server.spanContext().traceId);
    const request = trace.find((span) => span.name === 'request');
    expect(request?.status.code).toBe(SpanStatusCode.ERROR);
    expect(request?.attributes['http.response.status_code']).toBe(400);
    expect(trace.flatMap((span) => span.events).filter((event) => event.name === 'exception')).toEqual([]);
    expectNoPersonalData(trace);
  });

  it('leaves out the query of every URL and the browser’s address and user agent, sign-in included', async () => {
    const spans = everything.getFinishedSpans();
    expect(spans.some((span) => span.attributes['http.route'] === '/auth/callback')).toBe(true);
    expect(spans.length).toBeGreaterThan(0);
    for (const span of spans) {
      for (const name of URL_ATTRIBUTES) expect(String(span.attributes[name] ?? ''), `${span.name} ${name}`).not.toContain('?');
      for (const name of ['client.address', 'user_agent.original', 'url.query']) expect(span.attributes[name], `${span.name} ${name}`).toBeUndefined();
      expect(Object.keys(span.attributes).filter((key) => key.startsWith('http.request.header.') || key.startsWith('http.response.header.'))).toEqual([]);
    }
    expectNoPersonalData(spans);
  });
});
