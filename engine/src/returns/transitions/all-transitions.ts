import { approve } from './approve';
import { cancel } from './cancel';
import { close } from './close';
import { decline } from './decline';
import { inspect } from './inspect';
import { receive } from './receive';
import { reopen } from './reopen';
import { resolve } from './resolve';
import { ship } from './ship';
import type { LifecycleAction, ReturnAction, ReturnTransition } from './transition';

/** The RMA lifecycle as merchants drive it: every action and its transition. */
export const TRANSITIONS: Record<ReturnAction, ReturnTransition<any>> = {
  approve,
  decline,
  cancel,
  ship,
  receive,
  inspect,
  resolve,
  close,
};

/** Every transition of the lifecycle, with `reopen`, which follows the shop (Shopify's returns/reopen). */
export const LIFECYCLE_TRANSITIONS: Record<LifecycleAction, ReturnTransition<any>> = { ...TRANSITIONS, reopen };

/** Every merchant action name. */
export const RETURN_ACTIONS = Object.keys(TRANSITIONS) as ReturnAction[];
