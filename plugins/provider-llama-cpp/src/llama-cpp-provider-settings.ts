import { z } from 'zod';

/** Which GPU backend llama.cpp may use: `false` runs on the CPU only. */
export type LlamaCppGpu = false | 'auto' | 'cuda' | 'vulkan' | 'metal';

/** How far the download of an `hf:` model has come. */
export interface LlamaCppDownloadProgress {
  /** The model URI being downloaded, e.g. `hf:user/repo/model.Q4_K_M.gguf`. */
  readonly uri: string;
  /** Bytes on disk so far. */
  readonly downloadedBytes: number;
  /** Bytes of the whole file (0 until the server says). */
  readonly totalBytes: number;
}

/**
 * Settings of the llama.cpp provider, which runs GGUF models inside the synthkit process. Every
 * field is optional. Nothing is loaded when the provider is created: the first call of a model
 * loads node-llama-cpp, then the model (downloading it first for an `hf:` URI).
 */
export interface LlamaCppProviderSettings {
  /**
   * The models recipes can name, as `llama-cpp:<name>`: each a GGUF file path (relative paths start
   * at the current working folder) or a Hugging Face model URI (`hf:<user>/<repo>/<file>.gguf`,
   * `hf:<user>/<repo>:<quantization>`), downloaded on first use into `modelDirectory`. A GGUF path
   * or `hf:` URI can also be named directly, without an entry: `llama-cpp:./models/qwen.gguf`.
   * Default: none.
   */
  readonly models?: Readonly<Record<string, string>>;
  /**
   * CPU threads llama.cpp uses, for all the provider's models together. Keep it at or below the
   * cores the machine can spare: with more threads than free cores, llama.cpp's threads spin
   * waiting for each other and generation gets hundreds of times slower (node-llama-cpp's own
   * default, 4, makes a 2-core machine 250× slower than 1 thread). For a real model on a machine of
   * its own, set the number of physical cores. Default: 1.
   */
  readonly threads?: number;
  /**
   * Tokens a model sees at once, prompt and answer together, per sequence. A prompt that does not
   * fit is refused, and answers stop (finish reason `length`) where the context ends. Default: 4096,
   * or the context the model was trained with when that is smaller, or less when memory is short.
   */
  readonly contextSize?: number;
  /**
   * Requests one context of a model generates at once, batched together (each sequence takes its
   * own `contextSize` of memory). It is also the request window the engine gives the model unless
   * the recipe's `endpoints` set one, so requests do not pile up. Default: 1.
   */
  readonly sequences?: number;
  /**
   * GPU backend: `false` (CPU only), `'auto'` (the best one found), or `'cuda'`, `'vulkan'`,
   * `'metal'`. GPU backends need node-llama-cpp's GPU binaries installed (see the README).
   * Default: false.
   */
  readonly gpu?: LlamaCppGpu;
  /**
   * Where `hf:` models are downloaded to and found again. Default: `models/` in the synthkit cache
   * folder (`$SYNTHKIT_CACHE_DIR`, else `$XDG_CACHE_HOME/synthkit`, else `~/.cache/synthkit`).
   */
  readonly modelDirectory?: string;
  /**
   * The Hugging Face server `hf:` URIs are downloaded from, e.g. a mirror. Default: the
   * `MODEL_ENDPOINT` or `HF_ENDPOINT` environment variable, else `https://huggingface.co/`. Gated
   * models need a token in `HF_TOKEN` (or `~/.cache/huggingface/token`).
   */
  readonly huggingFaceEndpoint?: string;
  /**
   * Receives the progress of `hf:` downloads. Default: a line on stderr when a download starts,
   * every 10% and when it ends. Code only: recipes cannot set it.
   */
  readonly onDownloadProgress?: (progress: LlamaCppDownloadProgress) => void;
}

/** `hf:<user>/<repo>` with a file path (`/<file>.gguf`) or a quantization tag (`:Q4_K_M`), or neither. */
export const huggingFaceUriPattern = /^hf:[^/\s:]+\/[^/\s:]+(?:\/[^\s]+|:[^/\s]+)?$/;

const positiveWhole = (what: string) => z.number().int({ error: `must be a whole number of ${what}` }).min(1, { error: `must be at least 1` });

/**
 * The zod schema of the settings a recipe can give under `providers.llama-cpp` (every setting but
 * `onDownloadProgress`). Strict: an unknown key, such as a misspelt `context_size`, is an error.
 */
export const llamaCppProviderSettingsSchema = z.strictObject({
  models: z
    .record(
      z.string().min(1, { error: 'a model name must not be empty' }),
      z
        .string()
        .min(1, { error: 'must be a GGUF file path or an hf: URI, not empty' })
        .refine((source) => !source.startsWith('hf:') || huggingFaceUriPattern.test(source), {
          error: 'must be an hf: URI such as "hf:user/repo/model.Q4_K_M.gguf" or "hf:user/repo:Q4_K_M"',
        }),
    )
    .optional()
    .meta({
      description:
        'The models recipes can name as `llama-cpp:<name>`, each a GGUF file path (relative to the working folder) or a Hugging Face URI (`hf:<user>/<repo>/<file>.gguf`, `hf:<user>/<repo>:<quantization>`).',
    }),
  threads: positiveWhole('threads')
    .max(1024)
    .optional()
    .meta({
      description: 'CPU threads llama.cpp uses for all the provider\'s models together; more threads than free cores make generation far slower, not faster.',
      default: 1,
    }),
  contextSize: positiveWhole('tokens')
    .min(16, { error: 'must be at least 16 tokens' })
    .optional()
    .meta({
      description: 'Tokens a model sees at once per sequence, prompt and answer together: a longer prompt is refused, and answers stop where the context ends.',
      defaultDescription: '4096, or less when the model was trained with a smaller context or memory is short',
    }),
  sequences: positiveWhole('sequences')
    .max(256)
    .optional()
    .meta({
      description: 'Requests a model generates at once, batched together, each with its own `contextSize` of memory; also the model\'s request window unless `endpoints` set one.',
      default: 1,
    }),
  gpu: z
    .union([z.literal(false), z.enum(['auto', 'cuda', 'vulkan', 'metal'])], { error: 'must be false, "auto", "cuda", "vulkan" or "metal"' })
    .optional()
    .meta({
      description: 'GPU backend: `false` runs on the CPU only, `auto` takes the best one found; GPU backends need node-llama-cpp\'s GPU binaries (see the README).',
      default: false,
    }),
  modelDirectory: z
    .string()
    .min(1, { error: 'must not be empty' })
    .optional()
    .meta({
      description: 'The folder `hf:` models are downloaded to and found again.',
      defaultDescription: '`models/` in the synthkit cache folder (`$SYNTHKIT_CACHE_DIR`, else `$XDG_CACHE_HOME/synthkit`, else `~/.cache/synthkit`)',
    }),
  huggingFaceEndpoint: z
    .url({ protocol: /^https?$/, error: 'must be an http(s) URL such as "https://huggingface.co/"' })
    .optional()
    .meta({
      description: 'The Hugging Face server `hf:` models are downloaded from, such as a mirror; gated models need a token in `HF_TOKEN`.',
      defaultDescription: 'the `MODEL_ENDPOINT` or `HF_ENDPOINT` environment variable, else `https://huggingface.co/`',
    }),
}) satisfies z.ZodType<Omit<LlamaCppProviderSettings, 'onDownloadProgress'>>;
