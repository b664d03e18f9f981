import { AppError, isStaff } from '@hubspoke/domain';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** Anonymous visitors of a signed-in page go to the sign-in form, which brings them back after. */
export async function requireSignedIn(request: FastifyRequest, reply: FastifyReply) {
  if (request.user) return;
  const next = request.method === 'GET' && request.url !== '/' ? `?next=${encodeURIComponent(request.url)}` : '';
  return reply.redirect(`/accedi${next}`, 303);
}

/** Admin pages answer 403 to everyone else; the error handler renders the page. */
export async function requireAdmin(request: FastifyRequest) {
  if (request.user?.role !== 'admin') throw new AppError(403, 'forbidden', 'Only admins can see this page');
}

/** Moderation pages: moderators and admins; the services then limit each to the tables they moderate. */
export async function requireStaff(request: FastifyRequest) {
  if (!request.user || !isStaff(request.user))
    throw new AppError(403, 'forbidden', 'Only moderators can see this page');
}

/** Tutoring pages: tutors, moderators and admins; participants see the 403 page. */
export async function requireTutoringStaff(request: FastifyRequest) {
  if (!request.user || request.user.role === 'participant')
    throw new AppError(403, 'forbidden', 'Only tutors and moderators can see this page');
}
