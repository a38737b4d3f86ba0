/**
 * Everything that acts for a signed-in patient, registered by createBff in one call after the
 * security plugin (so the CSRF guard and rate limits cover these routes): the OIDC relying party,
 * the session cookie, and the login, booking and "my bookings" routes.
 * @module
 */
import type { FastifyInstance } from 'fastify';
import fp from 'fastify-plugin';
// Route `config.rateLimit` typing; the plugin itself is registered by the security plugin.
import type {} from '@fastify/rate-limit';
import { auditPlugin } from './audit.js';
import { oidcPlugin } from './auth.js';
import { idempotencyPlugin } from './idempotency.js';
import { sessionPlugin } from './session.js';
import { authRoutes } from '../routes/auth.js';
import { backchannelLogoutRoute } from '../routes/backchannel-logout.js';
import { bookRoutes } from '../routes/book.js';
import { myBookingsRoutes } from '../routes/my-bookings.js';

export const patientFeatures = fp(async (app: FastifyInstance) => {
  await app.register(oidcPlugin);
  await app.register(sessionPlugin);
  await app.register(auditPlugin);
  await app.register(idempotencyPlugin);
  await app.register(authRoutes);
  await app.register(backchannelLogoutRoute);
  await app.register(myBookingsRoutes);
  await app.register(bookRoutes);
}, { fastify: '5.x', name: 'itb-patient-features' });
