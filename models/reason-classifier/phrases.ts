/**
 * Building blocks of the generated part of the corpus: many ways customers say each reason, in their own
 * voice. Placeholders: {item} a product, {part} a body part or garment area, {days} a number of days.
 */
import type { ReasonCode } from '../../engine/src/classification/taxonomy';

export const ITEMS = {
  apparel: ['dress', 'top', 'shirt', 'blouse', 'sweater', 'jacket', 'coat', 'jeans', 'pants', 'skirt', 'hoodie', 'cardigan', 'jumpsuit', 'tee', 'blazer', 'leggings', 'swimsuit', 'romper'],
  footwear: ['shoes', 'boots', 'sneakers', 'sandals', 'heels', 'trainers', 'loafers'],
  other: ['headphones', 'speaker', 'lamp', 'blender', 'phone case', 'charger', 'backpack', 'watch', 'kettle', 'mug set', 'vacuum', 'toaster', 'rug', 'pillow', 'serum', 'face cream'],
};

export const PARTS = ['waist', 'hips', 'chest', 'bust', 'shoulders', 'arms', 'sleeves', 'thighs', 'length', 'torso', 'neck', 'back', 'toes', 'heel', 'calves'];

export const PHRASES: Record<ReasonCode, string[]> = {
  size_too_small: [
    'runs small', 'way too small', 'too tight in the {part}', 'the {part} is too tight', 'the sleeves are too short', 'could not zip it up',
    'could barely get it on', 'size up, it is tiny', 'ordered my usual size and it is snug', 'squeezed my {part}', 'the {part} was too short',
    'felt like a child size', 'too small for me', 'i needed a size bigger', 'it pinches my toes', 'way too snug across the {part}',
    'so tight i could not breathe', 'cuts into my {part}', 'fits like two sizes down', 'the length is too short on me', 'too short in the torso',
    'shrunk after one wash, now too small', 'couldnt button it', 'tight around the {part}', 'my feet hurt, too narrow', 'smaller than the size chart says',
    'runs at least a size small', 'tight fit, not what i expected for my size', 'wouldnt go over my {part}',
  ],
  size_too_large: [
    'runs big', 'way too big', 'too loose in the {part}', 'swimming in it', 'huge on me', 'the {part} is baggy', 'fits like a tent',
    'i needed a size smaller', 'too long, dragged on the floor', 'the sleeves were way too long', 'size down, it is huge', 'way too roomy',
    'fell off my shoulders', 'my foot slides out of the heel', 'loose everywhere', 'oversized even in an xs', 'the {part} gaped open',
    'boxy and too wide', 'fits two sizes up', 'too much fabric around the {part}', 'bigger than the size chart says', 'the waist was far too big',
    'kept slipping down', 'looked sloppy it was so big', 'the petite was still too long',
  ],
  color: [
    'the colour is off', 'the color is nothing like the picture', 'the red is more like orange', 'the blue looked purple in person',
    'colour was much darker than online', 'washed out color', 'the shade is wrong for me', 'not the color i expected', 'the green is almost brown',
    'the white is actually cream', 'the pink is way brighter than shown', 'the color washed me out', 'looks grey not navy', 'the print colors are muddy',
    'colour did not match my other pieces', 'the black faded to charcoal', 'too neon for me', 'the mustard color is not flattering', 'the tan looks orange',
  ],
  style: [
    'just not my style', 'did not like how it looked on me', 'unflattering on me', 'the cut is weird', 'looked frumpy', 'made me look pregnant',
    'too boxy for my shape', 'the pattern is ugly', 'it is ugly in person', 'not flattering at all', 'the neckline is strange', 'looked cheap and dated',
    'did not suit my body type', 'the silhouette is odd', 'hit me at a weird spot', 'it just looked wrong on me', 'too revealing for my taste',
    'i looked like i was wearing a sack', 'the design is not for me', 'the ruffles are too much', 'looks like a bathrobe', 'nothing wrong with it, just did not love it on',
    'the style did not work with my figure', 'not as cute on as on the model', 'ugly', 'just ugly', 'hideous on me', 'looks awful on me',
    'i do not like the look of it', 'the shape is unflattering', 'too old fashioned for me', 'looked dowdy', 'not my taste',
  ],
  not_as_described: [
    'not as described', 'looks nothing like the photos', 'the description said cotton but it is polyester', 'it is not waterproof as advertised',
    'the picture shows a lined dress but this is unlined', 'listing said 100% wool, tag says acrylic', 'smaller than the dimensions listed',
    'says machine washable but the tag says dry clean', 'the photos are misleading', 'it is not the same as the website picture', 'advertised as leather, it is plastic',
    'description promised pockets, there are none', 'the battery life is nowhere near what is claimed', 'the print is not embroidered like the listing says',
    'not compatible with my phone even though it says it is', 'does not match the description', 'product does not match the description',
    'item not as described', 'different from the product page', 'the size chart on the listing is wrong', 'not what the pictures show', 'the capacity is less than described', 'sheer, the listing never mentioned that',
  ],
  defective: [
    'stopped working after two days', 'does not turn on', 'defective out of the box', 'the zipper broke the first time', 'the seam ripped when i put it on',
    'arrived broken', 'the left earbud has no sound', 'crackles at any volume', 'will not charge', 'the button fell off immediately', 'the strap snapped',
    'faulty, keeps switching off', 'there is a hole in the fabric', 'the stitching came undone', 'the sole came apart', 'leaks water', 'screen is dead',
    'makes a loud grinding noise', 'the heating element does not work', 'has a stain and a tear', 'the clasp is broken', 'the motor burned out',
  ],
  damaged_in_transit: [
    'arrived crushed', 'the box was destroyed', 'arrived shattered', 'damaged in shipping', 'the package was soaking wet and the item ruined',
    'the courier dropped it and it cracked', 'came smashed', 'the parcel was torn open and the item scratched', 'broken glass when i opened the box',
    'the box looked like it had been run over', 'dented from the delivery', 'damaged during delivery', 'the packaging was ripped and it arrived bent',
    'shipping damage, the corner is cracked', 'arrived in pieces', 'crushed by the carrier',
  ],
  wrong_item: [
    'wrong item sent', 'received the wrong size', 'got a different color than i ordered', 'this is not what i ordered', 'they sent me someone elses order',
    'wrong product in the box', 'ordered a medium and got a large', 'received the black one instead of the blue', 'the label says small but i ordered medium',
    'sent the wrong model', 'got a left shoe twice', 'completely different item arrived', 'the sku on the package does not match my order',
  ],
  missing_parts: [
    'missing parts', 'the charger was not in the box', 'the belt was missing', 'only one shoe in the box', 'pieces missing, cannot assemble',
    'no screws included', 'the lid was missing', 'missing the remote', 'came without the cable', 'the matching scarf was not included',
    'half the set is missing', 'the manual and the adapter were missing', 'only got the top, the bottoms were not included',
  ],
  quality: [
    'poor quality', 'cheap material', 'the fabric feels cheap', 'thin and see through', 'pilled after one wear', 'feels flimsy', 'quality is terrible for the price',
    'the material is scratchy', 'cheaply made', 'very thin fabric', 'looks cheap in person', 'the seams are sloppy', 'plasticky and flimsy',
    'the fabric is itchy', 'wrinkles if you look at it', 'not worth the money, low quality', 'the knit is loose and snagged already', 'faded after one wash',
    'the material is stiff and uncomfortable', 'feels like paper',
  ],
  unwanted: [
    'changed my mind', 'no longer needed', 'do not need it anymore', 'bought it on impulse', 'decided i did not want it', 'it was a gift and they did not want it',
    'found something i like better', 'ordered by mistake', 'do not have a use for it', 'i have too many already', 'the event got cancelled so i do not need it',
    'just did not want it after all', 'second thoughts', 'i do not want it anymore', 'bought the wrong thing for my needs', 'do not like it, changed my mind', 'cannot justify keeping it', 'not needed', 'my plans changed',
  ],
  better_price: [
    'found it cheaper elsewhere', 'found a better price', 'it went on sale the next day', 'cheaper on another site', 'saw it for half the price at another store',
    'price dropped after i bought it', 'saw it cheaper on amazon', 'the store down the road sells it for less', 'better deal elsewhere', 'found the same thing for less', 'another shop has it cheaper', 'price match was refused so returning',
    'can get it much cheaper locally', 'too expensive compared to other stores',
  ],
  late_delivery: [
    'arrived too late', 'took three weeks to arrive', 'missed the event because it came late', 'delivery was late', 'arrived after the wedding',
    'came {days} days after the promised date', 'shipping took forever', 'needed it for a trip and it came after i left', 'too late for christmas',
    'delivery was delayed and i bought one in store', 'never arrived on time', 'it arrived two weeks late', 'came a week late',
    'arrived {days} days late', 'it showed up late', 'the delivery was over a week late', 'late delivery', 'took a month to get here',
    'shipping was so slow it missed my event', 'it arrived way past the estimated date',
  ],
  duplicate_order: [
    'ordered twice by mistake', 'duplicate order', 'accidentally bought two', 'i already have this one', 'placed the order two times',
    'received two of the same', 'double ordered', 'my partner ordered the same one', 'got it twice, only need one',
    'the order went through twice', 'i clicked buy twice', 'accidentally ordered two of the same', 'duplicate purchase, returning the extra one',
  ],
  other: [
    'no reason', 'other', 'see notes', 'n/a', 'returning', 'return', 'just returning it', 'prefer not to say', 'personal reasons', 'other reason',
  ],
};

