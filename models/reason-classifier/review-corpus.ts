/**
 * Long, review-style generated texts: a title, praise, the customer's size and build, the reason (sometimes two)
 * and how it went back, in the order and voice real reviews use (review-phrases.ts). They teach the model that
 * most words of a long review are not the reason.
 */
import { REASON_CODES, type ReasonCode } from '../../engine/src/classification/taxonomy';
import type { CorpusRow } from './generate-corpus';
import { PARTS, PHRASES, SIZES } from './phrases';
import { BODY, COLORS, LONG_REASONS, PRAISE, PRAISE_FIT, RETURN_CLOSINGS, SIZE_CLOSINGS, TITLES, TITLES_NEUTRAL } from './review-phrases';

const APPAREL = ['dress', 'top', 'sweater', 'blouse', 'jeans', 'skirt', 'jacket', 'coat', 'tee', 'cardigan', 'jumpsuit', 'pants', 'tunic', 'swimsuit'];
const CONNECTORS = ['Unfortunately, ', 'However, ', 'Sadly ', 'The problem is ', 'My issue is that ', '', 'But ', 'When it arrived, '];
const SECOND = ['Also, ', 'On top of that, ', 'Plus ', 'And ', 'Not to mention ', 'Another thing: '];
// Praise that would contradict the reason is left out (no "love the color" in a colour complaint).
const CONTRADICTS: Partial<Record<ReasonCode, RegExp>> = {
  color: /colou?r|green|navy/i,
  quality: /quality|made|fabric|material|thick|lining/i,
  defective: /made|quality/i,
  size_too_small: /fit|size|length/i,
  size_too_large: /fit|size|length/i,
  style: /cute|pretty|beautiful/i,
  not_as_described: /pictured|online/i,
  damaged_in_transit: /packaged|arrived/i,
  late_delivery: /shipping|arrived/i,
};

/** Review-style rows: `perClass` for each reason except 'other', from the given random source. */
export function generateReviews(rnd: () => number, perClass: number): CorpusRow[] {
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
  const fill = (s: string, item: string) =>
    s
      .replace(/\{item\}/g, item)
      .replace(/\{part\}/g, () => pick(PARTS))
      .replace(/\{size2?\}/g, () => pick(SIZES))
      .replace(/\{days\}/g, () => String(5 + Math.floor(rnd() * 20)))
      .replace(/\{inch\}/g, () => String(Math.floor(rnd() * 11)))
      .replace(/\{lbs\}/g, () => String(100 + Math.floor(rnd() * 80)))
      .replace(/\{cup\}/g, () => pick(['a', 'b', 'c', 'd', 'dd']))
      .replace(/\{num\}/g, () => pick(['0', '2', '4', '6', '8', '10', '12', '14']))
      .replace(/\{color\}/g, () => pick(COLORS));
  const reasonText = (code: ReasonCode, item: string) => {
    const long = LONG_REASONS[code];
    const text = long && rnd() < 0.6 ? pick(long) : pick(PHRASES[code]);
    return fill(text, item).replace(/^but /, '');
  };
  const sentence = (s: string) => s.charAt(0).toUpperCase() + s.slice(1) + (/[.!?]$/.test(s) ? '' : pick(['.', '.', '!', '...']));
  const rows: CorpusRow[] = [];
  for (const code of REASON_CODES.filter((c) => c !== 'other')) {
    for (let i = 0; i < perClass; i++) {
      const item = pick(APPAREL);
      const parts: string[] = [];
      const t = rnd();
      if (t < 0.45 && TITLES[code]) parts.push(pick(TITLES[code]!) + '.');
      else if (t < 0.8) parts.push(pick(TITLES_NEUTRAL) + '.');
      const praisePool = PRAISE.filter((p) => !CONTRADICTS[code]?.test(p));
      const fitPraise = code !== 'size_too_small' && code !== 'size_too_large' && rnd() < 0.3;
      for (let k = Math.floor(rnd() * 3); k > 0; k--) parts.push(fill(pick(praisePool), item));
      for (let k = Math.floor(rnd() * 3); k > 0; k--) parts.push(fill(pick(BODY), item));
      if (fitPraise) parts.push(pick(PRAISE_FIT));
      parts.push(sentence(pick(CONNECTORS) + reasonText(code, item)));
      const tags: ReasonCode[] = [code];
      if (rnd() < 0.25) {
        const pool = (['size_too_small', 'size_too_large', 'color', 'style', 'quality', 'defective', 'not_as_described'] as ReasonCode[]).filter(
          (c) => c !== code && !(code.startsWith('size') && c.startsWith('size')) && !(fitPraise && c.startsWith('size')),
        );
        const second = pick(pool);
        tags.push(second);
        parts.push(sentence(pick(SECOND) + reasonText(second, item)));
      }
      const sizeClosings = SIZE_CLOSINGS[code];
      parts.push(sizeClosings && rnd() < 0.35 ? pick(sizeClosings) : pick(RETURN_CLOSINGS));
      let text = parts.join(' ');
      // Real reviews are mostly lower case after the title.
      if (rnd() < 0.7) text = text.replace(/(\. )(.*)$/s, (_, a: string, b: string) => a + b.toLowerCase());
      rows.push({ text, label: code, tags, source: 'generated:review' });
    }
  }
  return rows;
}
