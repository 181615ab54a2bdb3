/**
 * Free-text return reasons in customers' own words, composed from fragments (an optional opening, one or two
 * reasons, an optional closing, sometimes slang or a typo), so no two stores read alike.
 */
const SAY: Record<string, string[]> = {
  size_too_small: ['runs small', 'way too tight in the {part}', 'could not get it over my {part}', 'the {part} is too short', 'ordered my usual size but it is snug', 'too small, need a size up', 'pinches my toes', 'tight across the {part}'],
  size_too_large: ['way too big', 'swimming in it', 'baggy around the {part}', 'the {part} is far too long', 'runs large, size down', 'loose everywhere', 'heel slips out', 'huge on me'],
  color: ['colour is nothing like the photo', 'the blue is more purple', 'much darker in person', 'the shade does not suit me', 'white is actually cream'],
  style: ['not my style', 'unflattering on me', 'looked frumpy', 'the cut is odd', 'did not like how it looked on', 'too boxy for my shape'],
  quality: ['cheap feeling fabric', 'thin and see through', 'pilled after one wear', 'seams are sloppy', 'flimsy for the price', 'scratchy material'],
  not_as_described: ['not as described', 'looks nothing like the listing', 'description said cotton, it is polyester', 'smaller than the listed dimensions', 'no pockets although the page says so'],
  defective: ['stopped working after a week', 'does not switch on', 'zipper broke straight away', 'left side has no sound', 'will not charge', 'the sole came apart'],
  damaged_in_transit: ['arrived broken', 'box was crushed and it is cracked', 'shattered in the parcel', 'dented from delivery', 'came in pieces'],
  wrong_item: ['wrong item sent', 'received the wrong size', 'got a different colour than ordered', 'not what i ordered'],
  missing_parts: ['missing the charger', 'parts missing', 'the belt was not included', 'no cable in the box'],
  unwanted: ['changed my mind', 'no longer needed', 'bought on impulse', 'it was a gift they did not want'],
  better_price: ['found it cheaper elsewhere', 'went on sale the day after', 'another shop has it for less'],
  late_delivery: ['arrived too late for the event', 'took three weeks', 'came after my trip'],
  duplicate_order: ['ordered twice by mistake', 'accidentally bought two'],
  other: ['no reason', 'other'],
};
const PARTS = ['waist', 'hips', 'shoulders', 'chest', 'arms', 'thighs', 'length', 'toes'];
const OPENINGS = ['Love the brand but', 'Really wanted this to work,', 'Beautiful,', 'Hmm,', 'Sadly', 'Honestly', 'Great service as always,'];
const CLOSINGS = ['Sending it back.', 'Please refund.', 'Exchange would be great.', 'Disappointed.', 'Thanks.'];
const WORN = ['wore it once to a wedding, not needed now', 'only needed it for the party', 'used it for the weekend event'];

/** A customer's words for a reason (and sometimes a second one); `rnd` is the store's seeded PRNG. */
export function reasonText(code: string, rnd: () => number, opts: { second?: string; worn?: boolean } = {}): string {
  const pick = <T>(xs: T[]) => xs[Math.floor(rnd() * xs.length)];
  const say = (c: string) => pick(SAY[c] ?? SAY.other).replace('{part}', pick(PARTS));
  const parts: string[] = [];
  if (rnd() < 0.35) parts.push(pick(OPENINGS));
  parts.push(opts.worn ? pick(WORN) : say(code));
  if (opts.second) parts.push(`and ${say(opts.second)}`);
  if (rnd() < 0.4) parts.push(pick(CLOSINGS));
  let text = parts.join(' ');
  if (rnd() < 0.06) text = text.replace(/([a-z])([a-z])([a-z]{2,})/, '$2$1$3'); // a typo
  if (rnd() < 0.2) text = text.toLowerCase();
  return text;
}
