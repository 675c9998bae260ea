import { hash } from 'node:crypto';
import { homedir } from 'node:os';
import { join } from 'node:path';
import type { LanguageModelV1Result } from '@synthkit/core';
import type { RootDatabase } from 'lmdb';
import { stableStringify } from '../engine/stable-stringify';

/** What the cache keeps of an answer: enough to replay it, nothing provider-specific. */
export type CachedAnswer = Pick<LanguageModelV1Result, 'choices' | 'usage' | 'response'>;

/** Size of a response cache, as `synthkit cache stats` shows it. */
export interface ResponseCacheStatistics {
  /** The cache folder. */
  readonly directory: string;
  /** Answers stored. */
  readonly entries: number;
  /** Bytes the store takes on disk. */
  readonly bytes: number;
}

/**
 * Model answers stored on disk by request, so a re-run or a resumed run never pays twice for an
 * answer it already received. Backed by LMDB: a crash-safe, transactional store that several
 * processes can read and write at once.
 */
export interface ResponseCache {
  readonly directory: string;
  /** The stored answer for a key, or undefined. */
  get(key: string): CachedAnswer | undefined;
  /** Stores an answer; resolves once it is committed to disk. */
  put(key: string, answer: CachedAnswer): Promise<void>;
  statistics(): ResponseCacheStatistics;
  /** Removes every stored answer. */
  clear(): Promise<void>;
  close(): Promise<void>;
}

/**
 * The cache folder: `SYNTHKIT_CACHE_DIR`, else `$XDG_CACHE_HOME/synthkit`, else `~/.cache/synthkit`.
 * One folder serves every recipe of the user, so editing a recipe re-uses the answers of the stages
 * it did not change.
 */
export function defaultCacheDirectory(environment: NodeJS.ProcessEnv = process.env): string {
  const explicit = environment['SYNTHKIT_CACHE_DIR']?.trim();
  if (explicit) return explicit;
  const xdg = environment['XDG_CACHE_HOME']?.trim();
  return join(xdg ? xdg : join(homedir(), '.cache'), 'synthkit');
}

/**
 * Opens (creating when missing) the response cache in `directory`. LMDB is loaded only here, so
 * commands that need no cache never load its native module.
 */
export async function openResponseCache(directory: string = defaultCacheDirectory()): Promise<ResponseCache> {
  const { open } = await import('lmdb');
  const database: RootDatabase<CachedAnswer, string> = open<CachedAnswer, string>({
    path: join(directory, 'responses.lmdb'),
    compression: true,
  });
  return {
    directory,
    get: (key) => database.get(key),
    put: async (key, answer) => {
      await database.put(key, answer);
    },
    statistics() {
      const stats = database.getStats() as { entryCount?: number; pageSize?: number; treeBranchPageCount?: number; treeLeafPageCount?: number; overflowPages?: number };
      const pages = (stats.treeBranchPageCount ?? 0) + (stats.treeLeafPageCount ?? 0) + (stats.overflowPages ?? 0);
      return { directory, entries: stats.entryCount ?? 0, bytes: pages * (stats.pageSize ?? 4096) };
    },
    clear: () => database.clearAsync(),
    close: () => database.close(),
  };
}

/**
 * The cache key of one request: sha256 over the provider, the model (and its `variant`: the API
 * and conversation formatter it is called with, when it says), the input, every parameter
 * (seed included), the response format, and which record, stage and call it was made for (with
 * the part of a split `n` and the repeat after a refused answer). The last ones make deliberate repetition (the same prompt for two records, best-of-n) distinct requests,
 * while the same recipe over the same input replays its own answers.
 */
export function responseCacheKey(request: {
  readonly provider: string;
  readonly modelId: string;
  /** `LanguageModelV1.variant`; leave it out (not `undefined`) for a model without one. */
  readonly variant?: string;
  readonly input: unknown;
  readonly params: unknown;
  readonly responseFormat: unknown;
  readonly recordId: string;
  readonly stage: string;
  readonly ordinal: number;
  readonly part: number | undefined;
  readonly repeat: number | undefined;
}): string {
  return hash('sha256', stableStringify(request), 'hex');
}
