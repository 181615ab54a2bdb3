import type { Transaction } from 'kysely';
import type { Database } from '../../db/database';
import type { OrderLineRow } from '../../orders/order.table';
import type { ReturnLineRow, ReturnRow, ReturnUpdate } from '../return.table';
import type { ReturnStatus } from '../status';

/** The actions that move a return through its lifecycle (one file each in this folder). */
export type ReturnAction = 'approve' | 'decline' | 'cancel' | 'ship' | 'receive' | 'inspect' | 'resolve' | 'close';

/** Everything a transition may look at and write through. */
export interface TransitionContext<I> {
  trx: Transaction<Database>;
  ret: ReturnRow;
  lines: ReturnLineRow[];
  orderLines: OrderLineRow[];
  input: I;
  at: Date;
  currency: string;
}

/** One state change of the RMA lifecycle: where it may start, where it goes, what it checks and writes. */
export interface ReturnTransition<I = Record<string, unknown>> {
  action: ReturnAction;
  /** The statuses this action is allowed from. */
  from: readonly ReturnStatus[];
  /** The status it leads to (may depend on the input). */
  to(input: I): ReturnStatus;
  /** Refuses input that makes no sense for this return (throws); runs before anything is written. */
  guard?(ctx: TransitionContext<I>): void;
  /** Writes the transition's effects on lines and returns the return's own column changes and the event payload. */
  apply(ctx: TransitionContext<I>): Promise<{ update: ReturnUpdate; payload: Record<string, unknown> }>;
}
