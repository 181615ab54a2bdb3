import { InvalidInputError } from '../shared/errors';
import type { ReturnUpdate } from './return.table';
import { ACTIVE_RETURN_STATUSES, ReturnStatus } from './status';

/** The return parcel's tracking and label, as the carrier or the shop reports them. */
export interface ReturnTracking {
  carrier?: string | null;
  tracking_number?: string | null;
  tracking_url?: string | null;
  label_url?: string | null;
}

/**
 * Statuses in which tracking may be attached or replaced without moving the return: a label issued for an
 * approved return, a corrected number while in transit, late carrier data once it arrived. A requested return
 * has no label yet, and a declined or canceled one will never travel.
 */
export const TRACKING_STATUSES: readonly ReturnStatus[] = ACTIVE_RETURN_STATUSES.filter((s) => s !== ReturnStatus.Requested);

const clean = (v: string | null | undefined) => (typeof v === 'string' && v.trim() ? v.trim() : undefined);

/** The tracking fields given, trimmed, as column changes (fields not given are left as they are). */
export function trackingUpdate(t: ReturnTracking): ReturnUpdate {
  const update: ReturnUpdate = {};
  const carrier = clean(t.carrier);
  const number = clean(t.tracking_number);
  const url = clean(t.tracking_url);
  const label = clean(t.label_url);
  for (const [field, value] of [['tracking_url', url], ['label_url', label]] as const) {
    // Links end up in e-mails and the dashboard: only web addresses.
    if (value !== undefined && !/^https?:\/\//i.test(value)) throw new InvalidInputError(`${field} must be an http(s) address, got '${value}'`);
  }
  if (carrier !== undefined) update.tracking_carrier = carrier;
  if (number !== undefined) update.tracking_number = number;
  if (url !== undefined) update.tracking_url = url;
  if (label !== undefined) update.label_url = label;
  return update;
}

/** The tracking fields as the event log records them (only those given). */
export function trackingPayload(update: ReturnUpdate): Record<string, string> {
  const out: Record<string, string> = {};
  if (update.tracking_carrier) out.carrier = update.tracking_carrier;
  if (update.tracking_number) out.tracking_number = update.tracking_number;
  if (update.tracking_url) out.tracking_url = update.tracking_url;
  if (update.label_url) out.label_url = update.label_url;
  return out;
}
