/** The demo store's categories: price range, weight, footprint, how often they come back and why. */
export interface CategoryProfile {
  category: string;
  products: string[];
  sizes: string[];
  price: [number, number];
  weightKg: number;
  co2eKg: number;
  returnRate: number;
  /** Reason codes with their relative weights. */
  reasons: [string, number][];
}

export const CATEGORIES: CategoryProfile[] = [
  {
    category: 'apparel',
    products: ['Linen shirt', 'Wrap dress', 'Slim jeans', 'Merino sweater', 'Rain jacket', 'Pleated skirt', 'Hoodie', 'Silk blouse', 'Chinos', 'Puffer coat'],
    sizes: ['XS', 'S', 'M', 'L', 'XL'],
    price: [19, 180],
    weightKg: 0.45,
    co2eKg: 12,
    returnRate: 0.3,
    reasons: [['size_too_small', 26], ['size_too_large', 22], ['style', 14], ['color', 8], ['quality', 10], ['not_as_described', 6], ['unwanted', 6], ['defective', 3], ['wrong_item', 2], ['late_delivery', 1], ['duplicate_order', 1], ['better_price', 1]],
  },
  {
    category: 'footwear',
    products: ['Running shoe', 'Leather boot', 'Canvas sneaker', 'Sandal', 'Loafer'],
    sizes: ['37', '38', '39', '40', '41', '42', '43', '44'],
    price: [45, 220],
    weightKg: 1.1,
    co2eKg: 14,
    returnRate: 0.24,
    reasons: [['size_too_small', 30], ['size_too_large', 22], ['style', 10], ['quality', 10], ['defective', 8], ['color', 5], ['unwanted', 6], ['wrong_item', 4], ['damaged_in_transit', 3], ['better_price', 2]],
  },
  {
    category: 'electronics',
    products: ['Wireless headphones', 'Bluetooth speaker', 'Smart watch', 'Phone charger', 'E-reader'],
    sizes: [],
    price: [25, 350],
    weightKg: 0.5,
    co2eKg: 55,
    returnRate: 0.07,
    reasons: [['defective', 34], ['not_as_described', 14], ['unwanted', 14], ['damaged_in_transit', 10], ['missing_parts', 10], ['better_price', 8], ['wrong_item', 5], ['late_delivery', 3], ['duplicate_order', 2]],
  },
  {
    category: 'home',
    products: ['Ceramic vase', 'Linen duvet', 'Desk lamp', 'Cast iron pan', 'Wool throw'],
    sizes: [],
    price: [15, 160],
    weightKg: 1.6,
    co2eKg: 11,
    returnRate: 0.05,
    reasons: [['damaged_in_transit', 30], ['not_as_described', 16], ['color', 12], ['quality', 12], ['unwanted', 12], ['defective', 8], ['missing_parts', 6], ['late_delivery', 4]],
  },
  {
    category: 'beauty',
    products: ['Face serum', 'Lip kit', 'Hair oil', 'Sun cream'],
    sizes: [],
    price: [9, 70],
    weightKg: 0.2,
    co2eKg: 2,
    returnRate: 0.04,
    reasons: [['unwanted', 30], ['not_as_described', 20], ['damaged_in_transit', 20], ['quality', 15], ['wrong_item', 10], ['duplicate_order', 5]],
  },
];

/** Share of orders per category (apparel-heavy, as most returns-heavy stores are). */
export const CATEGORY_MIX = [0.42, 0.18, 0.14, 0.16, 0.1];
