import { mkdir, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { seededRandom } from './internal/seeded-random';

/** Options of {@link writeTinyGguf} and {@link tinyGgufBytes}. */
export interface TinyGgufOptions {
  /**
   * Seed of the random weights: the same seed gives the same file, byte for byte, so tests that run
   * the model at a fixed sampling seed (or temperature 0) get the same output every time.
   * Only the low 32 bits of the integer matter. @default 1
   */
  readonly seed?: number;
  /** The model's `general.name`, shown by tools that list models. @default 'synthkit-tiny' */
  readonly name?: string;
}

/**
 * The shape of the tiny model: a 2-layer llama with 64-wide embeddings (so its embedding vectors
 * have 64 numbers), a 364-token vocabulary (control tokens, the 256 byte tokens, printable ASCII and
 * a few merges) and a 512-token training context.
 */
export const tinyGgufShape = {
  /** `general.architecture`. */
  architecture: 'llama',
  /** Width of the embeddings and hidden states: the length of an embedding vector. */
  embeddingLength: 64,
  /** Tokens in the vocabulary. */
  vocabularySize: 364,
  /** `llama.context_length`: the longest context the model declares. */
  contextLength: 512,
  /** Transformer blocks. */
  blockCount: 2,
  /** Width of each block's feed-forward layer. */
  feedForwardLength: 128,
  /** Attention heads. */
  headCount: 4,
  /** Key/value heads (grouped-query attention: two query heads share one). */
  headCountKeyValue: 2,
  /** Token ids of the control tokens. */
  unknownTokenId: 0,
  beginningOfSequenceTokenId: 1,
  endOfSequenceTokenId: 2,
} as const;

/**
 * Writes a tiny random-weight GGUF model to `path` (creating its folder): about 490 KB, all F32,
 * which llama.cpp (node-llama-cpp's `readGgufFileInfo`, `loadModel`, chat, completion, grammars and
 * embeddings) loads in milliseconds. Its output is gibberish but deterministic, which is what
 * provider tests need: no download, no real model, the real engine. Run it with 1 thread
 * (`getLlama({ maxThreads: 1 })`): on a small machine the default thread count makes generation
 * hundreds of times slower.
 *
 * ```ts
 * await writeTinyGguf(join(directory, 'tiny.gguf'), { seed: 7 });
 * ```
 *
 * @returns the number of bytes written.
 */
export async function writeTinyGguf(path: string, options: TinyGgufOptions = {}): Promise<number> {
  const bytes = tinyGgufBytes(options);
  await mkdir(dirname(path), { recursive: true });
  await writeFile(path, bytes);
  return bytes.byteLength;
}

/** The bytes of the tiny GGUF model {@link writeTinyGguf} writes. */
export function tinyGgufBytes(options: TinyGgufOptions = {}): Uint8Array {
  const shape = tinyGgufShape;
  const tensors = tensorShapes();
  const vocabulary = vocabularyTokens();
  const header = new ByteWriter();
  header.raw(new TextEncoder().encode('GGUF'));
  header.u32(3); // GGUF version
  header.u64(tensors.length);
  const metadata: Array<[string, MetadataValue]> = [
    ['general.architecture', { type: 'string', value: shape.architecture }],
    ['general.name', { type: 'string', value: options.name ?? 'synthkit-tiny' }],
    ['general.file_type', { type: 'u32', value: 0 }], // all F32
    ['general.alignment', { type: 'u32', value: alignment }],
    ['llama.context_length', { type: 'u32', value: shape.contextLength }],
    ['llama.embedding_length', { type: 'u32', value: shape.embeddingLength }],
    ['llama.block_count', { type: 'u32', value: shape.blockCount }],
    ['llama.feed_forward_length', { type: 'u32', value: shape.feedForwardLength }],
    ['llama.attention.head_count', { type: 'u32', value: shape.headCount }],
    ['llama.attention.head_count_kv', { type: 'u32', value: shape.headCountKeyValue }],
    ['llama.rope.dimension_count', { type: 'u32', value: shape.embeddingLength / shape.headCount }],
    ['llama.vocab_size', { type: 'u32', value: shape.vocabularySize }],
    ['llama.rope.freq_base', { type: 'f32', value: 10_000 }],
    ['llama.attention.layer_norm_rms_epsilon', { type: 'f32', value: 1e-5 }],
    ['tokenizer.ggml.model', { type: 'string', value: 'llama' }],
    ['tokenizer.ggml.tokens', { type: 'strings', value: vocabulary.map((token) => token.text) }],
    ['tokenizer.ggml.scores', { type: 'f32s', value: vocabulary.map((token) => token.score) }],
    ['tokenizer.ggml.token_type', { type: 'i32s', value: vocabulary.map((token) => token.type) }],
    ['tokenizer.ggml.unknown_token_id', { type: 'u32', value: shape.unknownTokenId }],
    ['tokenizer.ggml.bos_token_id', { type: 'u32', value: shape.beginningOfSequenceTokenId }],
    ['tokenizer.ggml.eos_token_id', { type: 'u32', value: shape.endOfSequenceTokenId }],
    ['tokenizer.ggml.add_bos_token', { type: 'bool', value: true }],
    ['tokenizer.ggml.add_eos_token', { type: 'bool', value: false }],
  ];
  header.u64(metadata.length);
  for (const [key, value] of metadata) {
    header.string(key);
    writeMetadataValue(header, value);
  }
  let offset = 0;
  for (const tensor of tensors) {
    header.string(tensor.name);
    header.u32(tensor.dimensions.length);
    for (const dimension of tensor.dimensions) header.u64(dimension);
    header.u32(0); // ggml type F32
    header.u64(offset);
    offset = alignUp(offset + elementCount(tensor) * 4, alignment);
  }
  header.padTo(alignment);

  const data = new Float32Array(offset / 4);
  const gaussian = gaussianSource(options.seed ?? 1);
  let position = 0;
  for (const tensor of tensors) {
    const count = elementCount(tensor);
    const rowLength = tensor.dimensions[0] ?? 1;
    const scale = 0.5 / Math.sqrt(rowLength);
    for (let index = 0; index < count; index++) {
      // Norm weights are ones, as in a freshly initialised model; the rest small random numbers.
      data[position + index] = tensor.norm ? 1 : gaussian() * scale;
    }
    position = alignUp(position * 4 + count * 4, alignment) / 4;
  }
  const bytes = new Uint8Array(header.length + data.byteLength);
  bytes.set(header.bytes(), 0);
  // The machines that run tests are little-endian, like the format: the floats go in as they are.
  bytes.set(new Uint8Array(data.buffer), header.length);
  return bytes;
}

// --- Internal helpers ---

/** Alignment of the data section and of every tensor in it, in bytes (`general.alignment`). */
const alignment = 32;

interface TensorShape {
  readonly name: string;
  /** In ggml order: the row length (fastest-varying) first. */
  readonly dimensions: ReadonlyArray<number>;
  readonly norm: boolean;
}

/** Every tensor of the model, in file order: embeddings, each block, the output norm and head. */
function tensorShapes(): TensorShape[] {
  const { embeddingLength: embedding, vocabularySize: vocabulary, feedForwardLength: feedForward } = tinyGgufShape;
  const keyValue = (embedding / tinyGgufShape.headCount) * tinyGgufShape.headCountKeyValue;
  const matrix = (name: string, rowLength: number, rows: number): TensorShape => ({ name, dimensions: [rowLength, rows], norm: false });
  const norm = (name: string): TensorShape => ({ name, dimensions: [embedding], norm: true });
  const tensors: TensorShape[] = [matrix('token_embd.weight', embedding, vocabulary)];
  for (let block = 0; block < tinyGgufShape.blockCount; block++) {
    const prefix = `blk.${block}`;
    tensors.push(
      norm(`${prefix}.attn_norm.weight`),
      matrix(`${prefix}.attn_q.weight`, embedding, embedding),
      matrix(`${prefix}.attn_k.weight`, embedding, keyValue),
      matrix(`${prefix}.attn_v.weight`, embedding, keyValue),
      matrix(`${prefix}.attn_output.weight`, embedding, embedding),
      norm(`${prefix}.ffn_norm.weight`),
      matrix(`${prefix}.ffn_gate.weight`, embedding, feedForward),
      matrix(`${prefix}.ffn_up.weight`, embedding, feedForward),
      matrix(`${prefix}.ffn_down.weight`, feedForward, embedding),
    );
  }
  tensors.push(norm('output_norm.weight'), matrix('output.weight', embedding, vocabulary));
  return tensors;
}

/** SentencePiece token types, as `tokenizer.ggml.token_type` stores them. */
const tokenType = { normal: 1, unknown: 2, control: 3, byte: 6 } as const;

interface VocabularyToken {
  readonly text: string;
  readonly score: number;
  readonly type: number;
}

/** The SentencePiece space: the llama tokenizer writes every space as this character. */
const sentencePieceSpace = '\u2581';

/**
 * The 364 tokens: `<unk>`, `<s>`, `</s>`, the 256 byte tokens (so any text can be tokenized), the
 * SentencePiece space and the 94 printable ASCII characters (score -1), then ten merges common in
 * JSON and English (score -2). Only the merges whose parts are in the vocabulary (`":`, `{"`...) are
 * ever produced by the tokenizer; the others can still be generated.
 */
function vocabularyTokens(): VocabularyToken[] {
  const tokens: VocabularyToken[] = [
    { text: '<unk>', score: 0, type: tokenType.unknown },
    { text: '<s>', score: 0, type: tokenType.control },
    { text: '</s>', score: 0, type: tokenType.control },
  ];
  for (let byte = 0; byte < 256; byte++) {
    tokens.push({ text: `<0x${byte.toString(16).toUpperCase().padStart(2, '0')}>`, score: 0, type: tokenType.byte });
  }
  tokens.push({ text: sentencePieceSpace, score: -1, type: tokenType.normal });
  for (let code = 0x21; code <= 0x7e; code++) {
    tokens.push({ text: String.fromCharCode(code), score: -1, type: tokenType.normal });
  }
  const merges = [`${sentencePieceSpace}the`, 'true', 'false', 'null', '":', '{"', '"}', '",', `${sentencePieceSpace}"`, `${sentencePieceSpace}${sentencePieceSpace}`];
  for (const text of merges) tokens.push({ text, score: -2, type: tokenType.normal });
  if (tokens.length !== tinyGgufShape.vocabularySize) {
    throw new Error(`tiny GGUF vocabulary has ${tokens.length} tokens, expected ${tinyGgufShape.vocabularySize}`);
  }
  return tokens;
}

type MetadataValue =
  | { readonly type: 'u32'; readonly value: number }
  | { readonly type: 'f32'; readonly value: number }
  | { readonly type: 'bool'; readonly value: boolean }
  | { readonly type: 'string'; readonly value: string }
  | { readonly type: 'strings'; readonly value: ReadonlyArray<string> }
  | { readonly type: 'f32s'; readonly value: ReadonlyArray<number> }
  | { readonly type: 'i32s'; readonly value: ReadonlyArray<number> };

/** GGUF value type codes. */
const valueType = { u32: 4, i32: 5, f32: 6, bool: 7, string: 8, array: 9 } as const;

function writeMetadataValue(writer: ByteWriter, value: MetadataValue): void {
  switch (value.type) {
    case 'u32':
      writer.u32(valueType.u32);
      writer.u32(value.value);
      return;
    case 'f32':
      writer.u32(valueType.f32);
      writer.f32(value.value);
      return;
    case 'bool':
      writer.u32(valueType.bool);
      writer.raw(Uint8Array.of(value.value ? 1 : 0));
      return;
    case 'string':
      writer.u32(valueType.string);
      writer.string(value.value);
      return;
    case 'strings':
      writer.u32(valueType.array);
      writer.u32(valueType.string);
      writer.u64(value.value.length);
      for (const item of value.value) writer.string(item);
      return;
    case 'f32s':
      writer.u32(valueType.array);
      writer.u32(valueType.f32);
      writer.u64(value.value.length);
      for (const item of value.value) writer.f32(item);
      return;
    case 'i32s':
      writer.u32(valueType.array);
      writer.u32(valueType.i32);
      writer.u64(value.value.length);
      for (const item of value.value) writer.i32(item);
      return;
  }
}

/** Little-endian writer of the header: numbers, GGUF strings (u64 byte length + UTF-8, no NUL). */
class ByteWriter {
  private readonly chunks: Uint8Array[] = [];
  length = 0;

  raw(bytes: Uint8Array): void {
    this.chunks.push(bytes);
    this.length += bytes.byteLength;
  }

  u32(value: number): void {
    this.number(4, (view) => view.setUint32(0, value, true));
  }

  i32(value: number): void {
    this.number(4, (view) => view.setInt32(0, value, true));
  }

  u64(value: number): void {
    this.number(8, (view) => view.setBigUint64(0, BigInt(value), true));
  }

  f32(value: number): void {
    this.number(4, (view) => view.setFloat32(0, value, true));
  }

  string(value: string): void {
    const encoded = new TextEncoder().encode(value);
    this.u64(encoded.byteLength);
    this.raw(encoded);
  }

  /** Zero bytes up to the next multiple of `boundary`. */
  padTo(boundary: number): void {
    const padding = alignUp(this.length, boundary) - this.length;
    if (padding > 0) this.raw(new Uint8Array(padding));
  }

  bytes(): Uint8Array {
    const bytes = new Uint8Array(this.length);
    let offset = 0;
    for (const chunk of this.chunks) {
      bytes.set(chunk, offset);
      offset += chunk.byteLength;
    }
    return bytes;
  }

  private number(size: number, write: (view: DataView) => void): void {
    const bytes = new Uint8Array(size);
    write(new DataView(bytes.buffer));
    this.raw(bytes);
  }
}

function alignUp(value: number, boundary: number): number {
  return Math.ceil(value / boundary) * boundary;
}

function elementCount(tensor: TensorShape): number {
  return tensor.dimensions.reduce((product, dimension) => product * dimension, 1);
}

/** Standard normal numbers from a seeded uniform source (Box-Muller). */
function gaussianSource(seed: number): () => number {
  const uniform = seededRandom(seed);
  return () => {
    const radius = Math.sqrt(-2 * Math.log(1 - uniform()));
    return radius * Math.cos(2 * Math.PI * uniform());
  };
}
