/**
 * Reason classification through transformers.js: batch throughput in one process and single-text latency,
 * beside a keyword matcher (the cheapest possible classifier) run on the same texts.
 */
import { createReasonClassifier } from '../engine/src/classification/classifier';
import { generateCorpus } from '../models/reason-classifier/generate-corpus';
import type { BenchRow } from './table';

const KEYWORDS: [RegExp, string][] = [
  [/small|tight|short/, 'size_too_small'], [/big|large|loose|baggy/, 'size_too_large'], [/colou?r/, 'color'], [/broke|defect|work/, 'defective'],
  [/crush|damag|shatter/, 'damaged_in_transit'], [/wrong/, 'wrong_item'], [/missing/, 'missing_parts'], [/cheap|quality|thin/, 'quality'],
  [/price|cheaper/, 'better_price'], [/late/, 'late_delivery'], [/twice|duplicate/, 'duplicate_order'], [/style|ugly|unflattering/, 'style'],
];

export default async function classifyBench(): Promise<BenchRow[]> {
  const texts = generateCorpus(99, 300).map((r) => r.text).slice(0, 5000);
  const classifier = await createReasonClassifier();
  await classifier.classify(texts.slice(0, 200)); // warm up
  let t = performance.now();
  await classifier.classify(texts);
  const batchPerSecond = texts.length / ((performance.now() - t) / 1000);
  t = performance.now();
  for (let r = 0; r < 20; r++) for (const text of texts) KEYWORDS.find(([re]) => re.test(text));
  const keywordPerSecond = (texts.length * 20) / ((performance.now() - t) / 1000);
  const latencies: number[] = [];
  for (const text of texts.slice(0, 1000)) {
    const s = performance.now();
    await classifier.classify([text]);
    latencies.push(performance.now() - s);
  }
  latencies.sort((a, b) => a - b);
  const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor(p * latencies.length))];
  return [
    { benchmark: 'classify', metric: 'batch throughput (5,000 texts)', unit: 'texts/s', value: batchPerSecond, baseline: keywordPerSecond, baselineName: 'keyword regexes', target: '>= 5,000' },
    { benchmark: 'classify', metric: 'single text latency p50', unit: 'ms', value: pct(0.5) },
    { benchmark: 'classify', metric: 'single text latency p99', unit: 'ms', value: pct(0.99), target: '< 5' },
  ];
}
