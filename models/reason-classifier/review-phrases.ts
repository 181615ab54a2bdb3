/**
 * Building blocks of long, review-style generated texts (review-corpus.ts): titles, praise, the customer's own
 * size and build, the reason told at length, and how the item went back. Praise and size talk name colours,
 * fabrics and sizes without being the reason, so the model learns that "love the color" or "i ordered a small"
 * is not why a thing came back. Placeholders as in phrases.ts: {item}, {part}, {size}, {days}.
 */
import type { ReasonCode } from '../../engine/src/classification/taxonomy';

export const TITLES_NEUTRAL = [
  'Wanted to love it', 'So disappointed', 'Not for me', 'Beautiful but...', 'Sadly returned', 'Meh', 'Had high hopes', 'Almost perfect',
  'Cute but', 'Returned', 'Pretty in the picture', 'Bummer', 'Close but no', 'Great idea, poor execution', 'Sigh', 'Love the look, but',
];

export const TITLES: Partial<Record<ReasonCode, string[]>> = {
  size_too_small: ['Runs small', 'Size up!', 'Too tight', 'Tiny', 'Way too short', 'Order a size up', 'Snug fit'],
  size_too_large: ['Runs large', 'Size down', 'Huge', 'Swimming in it', 'Too big', 'Way too long', 'Runs big'],
  color: ['Color is off', 'Not the color pictured', 'Odd color', 'Darker than shown', 'Color disappointment'],
  style: ['Unflattering', 'Boxy', 'Not my style', 'Weird cut', 'Shapeless', 'Did nothing for me', 'Frumpy'],
  not_as_described: ['Not as pictured', 'Not as described', 'Misleading photos', 'Nothing like the listing', 'Not what i ordered it for'],
  defective: ['Arrived with a hole', 'Broke right away', 'Defective', 'Seam ripped', 'Zipper broken', 'Faulty'],
  damaged_in_transit: ['Arrived damaged', 'Crushed in shipping', 'Broken on arrival', 'Shipping damage'],
  wrong_item: ['Wrong item', 'Not what i ordered', 'Sent the wrong size', 'Mix-up'],
  missing_parts: ['Missing pieces', 'Incomplete', 'Parts missing', 'Where is the belt?'],
  quality: ['Poor quality', 'Cheap fabric', 'See through', 'Itchy', 'Pilled immediately', 'Not worth the price'],
  unwanted: ['Changed my mind', 'Did not need it', 'Not needed after all'],
  better_price: ['Cheaper elsewhere', 'Price dropped', 'Found it for less'],
  late_delivery: ['Too late', 'Arrived late', 'Shipping took forever'],
  duplicate_order: ['Ordered twice', 'Duplicate', 'Double order'],
};

export const PRAISE = [
  'The color is gorgeous.', 'I love the color.', 'The fabric is so soft.', 'The quality seems great.', 'The print is beautiful.',
  'It is really well made.', 'The details are lovely.', 'The material is nice and thick.', 'It looked so cute online.',
  'The colors are just as pictured.', 'The embroidery is stunning.', 'Great quality for the price.', 'The design is unique.',
  'Shipping was fast.', 'It arrived quickly and well packaged.', 'I love this brand.', 'The fit is true to size.', 'It fits perfectly.',
  'The length is perfect.', 'Super comfortable.', 'My husband liked it.', 'It is a beautiful {item}.', 'The pattern is so pretty.',
  'I get compliments on this brand all the time.', 'The lining is nice.', 'It was on sale, which was great.', 'Love the pockets.',
  'The buttons are cute.', 'Nice and warm.', 'It photographs well.', 'The green is lovely.', 'The navy is a nice deep shade.',
];

export const PRAISE_FIT = ['The fit is true to size.', 'It fits perfectly.', 'The length is perfect.', 'The size was right.', 'Sizing was spot on.'];

export const BODY = [
  "I am 5'{inch}\" and {lbs} lbs.", "For reference i'm 5'{inch}, {lbs} pounds, 34{cup}.", 'I usually wear a {size}.', 'I ordered my usual {size}.',
  'I ordered the {size} based on the reviews.', "I'm between a {size} and a {size2}.", 'I have a long torso.', 'I am petite.', 'I am curvy.',
  'I have broad shoulders.', 'I ordered a {size} petite.', 'I normally take a size {num} in this brand.', 'I bought it in the {color}.',
  'I ordered it in two colors.', 'I got the {color} one.',
];

export const COLORS = ['black', 'navy', 'grey', 'red', 'ivory', 'green', 'blue', 'pink', 'cream', 'rust', 'olive', 'coral', 'white', 'yellow'];

