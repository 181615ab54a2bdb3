import type { Engine } from '@rebound/engine';
import type { FastifyInstance } from 'fastify';
import { Type, type Static } from 'typebox';
import { addTenantUser, UserRefusal } from '../../auth/tenant-users';
import { requireTenant } from '../../plugins/app/auth';
import { sendProblem } from '../../plugins/external/problem-details';

const NewUserBody = Type.Object({ email: Type.String({ maxLength: 254 }), password: Type.String({ maxLength: 1024 }) }, { additionalProperties: false });
type NewUserBody = Static<typeof NewUserBody>;

/** Dashboard users of the calling tenant: `POST /api/v1/users {email, password}` lets a person sign in at /login. */
export async function userRoutes(app: FastifyInstance, { engine }: { engine: Engine }): Promise<void> {
  app.post<{ Body: NewUserBody }>(
    '/api/v1/users',
    { preHandler: requireTenant(engine), schema: { tags: ['users'], summary: 'Add a dashboard user (e-mail and password)', body: NewUserBody } },
    async (request, reply) => {
      try {
        return reply.code(201).send(await addTenantUser(engine, request.tenantId, request.body.email, request.body.password));
      } catch (error) {
        if (error instanceof UserRefusal) return sendProblem(reply, error.status, error.message);
        throw error;
      }
    },
  );
}
