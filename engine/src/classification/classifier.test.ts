import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createReasonClassifier, defaultModelDir, tagScoresAt, tagsFrom, type ReasonClassifier } from './classifier';

let classifier: ReasonClassifier;
beforeAll(async () => {
  classifier = await createReasonClassifier();
});

describe('the shipped reason classifier, through transformers.js', () => {
  it('reads the reason in typical customer words', async () => {
    const texts = [
      'the sleeves are too short and it is tight',
      'arrived crushed, the box was destroyed',
      'found it cheaper elsewhere',
      'not too small, just ugly',
      'they sent me the wrong size',
      'the charger was not in the box',
      'stopped working after a week',
    ];
    const got = (await classifier.classify(texts)).map((r) => r.reason_code);
    expect(got).toEqual(['size_too_small', 'damaged_in_transit', 'better_price', 'style', 'wrong_item', 'missing_parts', 'defective']);
  });

  it('gives every output field, keeps input order, and flags empty text for review', async () => {
    const [a, empty, b] = await classifier.classify(['way too big on me', '   ', 'the colour is nothing like the photo']);
    expect(a.reason_code).toBe('size_too_large');
    expect(a.alternatives).toHaveLength(3);
    expect(a.alternatives[0]).toEqual({ reason_code: a.reason_code, score: a.confidence });
    expect(a.tags[0]).toBe('size_too_large');
    expect(empty).toEqual({ reason_code: 'other', confidence: 0, alternatives: [], tags: [], needs_review: true });
    expect(b.reason_code).toBe('color');
  });

  it('gives each text its own reading when a batch mixes long and short texts (batched by length internally)', async () => {
    const texts = [
      'I ordered it for my sister and the box came two weeks after her birthday, the delivery was so late that she had already bought another one',
      'too small',
      '',
      'found it cheaper elsewhere',
      ...Array.from({ length: 150 }, (_, i) => (i % 2 ? 'the box was crushed and the lamp inside shattered' : 'way too big on me')),
    ];
    const batched = await classifier.classify(texts);
    const oneByOne = await Promise.all(texts.map(async (t) => (await classifier.classify([t]))[0]));
    expect(batched.map((r) => r.reason_code)).toEqual(oneByOne.map((r) => r.reason_code));
    expect(batched.slice(0, 4).map((r) => r.reason_code)).toEqual(['late_delivery', 'size_too_small', 'other', 'better_price']);
  });

  it('tags several reasons when a text gives several, and only one when it gives one', async () => {
    const multi: [string, string[]][] = [
      ['runs small and the fabric is itchy', ['size_too_small', 'quality']],
      ['the box was crushed and a piece is missing', ['damaged_in_transit', 'missing_parts']],
      ['too big and the quality is poor', ['size_too_large', 'quality']],
      ['it is see through and also way too long', ['quality', 'size_too_large']],
      ['the zipper broke the first time and also it arrived two weeks late', ['defective', 'late_delivery']],
      ['the heel broke and it arrived a week late', ['defective', 'late_delivery']],
    ];
    const got = await classifier.classify(multi.map(([t]) => t));
    const complete = got.filter((r, i) => multi[i][1].every((code) => r.tags.includes(code as never)));
    // A long, very typical phrase for one reason can still drown a short second one (MODEL_CARD.md): most, not all.
    expect(complete.length).toBeGreaterThanOrEqual(4);
    const single = await classifier.classify(['too small', 'the color is off', 'found it cheaper elsewhere', 'it arrived crushed']);
    expect(single.map((r) => r.tags)).toEqual([['size_too_small'], ['color'], ['better_price'], ['damaged_in_transit']]);
  });

  it('tags by the documented rule', () => {
    expect(tagsFrom([{ reason_code: 'color', score: 0.6 }, { reason_code: 'quality', score: 0.3 }, { reason_code: 'other', score: 0.1 }])).toEqual(['color', 'quality']);
    expect(tagsFrom([{ reason_code: 'color', score: 0.6 }, { reason_code: 'quality', score: 0.11 }])).toEqual(['color']); // under 20% of the top
    expect(tagsFrom([{ reason_code: 'color', score: 0.4 }, { reason_code: 'quality', score: 0.09 }])).toEqual(['color']); // under 0.1
    expect(tagsFrom([{ reason_code: 'color', score: 0.4 }, { reason_code: 'quality', score: 0.3 }, { reason_code: 'style', score: 0.2 }, { reason_code: 'defective', score: 0.1 }])).toEqual(['color', 'quality', 'style']);
  });

  it('reads tags on scores re-softened to the tag temperature, leaving the order of reasons alone', () => {
    const calibrated = [{ reason_code: 'color' as const, score: 0.95 }, { reason_code: 'quality' as const, score: 0.04 }, { reason_code: 'style' as const, score: 0.01 }];
    expect(tagScoresAt(calibrated, 1)).toBe(calibrated);
    expect(tagsFrom(calibrated)).toEqual(['color']);
    // Calibrated at 0.65, tags read at 2: the second reason of the text comes back above the tag thresholds.
    const soft = tagScoresAt(calibrated, 0.65 / 2);
    expect(soft.map((s) => s.reason_code)).toEqual(['color', 'quality', 'style']);
    expect(soft.reduce((a, s) => a + s.score, 0)).toBeCloseTo(1, 6);
    expect(tagsFrom(soft)).toEqual(['color', 'quality', 'style']);
  });

  it('refuses a folder that is not a model, or whose labels are not reason codes', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'rebound-model-'));
    try {
      await expect(createReasonClassifier({ modelDir: join(dir, 'nothing') })).rejects.toThrow(/has no config.json/);
      const copy = join(dir, 'sentiment');
      cpSync(defaultModelDir(), copy, { recursive: true });
      const config = JSON.parse(readFileSync(join(copy, 'config.json'), 'utf8'));
      config.id2label['0'] = 'POSITIVE';
      writeFileSync(join(copy, 'config.json'), JSON.stringify(config));
      await expect(createReasonClassifier({ modelDir: copy })).rejects.toThrow(/labels POSITIVE are not return reason codes/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
