// Users and sessions live beside the Fastify server (shared with its user routes); the app only calls them.
export { authenticateUser, closeSession, openSession, readSession } from '../../../../server/auth/tenant-users';
