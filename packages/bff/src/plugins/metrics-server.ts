/**
 * The Prometheus endpoint: `GET /metrics` on a listener of its own (`ITB_METRICS_PORT`), so metrics
 * are never reachable through the public API port or the clinic site's proxy, and a scraper needs no
 * CORS, cookie or rate-limit exemption. Started when the BFF is ready, closed with it; off unless
 * the port is set.
 * @module
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';

declare module 'fastify' {
  interface FastifyInstance {
    /** `http://host:port/metrics` once listening; undefined when metrics are off. */
    metricsUrl(): string | undefined;
  }
}

function urlOf(server: Server): string {
  const { address, port } = server.address() as AddressInfo;
  return `http://${address.includes(':') ? `[${address}]` : address}:${port}/metrics`;
}

export const metricsServerPlugin = fp(async (app: FastifyInstance) => {
  const { metricsPort, metricsHost } = app.config;
  if (metricsPort === undefined) {
    app.decorate('metricsUrl', () => undefined);
    return;
  }
  const { registry } = app.telemetry;
  const server = createServer((request, response) => {
    if (request.method !== 'GET' || (request.url ?? '').split('?')[0] !== '/metrics') {
      response.writeHead(404, { 'content-type': 'text/plain; charset=utf-8' }).end('Not found: the metrics are at /metrics.\n');
      return;
    }
    registry.metrics().then(
      (text) => response.writeHead(200, { 'content-type': registry.contentType, 'cache-control': 'no-store' }).end(text),
      (error: unknown) => {
        app.log.error({ err: error }, 'metrics could not be collected');
        response.writeHead(500, { 'content-type': 'text/plain; charset=utf-8' }).end('Metrics could not be collected.\n');
      },
    );
  });
  let listening = false;
  app.decorate('metricsUrl', () => (listening ? urlOf(server) : undefined));
  app.addHook('onReady', async () => {
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(metricsPort, metricsHost, () => {
        server.off('error', reject);
        resolve();
      });
    });
    listening = true;
    app.log.info({ metrics: urlOf(server) }, 'metrics listening');
  });
  app.addHook('onClose', async () => {
    if (!listening) return;
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
    listening = false;
  });
}, { fastify: '5.x', name: 'itb-metrics-server', dependencies: ['itb-telemetry'] });
