/**
 * Error answers of the demo server. Like every server of ours it answers failures with a FHIR
 * OperationOutcome, except that a browser asking for a page gets a small readable page instead.
 * @module
 */
import { outcome } from '@itb/shared';

/** Send `outcome(reason, diagnostics)` with `status`. */
export function sendOutcome(res, status, reason, diagnostics) {
  const body = JSON.stringify(outcome(reason, diagnostics));
  res.writeHead(status, {
    'Content-Type': 'application/fhir+json; charset=utf-8',
    'Content-Length': Buffer.byteLength(body),
    'Cache-Control': 'no-store',
    'X-Content-Type-Options': 'nosniff',
  });
  res.end(body);
}
