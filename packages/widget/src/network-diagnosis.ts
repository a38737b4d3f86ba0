/**
 * Why a request to the BFF never got an answer. The browser reports a page origin the BFF refuses
 * (no CORS headers) and a BFF it cannot reach with the same `TypeError`; the BFF's public
 * `/healthz`, readable from any origin without credentials, tells them apart: it answers when the
 * BFF runs, so then the refusal was about this page's origin. Integrators read the verdict in the
 * console and in `itb-error`'s `reason`; patients get a message that does not blame their connection.
 * @module
 */
import type { ItbProblem } from '@itb/shared';

export type NetworkVerdict = 'origin-not-allowed' | 'network';

const ORIGIN_REFUSED: ItbProblem = { reason: 'origin-not-allowed', issueCode: 'security', diagnostics: '', status: 403 };
const UNREACHABLE: ItbProblem = { reason: 'network', issueCode: 'transient', diagnostics: '', status: 0 };

/** Asks `healthUrl` without cookies; any answer at all means the BFF is up. */
async function answers(healthUrl: string, signal: AbortSignal | undefined): Promise<boolean> {
  try {
    const response = await fetch(healthUrl, { credentials: 'omit', cache: 'no-store', ...(signal === undefined ? {} : { signal }) });
    return response.ok;
  } catch {
    return false;
  }
}

/** The console line for integrators; said once per kind and BFF, not at every retry. */
function explain(verdict: NetworkVerdict, bffBase: string, pageOrigin: string): string {
  return verdict === 'origin-not-allowed'
    ? `<itb-booking>: the BFF at ${bffBase} is running but refuses this page's origin ${pageOrigin}. Add ${pageOrigin} to the BFF's ITB_ALLOWED_ORIGINS.`
    : `<itb-booking>: cannot reach the BFF at ${bffBase} (its /healthz does not answer either). Check the element's bff attribute and that the BFF is running and reachable from this page.`;
}

const said = new Set<string>();

/** The problem to report for a request to the BFF at `bffBase` that failed without an answer. */
export async function diagnoseNetworkFailure(bffBase: string, signal?: AbortSignal): Promise<ItbProblem> {
  const verdict: NetworkVerdict = await answers(`${bffBase}/healthz`, signal) ? 'origin-not-allowed' : 'network';
  const key = `${verdict} ${bffBase}`;
  if (!said.has(key)) {
    said.add(key);
    console.error(explain(verdict, bffBase, window.location.origin));
  }
  return verdict === 'origin-not-allowed' ? ORIGIN_REFUSED : UNREACHABLE;
}
