import { createHash } from 'node:crypto';
import type { PromptTemplateV1 } from '@synthkit/core';

/**
 * A short fingerprint of a prompt template's text, recorded in `_meta.calls[].templateHash` so that
 * a prompt change is visible in the data it produced.
 *
 * Definition (stable across versions; changing it would make old and new data look different):
 * the first 12 hexadecimal characters (48 bits) of the SHA-256 of the UTF-8 bytes of
 * `system + "\u0000" + user`, where a missing system text counts as `""`. A NUL character separates
 * the texts so that moving text between them changes the hash.
 *
 * Only the texts count: `name`, `description` and `variables` do not change what a model sees.
 * A missing and an empty system text hash the same, as both render to no system message.
 * Results are cached per template object.
 */
export function templateHash(template: PromptTemplateV1): string {
  const cached = cache.get(template);
  if (cached != null) return cached;
  const hash = createHash('sha256')
    .update(template.system ?? '', 'utf8')
    .update('\u0000', 'utf8')
    .update(template.user, 'utf8')
    .digest('hex')
    .slice(0, hashLength);
  cache.set(template, hash);
  return hash;
}

// --- Internal helpers ---

/** 12 hex characters = 48 bits: short enough to read, collisions negligible for the prompts of one project. */
const hashLength = 12;

const cache = new WeakMap<PromptTemplateV1, string>();
