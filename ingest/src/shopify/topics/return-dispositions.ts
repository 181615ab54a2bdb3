import { fromShopifyDisposition, type Condition, type Disposition, type Engine, type Return } from '@rebound/engine';
import { cannotApply, returnOrFail, SHOPIFY_ACTOR } from './apply-context';
import { recordDisposition, reportedDispositions, type LinkKind } from './return-links';

/** One disposition Shopify reported for a line of our return, and the Shopify line it came through. */
export interface ReportedDisposition {
  sku: string;
  disposition: Disposition;
  quantity: number;
  via: { kind: LinkKind; id: string };
}

/**
 * Shopify grades nothing; its disposition is all it says about the unit, so the inspection records the grade
 * the disposition implies: restocked as is sells again, processing required needs work, the rest cannot be sold.
 */
const CONDITION_OF: Record<Disposition, Condition> = {
  restock: 'good',
  refurbish: 'fair',
  resell_secondary: 'fair',
  return_to_vendor: 'damaged',
  donate: 'fair',
  recycle: 'unsellable',
  dispose: 'unsellable',
  missing: 'unsellable',
};

/** Our disposition for Shopify's disposition type (the engine's mapping), or a failure naming the types Shopify has. */
export function dispositionOf(type: unknown, where: string): Disposition {
  const ours = typeof type === 'string' ? fromShopifyDisposition(type) : undefined;
  if (!ours) cannotApply(`${where}: disposition type ${JSON.stringify(type ?? null)} is not one of RESTOCKED, PROCESSING_REQUIRED, NOT_RESTOCKED, MISSING`);
  return ours;
}

/** One disposition per line: when Shopify split a line's units, the type covering the most units. */
export function dominant(reported: ReportedDisposition[]): ReportedDisposition[] {
  const bySku = new Map<string, Map<Disposition, ReportedDisposition>>();
  for (const r of reported) {
    const types = bySku.get(r.sku) ?? new Map<Disposition, ReportedDisposition>();
    const seen = types.get(r.disposition);
    types.set(r.disposition, seen ? { ...seen, quantity: seen.quantity + r.quantity } : { ...r });
    bySku.set(r.sku, types);
  }
  return [...bySku.values()].map((types) => [...types.values()].sort((a, b) => b.quantity - a.quantity)[0]!);
}

/**
 * Applies Shopify's dispositions of a return's lines through the lifecycle: an approved or in-transit return is
 * received first (with the units Shopify processed, when it says), the dispositions are kept per line, and once
 * every line has one the return is inspected. A return already inspected keeps its inspection: the same
 * dispositions change nothing, different ones are refused.
 */
export async function applyDispositions(
  engine: Engine, tenantId: string, returnId: string, reported: ReportedDisposition[], received?: Map<string, number>,
): Promise<{ ret: Return; note: string }> {
  let ret = await returnOrFail(engine, tenantId, returnId);
  if (ret.status === 'requested') cannotApply(`return ${returnId} is still requested in Rebound: approve it (deliver its returns/approve, then replay) before its items can be processed`);
  if (ret.status === 'declined' || ret.status === 'canceled') cannotApply(`return ${returnId} is ${ret.status}: there are no returned items to process`);
  const lines = dominant(reported);
  if (['inspected', 'resolved', 'closed'].includes(ret.status)) {
    const differing = lines.filter((r) => ret.lines.find((l) => l.sku === r.sku)?.disposition !== r.disposition);
    if (!differing.length) return { ret, note: `return ${returnId} already inspected with these dispositions` };
    const d = differing[0]!;
    cannotApply(
      `return ${returnId} was already inspected: ${d.sku} is ${ret.lines.find((l) => l.sku === d.sku)?.disposition}, Shopify now says ${d.disposition}; ` +
        'a return is inspected once, so change it in Rebound if Shopify is right',
    );
  }
  for (const r of lines) await recordDisposition(engine, tenantId, r.via.kind, r.via.id, returnId, r.sku, r.disposition, r.quantity);
  const notes: string[] = [];
  if (ret.status === 'approved' || ret.status === 'in_transit') {
    const got = [...(received ?? new Map<string, number>())].map(([sku, quantity]) => ({ sku, quantity }));
    ret = await engine.returns.transition(tenantId, returnId, 'receive', got.length ? { lines: got } : {}, SHOPIFY_ACTOR);
    notes.push('received');
  }
  const known = await reportedDispositions(engine, tenantId, returnId);
  const waiting = ret.lines.filter((l) => !known.has(l.sku)).map((l) => l.sku);
  if (waiting.length) {
    notes.push(`waiting for Shopify's dispositions of ${waiting.join(', ')} before inspecting`);
  } else {
    const graded = ret.lines.map((l) => ({ sku: l.sku, disposition: known.get(l.sku)!, condition: CONDITION_OF[known.get(l.sku)!] }));
    ret = await engine.returns.transition(tenantId, returnId, 'inspect', { lines: graded }, SHOPIFY_ACTOR);
    notes.push(`inspected (${graded.map((g) => `${g.sku} ${g.disposition}`).join(', ')})`);
  }
  return { ret, note: `return ${returnId} ${notes.join(', ')}` };
}
