import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { InvalidArgumentError } from '@synthkit/core';
import { huggingFaceUriPattern } from '../llama-cpp-provider-settings';

/** Where a model's weights come from: a GGUF file, or a Hugging Face URI downloaded on first use. */
export type ModelSource =
  | { readonly kind: 'file'; /** Absolute path. */ readonly path: string }
  | { readonly kind: 'hugging-face'; /** `hf:<user>/<repo>...` as written. */ readonly uri: string };

/**
 * The source a model name stands for: its entry under `models`, else the name itself when it is a
 * GGUF path (`.gguf`) or an `hf:` URI. A local file must exist now, so `synthkit validate` reports a
 * wrong path before the run; nothing is read or downloaded.
 *
 * @throws InvalidArgumentError for a name with no entry that is no path or URI, a malformed URI,
 * or a file that does not exist.
 */
export function modelSourceOf(name: string, models: Readonly<Record<string, string>>): ModelSource {
  const configured = Object.hasOwn(models, name) ? models[name] : undefined;
  const written = configured ?? (isDirectSource(name) ? name : undefined);
  const origin = configured == null ? `the model reference "llama-cpp:${name}"` : `providers.llama-cpp.models.${name}`;
  if (written == null) {
    const names = Object.keys(models);
    throw new InvalidArgumentError({
      argument: name,
      message:
        `llama-cpp has no model named "${name}" (${names.length === 0 ? 'no models are configured' : `configured: ${names.join(', ')}`}). ` +
        `Add it under providers.llama-cpp.models (${name}: ./path/to/model.gguf, or ${name}: hf:user/repo/model.Q4_K_M.gguf), ` +
        'or name a GGUF file or hf: URI directly: llama-cpp:./models/model.gguf.',
    });
  }
  if (written.startsWith('hf:')) {
    if (!huggingFaceUriPattern.test(written)) {
      throw new InvalidArgumentError({
        argument: name,
        message: `${origin}: "${written}" is not a Hugging Face model URI; write hf:user/repo/model.Q4_K_M.gguf or hf:user/repo:Q4_K_M.`,
      });
    }
    return { kind: 'hugging-face', uri: written };
  }
  const path = resolve(written);
  const stats = statSync(path, { throwIfNoEntry: false });
  if (stats == null || !stats.isFile()) {
    throw new InvalidArgumentError({
      argument: name,
      message:
        `${origin}: ${stats == null ? 'no file' : 'a folder, not a GGUF file,'} at ${path}` +
        `${path === written ? '' : ` ("${written}" from the current folder, ${process.cwd()})`}. ` +
        'Check the path (an absolute one is safest), or give an hf: URI (hf:user/repo/model.Q4_K_M.gguf) to download the model on first use.',
    });
  }
  return { kind: 'file', path };
}

/** A stable name for the model's weights: `llama-cpp:<absolute path>` or `llama-cpp:<hf URI>`. */
export function endpointOf(source: ModelSource): string {
  return `llama-cpp:${source.kind === 'file' ? source.path : source.uri}`;
}

/** How the model is named in messages: its path or URI. */
export function describeSource(source: ModelSource): string {
  return source.kind === 'file' ? source.path : source.uri;
}

// --- Internal helpers ---

function isDirectSource(name: string): boolean {
  return name.startsWith('hf:') || name.toLowerCase().endsWith('.gguf');
}
