/**
 * Upstream calls made with the signed-in patient's access token. ITB answering 401 means the
 * token is no longer good (revoked, or the IdP restarted): the session is over, so the cookie goes
 * and the browser hears 'login-required', the one answer that makes the widget offer sign-in again.
 * @module
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { OutcomeError } from '../errors.js';
import type { UpstreamRequestOptions, UpstreamResponse } from '../plugins/upstream.js';

/** `app.upstream.request` with the session's bearer token (requirePatient must have run). */
export async function patientRequest<T = unknown>(
  request: FastifyRequest,
  reply: FastifyReply,
  options: Omit<UpstreamRequestOptions, 'auth'>,
): Promise<UpstreamResponse<T>> {
  const session = request.session;
  if (session === null) throw new OutcomeError('login-required', 'Sign in to continue.');
  // The request's one deadline bounds every call made for it (plugins/deadline.ts).
  const answer = await request.server.upstream.request<T>({ ...options, auth: { bearer: session.tokens.accessToken }, signal: request.deadline });
  if (answer.status === 401) {
    reply.clearSession();
    throw new OutcomeError('login-required', 'The sign-in is no longer valid; sign in again.');
  }
  return answer;
}
