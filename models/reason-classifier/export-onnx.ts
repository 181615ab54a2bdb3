/**
 * Writes the trained bag-of-pieces classifier as an ONNX graph (opset 13) that onnxruntime, and so
 * transformers.js, runs: logits = mean over the unmasked tokens of table[token] + bias.
 */
import onnxProto, { type onnx as OnnxTypes } from 'onnx-proto';

// onnx-proto is CommonJS: its namespace comes through the default export under ESM.
const { onnx } = onnxProto;

function floatTensor(name: string, dims: number[], data: Float32Array): OnnxTypes.ITensorProto {
  return { name, dims, dataType: onnx.TensorProto.DataType.FLOAT, rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength) };
}

function int64Tensor(name: string, values: number[]): OnnxTypes.ITensorProto {
  const data = new BigInt64Array(values.map(BigInt));
  return { name, dims: [values.length], dataType: onnx.TensorProto.DataType.INT64, rawData: new Uint8Array(data.buffer) };
}

const io = (name: string, elemType: number, dims: (string | number)[]): OnnxTypes.IValueInfoProto => ({
  name,
  type: { tensorType: { elemType, shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) } } },
});

/** Serialises a (vocab x labels) table and a bias as an ONNX model. */
export function exportOnnx(table: Float32Array, vocabSize: number, labels: number, bias: Float32Array): Uint8Array {
  const F = onnx.TensorProto.DataType.FLOAT;
  const I = onnx.TensorProto.DataType.INT64;
  const graph: OnnxTypes.IGraphProto = {
    name: 'reason_classifier',
    initializer: [floatTensor('table', [vocabSize, labels], table), floatTensor('bias', [labels], bias), int64Tensor('axis2', [2]), int64Tensor('axis1', [1]), floatTensor('eps', [1], new Float32Array([1e-6]))],
    input: [io('input_ids', I, ['batch', 'sequence']), io('attention_mask', I, ['batch', 'sequence'])],
    output: [io('logits', F, ['batch', labels])],
    node: [
      { opType: 'Gather', input: ['table', 'input_ids'], output: ['per_token'], attribute: [{ name: 'axis', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] },
      { opType: 'Cast', input: ['attention_mask'], output: ['mask_f'], attribute: [{ name: 'to', type: onnx.AttributeProto.AttributeType.INT, i: F }] },
      { opType: 'Unsqueeze', input: ['mask_f', 'axis2'], output: ['mask3'] },
      { opType: 'Mul', input: ['per_token', 'mask3'], output: ['masked'] },
      { opType: 'ReduceSum', input: ['masked', 'axis1'], output: ['summed'], attribute: [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 0 }] },
      { opType: 'ReduceSum', input: ['mask_f', 'axis1'], output: ['count'], attribute: [{ name: 'keepdims', type: onnx.AttributeProto.AttributeType.INT, i: 1 }] },
      { opType: 'Max', input: ['count', 'eps'], output: ['count_safe'] },
      { opType: 'Div', input: ['summed', 'count_safe'], output: ['mean'] },
      { opType: 'Add', input: ['mean', 'bias'], output: ['logits'] },
    ],
  };
  const model: OnnxTypes.IModelProto = { irVersion: 7, opsetImport: [{ domain: '', version: 13 }], producerName: 'rebound', graph };
  return onnx.ModelProto.encode(model).finish();
}
