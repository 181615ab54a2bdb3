/**
 * Writes the trained classifier as an ONNX graph (opset 13) that onnxruntime, and so transformers.js, runs.
 * It computes what features.ts computes in JS: logits = mean over the unmasked unigram rows and the hashed
 * bigram rows (pairs of neighbouring pieces, both unmasked) of the score table, plus the bias.
 */
import onnxProto, { type onnx as OnnxTypes } from 'onnx-proto';
import { HASH_MULT, NGRAM_BUCKETS } from './features';

// onnx-proto is CommonJS: its namespace comes through the default export under ESM.
const { onnx } = onnxProto;

function floatTensor(name: string, dims: number[], data: Float32Array): OnnxTypes.ITensorProto {
  return { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

function int64Tensor(name: string, values: (number | bigint)[], dims: number[] = [values.length]): OnnxTypes.ITensorProto {
  const data = new BigInt64Array(values.map((v) => BigInt(v)));
  return { name, dims, dataType: onnx.TensorProto.DataType.INT64, rawData: new Uint8Array(data.buffer) };
}

const io = (name: string, elemType: number, dims: (string | number)[]): OnnxTypes.IValueInfoProto => ({
  name,
  type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } } },
});

const INT = onnx.AttributeProto.AttributeType.INT;
const node = (opType: string, input: string[], output: string, attrs: Record<string, number> = {}): OnnxTypes.INodeProto => ({
  opType,
  input,
  output: [output],
  attribute: Object.entries(attrs).map(([name, i]) => ({ name, type: INT, i })),
});

/** Serialises a ((vocab + buckets) x labels) score table and a bias as an ONNX model. */
export function exportOnnx(table: Float32Array, vocabSize: number, labels: number, bias: Float32Array): Uint8Array {
  const F = onnx.TensorProto.DataType.FLOAT;
  const I = onnx.TensorProto.DataType.INT64;
  const rows = table.length / labels;
  if (rows !== vocabSize + NGRAM_BUCKETS) throw new Error(`table has ${rows} rows, expected ${vocabSize} + ${NGRAM_BUCKETS}`);
  const graph: OnnxTypes.IGraphProto = {
    name: 'reason_classifier',
    initializer: [
      floatTensor('table', [rows, labels], table),
      floatTensor('bias', [labels], bias),
      int64Tensor('axis1', [1]),
      int64Tensor('axis2', [2]),
      int64Tensor('zero', [0]),
      int64Tensor('one', [1]),
      int64Tensor('minus_one', [-1]),
      int64Tensor('to_end', [9223372036854775807n]),
      int64Tensor('hash_mult', [HASH_MULT], []),
      int64Tensor('buckets', [NGRAM_BUCKETS], []),
      int64Tensor('vocab_size', [vocabSize], []),
      floatTensor('eps', [1], new Float32Array([1e-6])),
    ],
    input: [io('input_ids', I, ['batch', 'sequence']), io('attention_mask', I, ['batch', 'sequence'])],
    output: [io('logits', F, ['batch', labels])],
    node: [
      // Unigrams: one table row per piece, masked.
      node('Gather', ['table', 'input_ids'], 'uni_rows', { axis: 0 }),
      node('Cast', ['attention_mask'], 'mask', { to: F }),
      node('Unsqueeze', ['mask', 'axis2'], 'mask3'),
      node('Mul', ['uni_rows', 'mask3'], 'uni_masked'),
      node('ReduceSum', ['uni_masked', 'axis1'], 'uni_sum', { keepdims: 0 }),
      node('ReduceSum', ['mask', 'axis1'], 'uni_count', { keepdims: 1 }),
      // Bigrams: row vocab_size + (left * hash_mult + right) mod buckets, kept where both pieces are unmasked.
      node('Slice', ['input_ids', 'zero', 'minus_one', 'axis1'], 'left'),
      node('Slice', ['input_ids', 'one', 'to_end', 'axis1'], 'right'),
      node('Mul', ['left', 'hash_mult'], 'left_scaled'),
      node('Add', ['left_scaled', 'right'], 'pair'),
      node('Mod', ['pair', 'buckets'], 'bucket', { fmod: 0 }),
      node('Add', ['bucket', 'vocab_size'], 'bi_index'),
      node('Gather', ['table', 'bi_index'], 'bi_rows', { axis: 0 }),
      node('Slice', ['mask', 'zero', 'minus_one', 'axis1'], 'mask_left'),
      node('Slice', ['mask', 'one', 'to_end', 'axis1'], 'mask_right'),
      node('Mul', ['mask_left', 'mask_right'], 'bi_mask'),
      node('Unsqueeze', ['bi_mask', 'axis2'], 'bi_mask3'),
      node('Mul', ['bi_rows', 'bi_mask3'], 'bi_masked'),
      node('ReduceSum', ['bi_masked', 'axis1'], 'bi_sum', { keepdims: 0 }),
      node('ReduceSum', ['bi_mask', 'axis1'], 'bi_count', { keepdims: 1 }),
      // Mean over every unmasked feature, plus bias.
      node('Add', ['uni_sum', 'bi_sum'], 'sum'),
      node('Add', ['uni_count', 'bi_count'], 'count'),
      node('Max', ['count', 'eps'], 'count_safe'),
      node('Div', ['sum', 'count_safe'], 'mean'),
      node('Add', ['mean', 'bias'], 'logits'),
    ],
  };
  const model: OnnxTypes.IModelProto = { irVersion: 7, opsetImport: [{ domain: '', version: 13 }], producerName: 'rebound', graph };
  return onnx.ModelProto.encode(model).finish();
}
