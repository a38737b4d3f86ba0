/**
 * Whether a tracer provider is registered with @opentelemetry/api in this process: the CLI's
 * (start-tracing.ts), or an embedder's own SDK. createBff turns route spans on by it, so a BFF
 * built where nobody traces pays nothing for them.
 * @module
 */
import { ProxyTracerProvider, trace } from '@opentelemetry/api';

/** True when spans started through @opentelemetry/api would reach a real tracer provider. */
export function tracerProviderRegistered(): boolean {
  const provider = trace.getTracerProvider();
  // The API always hands out its proxy; a registered provider is the proxy's delegate.
  if (!(provider instanceof ProxyTracerProvider)) return true;
  return provider.getDelegateTracer('itb-bff') !== undefined;
}
