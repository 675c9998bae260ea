import { stat } from 'node:fs/promises';
import { APICallError } from '@synthkit/core';
import type { LlamaCppDownloadProgress } from '../llama-cpp-provider-settings';
import type { ModelSource } from './model-source';
import type { NodeLlamaCpp } from './node-llama-cpp';

/** What {@link resolveModelPath} needs besides the source. */
export interface ModelPathOptions {
  readonly library: NodeLlamaCpp;
  /** Where `hf:` models are downloaded to and found again. */
  readonly directory: string;
  /** The Hugging Face server, ending with `/`. */
  readonly huggingFaceEndpoint: string;
  readonly onProgress: (progress: LlamaCppDownloadProgress) => void;
  /** How long the reachability check of the Hugging Face server may take, in ms. @default 10000 */
  readonly probeTimeoutMs?: number;
}

/**
 * The GGUF file of a model: the file itself, or for an `hf:` URI the file in `directory`,
 * downloaded first when it is not there yet (with progress). A model already downloaded needs no
 * network. Before downloading, the server is checked reachable with a short request: node-llama-cpp's
 * downloader retries a refused connection for about 12 minutes, while an offline machine should
 * hear at once how to do without the download.
 *
 * @throws APICallError when the file is missing, the server cannot be reached (retryable) or
 * refuses the download (with its HTTP status: 401/403 for a gated model, 404 for a wrong name).
 */
export async function resolveModelPath(source: ModelSource, options: ModelPathOptions): Promise<string> {
  if (source.kind === 'file') {
    const stats = await stat(source.path).catch(() => undefined);
    if (stats?.isFile() !== true) {
      throw new APICallError({
        message: `llama-cpp: no GGUF file at ${source.path} (it was there when the model was set up). Check the path, or give an hf: URI to download the model.`,
        url: source.path,
        isRetryable: false,
      });
    }
    return source.path;
  }
  const { library, directory, huggingFaceEndpoint } = options;
  const common = { directory, cli: false, endpoints: { huggingFace: huggingFaceEndpoint } };
  try {
    return await library.resolveModelFile(source.uri, { ...common, download: false });
  } catch {
    // Not downloaded yet.
  }
  await checkReachable(source.uri, huggingFaceEndpoint, options.probeTimeoutMs ?? 10_000);
  const report = progressReporter(source.uri, options.onProgress);
  try {
    const path = await library.resolveModelFile(source.uri, { ...common, onProgress: report });
    return path;
  } catch (error) {
    throw downloadError(source.uri, huggingFaceEndpoint, error);
  }
}

/**
 * The default progress report: a line on stderr when a download starts, at every 10% and at the
 * end, so a long first call is never silent.
 */
export function stderrDownloadProgress(): (progress: LlamaCppDownloadProgress) => void {
  const reported = new Map<string, number>();
  return ({ uri, downloadedBytes, totalBytes }) => {
    const tenth = totalBytes > 0 ? Math.floor((downloadedBytes / totalBytes) * 10) : 0;
    const last = reported.get(uri);
    if (last === tenth) return;
    reported.set(uri, tenth);
    const size = totalBytes > 0 ? ` of ${megabytes(totalBytes)}` : '';
    process.stderr.write(
      last == null
        ? `llama-cpp: downloading ${uri}${size}\n`
        : tenth >= 10
          ? `llama-cpp: downloaded ${uri} (${megabytes(downloadedBytes)})\n`
          : `llama-cpp: ${uri}: ${tenth * 10}% (${megabytes(downloadedBytes)}${size})\n`,
    );
  };
}

// --- Internal helpers ---

/** What to do without the download, appended to every download error. */
const withoutDownloadAdvice =
  'To do without it: download the GGUF file on a machine that can, and set the model under ' +
  'providers.llama-cpp.models to its path (or name it directly: llama-cpp:/path/to/model.gguf); ' +
  'point huggingFaceEndpoint (or HF_ENDPOINT) at a reachable mirror; or use another provider (--model openai:<model id>).';

async function checkReachable(uri: string, endpoint: string, timeoutMs: number): Promise<void> {
  try {
    // Any HTTP answer will do: the server is there. Only the connection matters.
    const response = await fetch(endpoint, { method: 'HEAD', redirect: 'manual', signal: AbortSignal.timeout(timeoutMs) });
    await response.body?.cancel();
  } catch (error) {
    throw new APICallError({
      message: `llama-cpp cannot download ${uri}: ${endpoint} cannot be reached (${reasonOf(error)}); this machine may be offline. ${withoutDownloadAdvice}`,
      url: endpoint,
      isRetryable: true,
      cause: error,
    });
  }
}

function downloadError(uri: string, endpoint: string, error: unknown): APICallError {
  if (APICallError.isInstance(error)) return error;
  const { statusCode, url } = (error ?? {}) as { statusCode?: unknown; url?: unknown };
  if (typeof statusCode === 'number') {
    const advice =
      statusCode === 401 || statusCode === 403
        ? 'The model may be gated: accept its terms on Hugging Face and set HF_TOKEN to an access token.'
        : statusCode === 404
          ? `Check the user, repository and file name (the files are listed at ${endpoint}${repositoryOf(uri)}/tree/main).`
          : '';
    return new APICallError({
      message: `llama-cpp cannot download ${uri}: the server answered HTTP ${statusCode}. ${advice} ${withoutDownloadAdvice}`.replace(/ {2,}/g, ' '),
      url: typeof url === 'string' ? url : endpoint,
      statusCode,
      cause: error,
    });
  }
  return new APICallError({
    message: `llama-cpp cannot download ${uri}: ${reasonOf(error)}. ${withoutDownloadAdvice}`,
    url: endpoint,
    isRetryable: false,
    cause: error,
  });
}

function progressReporter(uri: string, onProgress: (progress: LlamaCppDownloadProgress) => void) {
  return ({ downloadedSize, totalSize }: { downloadedSize: number; totalSize: number }) => {
    try {
      onProgress({ uri, downloadedBytes: downloadedSize, totalBytes: totalSize });
    } catch {
      // A broken progress callback must not break the download.
    }
  };
}

/** `user/repo` of `hf:user/repo/file.gguf` or `hf:user/repo:quant`. */
function repositoryOf(uri: string): string {
  return uri.slice('hf:'.length).split('/').slice(0, 2).join('/').split(':')[0] ?? '';
}

function reasonOf(error: unknown): string {
  const cause = (error as { cause?: { code?: unknown; message?: unknown } } | undefined)?.cause;
  if (typeof cause?.code === 'string') return cause.code;
  if (error instanceof Error && error.name === 'TimeoutError') return 'no answer in time';
  return error instanceof Error ? error.message : String(error);
}

function megabytes(bytes: number): string {
  return `${(bytes / 1_000_000).toFixed(bytes < 10_000_000 ? 1 : 0)} MB`;
}
