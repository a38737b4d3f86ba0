/**
 * Webhook POSTs signed per the Standard Webhooks spec (the `standardwebhooks` package): headers
 * `webhook-id` (the event id, the same on every retry, so receivers dedupe on it),
 * `webhook-timestamp` (this try, in seconds) and `webhook-signature` (`v1,<base64>`, one per
 * configured secret). The body is `{ type, timestamp, data }`.
 * @module
 */
import { Webhook } from 'standardwebhooks';
import type { BookingEvent } from '@itb/shared';
import type { WebhookEndpoint } from '../config.js';
import { DeliveryError } from './delivery-error.js';

export interface WebhookSender {
  /** POST `event` to the endpoint with this id; throws a DeliveryError unless it answered 2xx. */
  send(endpointId: string, event: BookingEvent): Promise<{ status: number }>;
}

/** The body receivers get: exactly what is signed. */
export function webhookBody(event: BookingEvent): string {
  return JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data });
}

export function createWebhookSender(options: { endpoints: readonly WebhookEndpoint[]; timeoutMs: number; now: () => Date }): WebhookSender {
  const endpoints = new Map(options.endpoints.map((endpoint) => [endpoint.id, { url: endpoint.url, signers: endpoint.secrets.map((secret) => new Webhook(secret)) }]));
  return {
    async send(endpointId, event) {
      const endpoint = endpoints.get(endpointId);
      // Queued by an instance with another ITB_WEBHOOKS: nowhere to send it now, and retrying cannot help.
      if (endpoint === undefined) throw new DeliveryError('the webhook endpoint is no longer configured', { permanent: true });
      const body = webhookBody(event);
      const at = options.now();
      let answer: Response;
      try {
        answer = await fetch(endpoint.url, {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'user-agent': 'itb-booking-bff',
            'webhook-id': event.id,
            'webhook-timestamp': String(Math.floor(at.getTime() / 1000)),
            'webhook-signature': endpoint.signers.map((signer) => signer.sign(event.id, at, body)).join(' '),
          },
          body,
          redirect: 'manual',
          signal: AbortSignal.timeout(options.timeoutMs),
        });
      } catch (error) {
        throw new DeliveryError(error instanceof Error && error.name === 'TimeoutError' ? 'the receiver did not answer in time' : 'the receiver could not be reached', { cause: error });
      }
      await answer.body?.cancel().catch(() => undefined);
      // 410 Gone is a receiver saying "stop sending" (Standard Webhooks' convention); anything else may pass.
      if (answer.status === 410) throw new DeliveryError('the receiver answered HTTP 410 Gone', { status: 410, permanent: true });
      if (answer.status < 200 || answer.status >= 300) throw new DeliveryError(`the receiver answered HTTP ${answer.status}`, { status: answer.status });
      return { status: answer.status };
    },
  };
}