/** The reason told at length, in a reviewer's voice. */
export const LONG_REASONS: Partial<Record<ReasonCode, string[]>> = {
  size_too_small: [
    'but it runs at least a size small and i could barely get it over my {part}', 'the {part} was so tight i could hardly move my arms',
    'it was way too short, it barely covered my stomach', 'i could not even zip it up', 'the arm holes are tiny and the {part} pulled',
    'even sizing up it was snug across the {part}', 'the buttons gaped across my chest', 'it is much shorter than on the model, more like a crop top',
    'it was too tight in the {part} to be comfortable', 'the sleeves hit way above my wrists', 'the waist was too small to button',
  ],
  size_too_large: [
    'but it runs huge, i was swimming in it', 'the {size} was so big it hung off me', 'it was way too long and dragged on the ground',
    'there was way too much fabric, it was enormous', 'the {part} gaped and the waist was loose', 'even the xs was far too big',
    'it was several inches too wide on each side', 'the sleeves went past my fingertips', 'it was so roomy i could fit two of me in it',
    'it kept falling down, the waist was far too big',
  ],
  color: [
    'but the color is nothing like the photo, it is much darker in person', 'the {color} was really more of a muddy brown', 'the color washed me out completely',
    'the shade is way brighter than online, almost neon', 'the white is actually a yellowish cream', 'the colors in person are dull and drab',
  ],
  style: [
    'but it was just not flattering on me', 'it was boxy and shapeless and made me look wider', 'it looked like a maternity top on me',
    'the cut was odd and hit me at a weird spot', 'it looked frumpy and dated on', 'i looked like i was wearing a sack',
    'the neckline sat strangely and the shape did nothing for my figure', 'it just was not my style once i had it on',
    'the ruffles and volume were too much for my frame', 'it looked much better on the model than on me',
  ],
  not_as_described: [
    'but it looks nothing like the pictures online', 'the description says lined but it is not', 'the photos hide that it is totally cropped',
    'it is not the fabric the listing says', 'what arrived was not what was shown on the website', 'the details in the photo are not there in person',
  ],
  defective: [
    'but it arrived with a hole in the {part}', 'the zipper broke the first time i used it', 'the seam ripped as soon as i put it on',
    'there was a stain on the front when it arrived', 'a button fell off right out of the bag', 'the hem was coming undone when it came',
    'it has a snag and a pulled thread right on the front', 'the strap snapped the first day',
  ],
  damaged_in_transit: [
    'but the box arrived crushed and the {item} inside was bent', 'it came soaking wet and ruined from the delivery', 'the parcel was ripped open and it was scratched',
    'the courier clearly dropped it, the corner is cracked', 'it arrived smashed in a torn box',
  ],
  wrong_item: [
    'but they sent me a {size} instead of the size i ordered', 'the {color} one came instead of the one i picked', 'what came was a completely different {item}',
    'the package had someone elses order in it', 'the label says a different style number than my order',
  ],
  missing_parts: [
    'but the belt that is in the photos was not in the package', 'it came without the slip that should be included', 'only one piece of the set was in the box',
    'the matching cami was missing', 'the charger and the cable were missing from the box',
  ],
  quality: [
    'but the fabric is so thin it is see through', 'the material feels cheap and scratchy', 'it pilled after one wear', 'the fabric is itchy and stiff',
    'it is poorly made, threads hanging everywhere', 'for the price the quality is just not there', 'it shrank badly after one wash',
    'the fabric wrinkles if you look at it', 'it is totally sheer, you can see my bra', 'it sheds fuzz everywhere',
  ],
  unwanted: [
    'but honestly i just changed my mind', 'then i realised i do not really need another {item}', 'my event got cancelled so i no longer need it',
    'i have too many like it already', 'i bought it on a whim and regret it',
  ],
  better_price: [
    'but i found it for much less at another store', 'it went on sale the week after i bought it', 'the same {item} is cheaper on another site',
    'the price dropped right after my order',
  ],
  late_delivery: [
    'but it arrived a week after the party i bought it for', 'shipping took {days} days, far too late for my trip', 'it came after the wedding so i no longer need it',
    'delivery was delayed over and over',
  ],
  duplicate_order: [
    'but i accidentally ordered it twice', 'i ended up with two of the same one', 'my order went through twice by mistake',
  ],
};

/** How the item went back; some say which way the size was off. */
export const RETURN_CLOSINGS = [
  'Sadly it is going back.', 'I had to return it.', 'Returned.', 'Back it goes.', 'I will be returning it.', 'It went back the next day.',
  'Really sad to send it back.', 'Returning it to the store.', 'Needless to say it is going back.', 'So disappointed, returning.',
];

export const SIZE_CLOSINGS: Partial<Record<ReasonCode, string[]>> = {
  size_too_small: ['Returning it for a size up.', 'I exchanged it for a larger size.', 'Going to return it and order the next size up.', 'Size up if you order this.'],
  size_too_large: ['Returning it for a size down.', 'I exchanged it for a smaller size.', 'Sending it back for the xs.', 'Size down if you order this.'],
};
