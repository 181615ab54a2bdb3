import { approve } from './approve';
import { cancel } from './cancel';
import { close } from './close';
import { decline } from './decline';
import { inspect } from './inspect';
import { receive } from './receive';
import { resolve } from './resolve';
import { ship } from './ship';
import type { ReturnAction, ReturnTransition } from './transition';

/** The RMA lifecycle: every action and its transition. */
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

/** Every action name. */
export const RETURN_ACTIONS = Object.keys(TRANSITIONS) as ReturnAction[];