export const OPENINGS = [
  'I really wanted to love this.', 'Love the brand.', 'So excited when this arrived.', 'Beautiful in the picture.', 'Great customer service as always.',
  'Ordered this for a party.', 'I usually wear a size {size}.', 'Bought this for my daughter.', 'Nice packaging.', 'Gorgeous {item}, honestly.',
  'I am 5\'4" and 130 lbs.', 'Second time ordering from you.', 'Had high hopes.', 'This was a birthday present.', 'Fast shipping, thanks.',
  'The {item} is pretty', 'Hmm.', 'Ugh.', 'Well.', 'OK so', 'Honestly',
];

export const CLOSINGS = [
  'Sending it back.', 'Returning it.', 'It is going back.', 'Will have to return.', 'Please refund.', 'Would like a refund.', 'Exchange if possible.',
  'Sad to return it.', 'Back it goes.', 'Need a refund asap.', 'Disappointed.', 'Too bad.', 'Thanks.', 'Store credit is fine.', '',
];

export const NEGATION_FRAMES = [
  'not {a}, just {b}', 'it is not that it {a}, it is {b}', 'no problem with the size, {b}', 'fit is fine, {b}', '{b}, the size was fine',
  'the {a} part is ok but {b}', 'was not {a} at all, {b}',
];

export const SIZES = ['xs', 's', 'm', 'l', 'xl', '2', '4', '6', '8', '10', '12', '0p', 'small', 'medium', 'large'];
