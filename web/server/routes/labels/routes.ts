import { createHmac, timingSafeEqual } from 'node:crypto';
import type { Engine } from '@rebound/engine';
import type { FastifyInstance } from 'fastify';
import { returnLabelPdf } from '../../../labels/return-label';
import { webSecret } from '../../plugins/app/sveltekit';
import { sendProblem } from '../../plugins/external/problem-details';

/** The customer's printable return label, behind the same signed link as their status page. */
export async function labelRoutes(app: FastifyInstance, { engine }: { engine: Engine }): Promise<void> {
  const secret = webSecret(engine.store.dataDir);
  const signatureOf = (value: string) => createHmac('sha256', secret).update(value).digest('base64url').slice(0, 22);
  app.get<{ Params: { tenant: string; id: string }; Querystring: { sig?: string } }>(
    '/labels/:tenant/:id',
    { schema: { hide: true } },
    async (request, reply) => {
      const returnId = request.params.id.replace(/\.pdf$/, '');
      const expected = Buffer.from(signatureOf(`return:${request.params.tenant}:${returnId}`));
      const given = Buffer.from(request.query.sig ?? '');
      if (expected.length !== given.length || !timingSafeEqual(expected, given)) return sendProblem(reply, 403, 'this label link is not valid');
      const ret = await engine.returns.getReturn(request.params.tenant, returnId);
      if (!['approved', 'in_transit'].includes(ret.status)) return sendProblem(reply, 409, `a label is issued once the return is approved; it is ${ret.status}`);
      const store = (await engine.tenants.getTenant(request.params.tenant)).name;
      const statusUrl = `${request.protocol}://${request.host}/portal/${request.params.tenant}/returns/${returnId}?sig=${request.query.sig}`;
      const pdf = await returnLabelPdf({ returnId, orderId: ret.order_id, store, lines: ret.lines.map((l) => `${l.quantity} x ${l.sku}`), statusUrl });
      return reply.type('application/pdf').header('content-disposition', `inline; filename="${returnId}-label.pdf"`).send(pdf);
    },
  );
}
