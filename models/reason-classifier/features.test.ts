import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect, it } from 'vitest';
import { createReasonClassifier } from '../../engine/src/classification/classifier';
import { REASON_CODES } from '../../engine/src/classification/taxonomy';
import { featureRows, logitsOf, NGRAM_BUCKETS } from './features';
import { trainModel, writeModel, writeTokenizer } from './train';
import type { CorpusRow } from './generate-corpus';

const dir = mkdtempSync(join(tmpdir(), 'rebound-features-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

it('hashes each pair of neighbouring pieces into the bucket rows after the vocabulary', () => {
  const rows = featureRows([2, 10, 11, 3], 100);
  expect([...rows.slice(0, 4)]).toEqual([2, 10, 11, 3]);
  expect(rows).toHaveLength(7);
  for (const r of rows.slice(4)) expect(r).toBeGreaterThanOrEqual(100), expect(r).toBeLessThan(100 + NGRAM_BUCKETS);
  // Order matters: "not small" and "small not" land on different rows.
  expect(featureRows([10, 11], 100)[2]).not.toBe(featureRows([11, 10], 100)[2]);
});

it('the exported ONNX graph, run by transformers.js, gives the scores the trainer computes', async () => {
  const corpus: CorpusRow[] = [
    ...['way too small', 'so tight on me', 'runs small, size up'].map((text) => ({ text, label: 'size_too_small' as const, tags: ['size_too_small' as const], source: 'generated' })),
    ...['arrived crushed', 'the box was smashed', 'broken in the post'].map((text) => ({ text, label: 'damaged_in_transit' as const, tags: ['damaged_in_transit' as const], source: 'generated' })),
  ];
  const folder = join(dir, 'tiny');
  const trained = await trainModel(folder, corpus, { epochs: 5 });
  writeModel(folder, trained);
  const encode = await writeTokenizer(folder, trained.vocab);
  const classifier = await createReasonClassifier({ modelDir: folder });
  const texts = ['way too small and it arrived crushed', 'tight', 'a text with words it never saw, padded beside a longer one in the batch'];
  const got = await classifier.classify(texts);
  texts.forEach((text, i) => {
    const logits = logitsOf(featureRows(encode(text), trained.vocab.length), trained.table, trained.bias);
    const max = Math.max(...logits);
    const z = logits.reduce((s, l) => s + Math.exp(l - max), 0);
    const best = logits.indexOf(max);
    expect(got[i].reason_code).toBe(REASON_CODES[best]);
    expect(got[i].confidence).toBeCloseTo(1 / z, 3);
  });
});
