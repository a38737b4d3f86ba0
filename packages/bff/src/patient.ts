/**
 * Everything that acts for a signed-in patient, registered by createBff in one call after the
 * security plugin (so the CSRF guard and rate limits cover these routes): the OIDC relying party,
 * the session cookie, and the login, booking and "my bookings" routes.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
import { oidcPlugin } from './plugins/auth.js';
import { sessionPlugin } from './plugins/session.js';
import { authRoutes } from './routes/auth.js';

export const patientFeatures = fp(async (app: FastifyInstance) => {
  await app.register(oidcPlugin);
  await app.register(sessionPlugin);
  await app.register(authRoutes);
}, { fastify: '5.x', name: 'itb-patient-features' });
