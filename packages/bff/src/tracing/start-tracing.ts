/**
 * Whether the `itb-bff` process traces, decided from OpenTelemetry's own standard variables (not
 * ITB_ settings in config.ts: every OTel SDK and collector reads these names, and the SDK reads the
 * rest of them itself). Tracing is on when an OTLP endpoint is set, unless OTEL_SDK_DISABLED is
 * true or OTEL_TRACES_EXPORTER is `none`. When it is off, the SDK is never imported, so start-up
 * and the work per request stay exactly as without tracing.
 * @module
 */
import type { Tracing } from './tracing-sdk.js';

/** The service name when neither OTEL_SERVICE_NAME nor OTEL_RESOURCE_ATTRIBUTES names one. */
export const DEFAULT_SERVICE_NAME = 'itb-bff';

type Env = Readonly<Record<string, string | undefined>>;

function isSet(value: string | undefined): value is string {
  return value !== undefined && value.trim() !== '';
}

/** True when `env` asks for traces to be exported. */
export function tracingRequested(env: Env): boolean {
  if (env['OTEL_SDK_DISABLED']?.trim().toLowerCase() === 'true') return false;
  if (env['OTEL_TRACES_EXPORTER']?.split(',').map((name) => name.trim()).includes('none')) return false;
  return isSet(env['OTEL_EXPORTER_OTLP_TRACES_ENDPOINT']) || isSet(env['OTEL_EXPORTER_OTLP_ENDPOINT']);
}

/** The `service.name` to set, or undefined when the environment names the service itself. */
function serviceNameOf(env: Env): string | undefined {
  if (isSet(env['OTEL_SERVICE_NAME'])) return undefined;
  if (/(^|,)\s*service\.name\s*=/.test(env['OTEL_RESOURCE_ATTRIBUTES'] ?? '')) return undefined;
  return DEFAULT_SERVICE_NAME;
}

/** Start tracing when `env` asks for it (see the module comment); undefined when it is off. */
export async function startTracing(env: Env): Promise<Tracing | undefined> {
  if (!tracingRequested(env)) return undefined;
  const { startTracingSdk } = await import('./tracing-sdk.js');
  return startTracingSdk({ serviceName: serviceNameOf(env) });
}
