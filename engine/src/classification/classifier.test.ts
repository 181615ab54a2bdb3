import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createReasonClassifier, defaultModelDir, tagsFrom, type ReasonClassifier } from './classifier';

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

  it('tags several reasons when a text gives several', async () => {
    const [r] = await classifier.classify(['the zipper broke the first time and also it arrived two weeks late']);
    expect(r.tags).toEqual(expect.arrayContaining(['defective', 'late_delivery']));
  });

  it('tags by the documented rule', () => {
    expect(tagsFrom([{ reason_code: 'color', score: 0.6 }, { reason_code: 'quality', score: 0.3 }, { reason_code: 'other', score: 0.1 }])).toEqual(['color', 'quality']);
    expect(tagsFrom([{ reason_code: 'color', score: 0.9 }, { reason_code: 'quality', score: 0.1 }])).toEqual(['color']);
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
