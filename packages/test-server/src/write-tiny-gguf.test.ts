import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { getLlama, LlamaCompletion, LlamaLogLevel, readGgufFileInfo, type Llama } from 'node-llama-cpp';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createTemporaryProject, type TemporaryProject } from './create-temporary-project';
import { tinyGgufBytes, tinyGgufShape, writeTinyGguf } from './write-tiny-gguf';

let project: TemporaryProject;
beforeEach(async () => {
  project = await createTemporaryProject();
});
afterEach(async () => {
  await project.remove();
});

describe('writeTinyGguf', () => {
  it('writes the same file for the same seed and other weights for another', async () => {
    const path = join(project.directory, 'models/tiny.gguf');

    const written = await writeTinyGguf(path, { seed: 7 });
    const again = tinyGgufBytes({ seed: 7 });
    const other = tinyGgufBytes({ seed: 8 });

    expect(written).toBe(492_288);
    expect((await stat(path)).size).toBe(written);
    expect(Buffer.from(await readFile(path)).equals(Buffer.from(again))).toBe(true);
    // Same header and layout, other weights.
    expect(other.byteLength).toBe(written);
    expect(Buffer.from(other).equals(Buffer.from(again))).toBe(false);
  });

  it('reads back through node-llama-cpp with every metadata key, the vocabulary and the tensors', async () => {
    const path = join(project.directory, 'tiny.gguf');
    await writeTinyGguf(path, { name: 'tiny-for-test' });

    const info = await readGgufFileInfo(path);

    expect(info.version).toBe(3);
    expect(info.tensorCount).toBe(21);
    expect(info.metadata.general).toMatchObject({ architecture: 'llama', name: 'tiny-for-test', file_type: 0, alignment: 32 });
    expect(info.metadata.llama).toMatchObject({
      context_length: tinyGgufShape.contextLength,
      embedding_length: tinyGgufShape.embeddingLength,
      block_count: tinyGgufShape.blockCount,
      feed_forward_length: tinyGgufShape.feedForwardLength,
      vocab_size: tinyGgufShape.vocabularySize,
      attention: { head_count: 4, head_count_kv: 2 },
      rope: { dimension_count: 16, freq_base: 10_000 },
    });
    const tokenizer = info.metadata.tokenizer.ggml;
    expect(tokenizer.model).toBe('llama');
    expect(tokenizer.tokens).toHaveLength(364);
    expect(tokenizer.tokens.slice(0, 4)).toEqual(['<unk>', '<s>', '</s>', '<0x00>']);
    expect(tokenizer.tokens[258]).toBe('<0xFF>');
    expect(tokenizer.token_type?.slice(0, 4)).toEqual([2, 3, 3, 6]);
    expect(tokenizer.scores).toHaveLength(364);
    expect({ bos: tokenizer.bos_token_id, eos: tokenizer.eos_token_id, addBos: tokenizer.add_bos_token, addEos: tokenizer.add_eos_token }).toEqual({
      bos: 1,
      eos: 2,
      addBos: true,
      addEos: false,
    });
    const tensors = info.fullTensorInfo ?? [];
    expect(tensors.map((tensor) => tensor.name).slice(0, 3)).toEqual(['token_embd.weight', 'blk.0.attn_norm.weight', 'blk.0.attn_q.weight']);
    expect(tensors.find((tensor) => tensor.name === 'blk.1.attn_k.weight')?.dimensions).toEqual([64, 32]);
    expect(tensors.find((tensor) => tensor.name === 'blk.1.ffn_down.weight')?.dimensions).toEqual([128, 64]);
    expect(tensors.at(-1)).toMatchObject({ name: 'output.weight', dimensions: [64, 364] });
    expect(tensors.every((tensor) => Number(tensor.offset) % 32 === 0)).toBe(true);
  });
});

describe('the tiny GGUF in llama.cpp', () => {
  let llama: Llama;
  beforeAll(async () => {
    // One thread: node-llama-cpp's default of 4 makes generation hundreds of times slower on a small machine.
    llama = await getLlama({ gpu: false, maxThreads: 1, build: 'never', logLevel: LlamaLogLevel.warn });
  });
  afterAll(async () => {
    await llama.dispose();
  });

  it('loads, tokenizes text to bytes and merges and back, and generates deterministically', async () => {
    const path = join(project.directory, 'tiny.gguf');
    await writeTinyGguf(path, { seed: 3 });
    const model = await llama.loadModel({ modelPath: path });
    const text = 'hello {"a": true} é';

    expect(model.trainContextSize).toBe(512);
    expect(model.embeddingVectorSize).toBe(64);
    expect(model.detokenize(model.tokenize(text))).toBe(text);
    // Ids: 259 is the SentencePiece space (added in front), 260 + (code - 0x21) a printable character,
    // 354.. the merges (358 `":`, 359 `{"`), 3 + byte a byte token: `é` is not in the vocabulary,
    // so it becomes its two UTF-8 bytes.
    expect(model.tokenize('{"a":')).toEqual([259, 359, 260 + 0x61 - 0x21, 358]);
    expect(model.tokenize('é')).toEqual([259, 3 + 0xc3, 3 + 0xa9]);

    const complete = async () => {
      const context = await model.createContext({ contextSize: 128, threads: 1 });
      const completion = new LlamaCompletion({ contextSequence: context.getSequence() });
      const result = await completion.generateCompletionWithMeta('Once upon', { maxTokens: 8, temperature: 0.8, seed: 5 });
      await context.dispose();
      return result;
    };
    const first = await complete();
    expect(first.metadata.stopReason).toBe('maxTokens');
    expect(first.response.length).toBeGreaterThan(0);
    expect((await complete()).response).toBe(first.response);
    await model.dispose();
  });
});
