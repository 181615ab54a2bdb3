import { applyOrderCreate } from './orders-create';
import { applyRefundCreate } from './refunds-create';
import { applyReturnProcess } from './returns-process';
import { applyReturnReopen } from './returns-reopen';
import { applyReturnRequest } from './returns-request';
import { returnTransition } from './returns-transition';
import { applyReturnUpdate } from './returns-update';
import { applyReverseDeliveryDeliverable } from './reverse-deliveries-attach-deliverable';
import { applyReverseFulfillmentOrderDispose } from './reverse-fulfillment-orders-dispose';
import type { TopicContext } from './apply-context';

/** A topic's effect on the domain; returns a one-line note of what it did. */
export type TopicHandler = (ctx: TopicContext) => Promise<string>;

/** The Shopify topics mapped into the returns domain; any other topic is kept raw and answered 202. */
export const TOPIC_HANDLERS: Record<string, TopicHandler> = {
  'orders/create': applyOrderCreate,
  'orders/paid': applyOrderCreate,
  'refunds/create': applyRefundCreate,
  'returns/request': applyReturnRequest,
  'returns/approve': returnTransition('approve', 'approved'),
  'returns/decline': returnTransition('decline', 'declined'),
  'returns/cancel': returnTransition('cancel', 'canceled'),
  'returns/close': returnTransition('close', 'closed'),
  'returns/reopen': applyReturnReopen,
  'returns/update': applyReturnUpdate,
  'returns/process': applyReturnProcess,
  'reverse_deliveries/attach_deliverable': applyReverseDeliveryDeliverable,
  'reverse_fulfillment_orders/dispose': applyReverseFulfillmentOrderDispose,
};

/**
 * Topics of the returns flow that are not mapped yet: kept raw and listed as failed with that reason, so each can
 * be replayed once its mapping lands (nothing acknowledged is lost). Any other topic is kept raw as ignored.
 */
export const UNMAPPED_RETURN_TOPICS = new Set<string>();
