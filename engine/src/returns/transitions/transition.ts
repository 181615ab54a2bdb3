import type { Transaction } from 'kysely';
import type { Database } from '../../db/database';
import type { OrderLineRow } from '../../orders/order.table';
import type { ReturnLineRow, ReturnRow, ReturnUpdate } from '../return.table';
import type { ReturnStatus } from '../status';

/** The actions merchants take through the API and dashboard (one file each in this folder). */
export type ReturnAction = 'approve' | 'decline' | 'cancel' | 'ship' | 'receive' | 'inspect' | 'resolve' | 'close';

/** Every action of the lifecycle: the merchants' actions and `reopen` (when the shop reopens a return, or through its own API route). */
export type LifecycleAction = ReturnAction | 'reopen';

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
  action: LifecycleAction;
  /** The statuses this action is allowed from. */
  from: readonly ReturnStatus[];
  /** The status it leads to (may depend on the input; `apply` may name another one it read from the return's history). */
  to(input: I): ReturnStatus;
  /** Refuses input that makes no sense for this return (throws); runs before anything is written. */
  guard?(ctx: TransitionContext<I>): void;
  /** Writes the transition's effects on lines and returns the return's own column changes and the event payload. */
  apply(ctx: TransitionContext<I>): Promise<{ update: ReturnUpdate; payload: Record<string, unknown>; to?: ReturnStatus }>;
}
