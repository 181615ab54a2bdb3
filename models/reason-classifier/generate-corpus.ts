/**
 * Writes corpus/generated.jsonl: customer-voice texts composed from the phrase bank (phrases.ts) with
 * openings, closings, negations, several reasons in one text, slang and typos. Seeded, so the corpus is the
 * same on every machine; run `pnpm --filter @rebound/models corpus` after editing the phrase bank.
 */
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { REASON_CODES, type ReasonCode } from '../../engine/src/classification/taxonomy';
import { CLOSINGS, ITEMS, NEGATION_FRAMES, OPENINGS, PARTS, PHRASES, SIZES } from './phrases';
import { seededRandom } from './random';
import { generateReviews } from './review-corpus';

/** One labelled text of the corpus. */
export interface CorpusRow {
  text: string;
  label: ReasonCode;
  tags: ReasonCode[];
  source: string;
}

const FITTING: ReasonCode[] = ['size_too_small', 'size_too_large'];
const AFTER_NEGATION: ReasonCode[] = ['style', 'color', 'quality', 'unwanted', 'not_as_described'];
const SLANG: [RegExp, string][] = [
  [/\byou\b/g, 'u'], [/\bto be honest\b/g, 'tbh'], [/\bgoing to\b/g, 'gonna'], [/\bbecause\b/g, 'cuz'], [/\breally\b/g, 'rly'], [/\bplease\b/g, 'pls'],
];

/** Generates the corpus rows for a seed. */
export function generateCorpus(seed = 7, perClass = 600): CorpusRow[] {
  const rnd = seededRandom(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const itemFor = (code: ReasonCode) =>
    FITTING.includes(code) || code === 'style' || code === 'color' ? pick([...ITEMS.apparel, ...ITEMS.footwear]) : pick([...ITEMS.apparel, ...ITEMS.footwear, ...ITEMS.other]);
  const fill = (s: string, item: string) =>
    s.replace(/\{item\}/g, item).replace(/\{part\}/g, pick(PARTS)).replace(/\{days\}/g, String(2 + Math.floor(rnd() * 20))).replace(/\{size\}/g, pick(SIZES));
  const typo = (text: string) =>
    text.replace(/[a-z]{4,}/g, (w) => {
      if (rnd() > 0.06) return w;
      const i = 1 + Math.floor(rnd() * (w.length - 2));
      const op = rnd();
      if (op < 0.33) return w.slice(0, i) + w.slice(i + 1); // dropped letter
      if (op < 0.66) return w.slice(0, i) + w[i + 1] + w[i] + w.slice(i + 2); // swapped letters
      return w.slice(0, i) + w[i] + w.slice(i); // doubled letter
    });
  const voice = (text: string) => {
    let t = text;
    if (rnd() < 0.15) for (const [re, s] of SLANG) t = t.replace(re, s);
    if (rnd() < 0.3) t = t.toLowerCase();
    if (rnd() < 0.05) t = t.toUpperCase();
    if (rnd() < 0.1) t = t.replace(/\.$/, '!!');
    return typo(t);
  };
  const reason = (code: ReasonCode, item: string) => fill(pick(PHRASES[code]), item);
  const wrap = (core: string, item: string) => {
    const parts = [];
    if (rnd() < 0.55) parts.push(fill(pick(OPENINGS), item));
    parts.push(rnd() < 0.5 ? core : `the ${item} ${core}`.replace(/^the (\w+) (the|it|i|my|this|they|got|ordered|received|came|arrived|sent|only|no|not|just|so|way|too|could|found|changed|bought|accidentally|placed|took|needed|missed|delivery|shipping|price|saw|another|can)\b/i, '$2'));
    if (rnd() < 0.6) parts.push(fill(pick(CLOSINGS), item));
    return parts.filter(Boolean).join(' ');
  };
  const rows: CorpusRow[] = [];
  const seen = new Set<string>();
  const push = (row: CorpusRow) => {
    if (seen.has(row.text)) return;
    seen.add(row.text);
    rows.push(row);
  };
  for (const code of REASON_CODES) {
    for (let i = 0; i < perClass * 3 && rows.filter((r) => r.label === code && r.source === 'generated').length < perClass; i++) {
      const item = itemFor(code);
      const core = rnd() < 0.25 ? `${reason(code, item)}, ${reason(code, item)}` : reason(code, item);
      push({ text: voice(wrap(core, item)), label: code, tags: [code], source: 'generated' });
    }
  }
  // Negations: the fit is named only to be ruled out; the real reason follows.
  for (let i = 0; i < perClass; i++) {
    const b = pick(AFTER_NEGATION);
    const item = itemFor(b);
    const a = pick(['too small', 'too big', 'small', 'big', 'too tight', 'too loose', 'the fit']);
    const text = fill(pick(NEGATION_FRAMES), item).replace('{a}', a).replace('{b}', reason(b, item));
    push({ text: voice(wrap(text, item)), label: b, tags: [b], source: 'generated:negation' });
  }
  // Several reasons in one text: labelled by the first, tagged with both.
  for (let i = 0; i < perClass * 2; i++) {
    const first = pick(REASON_CODES.filter((c) => c !== 'other'));
    let second = pick(REASON_CODES.filter((c) => c !== 'other' && c !== first));
    if (FITTING.includes(first) && FITTING.includes(second)) second = 'quality';
    const item = itemFor(first);
    const joiner = pick([' and ', '. Also ', ', plus ', '. On top of that ', ' and also ', '; ']);
    push({ text: voice(wrap(`${reason(first, item)}${joiner}${reason(second, item)}`, item)), label: first, tags: [first, second], source: 'generated:multi' });
  }
  // Long review-style texts: praise, sizes and colours that are not the reason, then the reason.
  for (const row of generateReviews(rnd, Math.round(perClass / 2))) push({ ...row, text: typo(row.text) });
  return rows;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const rows = generateCorpus();
  const out = join(dirname(fileURLToPath(import.meta.url)), 'corpus', 'generated.jsonl');
  writeFileSync(out, rows.map((r) => JSON.stringify(r)).join('\n') + '\n');
  console.log(`wrote ${rows.length} texts to ${out}`);
}
