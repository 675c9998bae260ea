import { APICallError } from '@synthkit/core';
import type { Llama } from 'node-llama-cpp';
import type { LlamaCppDownloadProgress, LlamaCppGpu } from '../llama-cpp-provider-settings';
import { LoadedModel } from './loaded-model';
import { describeSource, type ModelSource } from './model-source';
import { importNodeLlamaCpp, type NodeLlamaCpp } from './node-llama-cpp';
import { resolveModelPath } from './resolve-model-path';

/** The provider's settings with their defaults applied. */
export interface EngineSettings {
  readonly threads: number;
  readonly contextSize: number | undefined;
  readonly sequences: number;
  readonly gpu: LlamaCppGpu;
  readonly modelDirectory: string;
  readonly huggingFaceEndpoint: string;
  readonly onDownloadProgress: (progress: LlamaCppDownloadProgress) => void;
}

/**
 * What one provider runs in llama.cpp: node-llama-cpp and its `Llama` (the native library, with the
 * thread budget), and every model loaded so far. Nothing happens until the first model is asked
 * for; concurrent first calls share one load, and a load that failed is tried again by the next
 * call. `dispose()` frees it all, and the next call starts over.
 */
export class LlamaCppEngine {
  private session: EngineSession | undefined;

  constructor(
    private readonly settings: EngineSettings,
    private readonly importLibrary: () => Promise<NodeLlamaCpp> = importNodeLlamaCpp,
  ) {}

  /** The model of `source`, loaded (and downloaded) on first use. @throws APICallError */
  model(source: ModelSource): Promise<LoadedModel> {
    this.session ??= new EngineSession(this.settings, this.importLibrary);
    return this.session.model(source);
  }

  /** Frees every model, context and the native library; waits for loads under way first. */
  async dispose(): Promise<void> {
    const session = this.session;
    this.session = undefined;
    await session?.dispose();
  }
}

// --- Internal helpers ---

interface Runtime {
  readonly library: NodeLlamaCpp;
  readonly llama: Llama;
  /** The last warnings and errors llama.cpp logged, to explain a failed load. */
  readonly recentLogs: string[];
}

class EngineSession {
  private runtime: Promise<Runtime> | undefined;
  private readonly models = new Map<string, Promise<LoadedModel>>();

  constructor(
    private readonly settings: EngineSettings,
    private readonly importLibrary: () => Promise<NodeLlamaCpp>,
  ) {}

  model(source: ModelSource): Promise<LoadedModel> {
    const key = describeSource(source);
    let loading = this.models.get(key);
    if (loading == null) {
      const started = this.load(source);
      loading = started;
      this.models.set(key, started);
      started.catch(() => {
        if (this.models.get(key) === started) this.models.delete(key);
      });
    }
    return loading;
  }

  async dispose(): Promise<void> {
    const runtime = await this.runtime?.catch(() => undefined);
    await Promise.allSettled(this.models.values());
    await runtime?.llama.dispose();
  }

  private async load(source: ModelSource): Promise<LoadedModel> {
    const runtime = await this.startedRuntime();
    const path = await resolveModelPath(source, {
      library: runtime.library,
      directory: this.settings.modelDirectory,
      huggingFaceEndpoint: this.settings.huggingFaceEndpoint,
      onProgress: this.settings.onDownloadProgress,
    });
    runtime.recentLogs.length = 0;
    try {
      const model = await runtime.llama.loadModel({ modelPath: path });
      return new LoadedModel(runtime.library, runtime.llama, model, this.settings);
    } catch (error) {
      // llama.cpp's log lines reach JavaScript after the failure (later still on a busy machine):
      // wait for the one saying why, for a second at most.
      for (let waitedMs = 0; waitedMs < 1_000 && !runtime.recentLogs.some(isFailureLine); waitedMs += 10) {
        await new Promise((resolve) => setTimeout(resolve, 10));
      }
      throw loadError(path, error, runtime.recentLogs);
    }
  }

  private startedRuntime(): Promise<Runtime> {
    if (this.runtime == null) {
      const starting = this.startRuntime();
      this.runtime = starting;
      starting.catch(() => {
        if (this.runtime === starting) this.runtime = undefined;
      });
    }
    return this.runtime;
  }

  private async startRuntime(): Promise<Runtime> {
    let library: NodeLlamaCpp;
    try {
      library = await this.importLibrary();
    } catch (error) {
      throw new APICallError({
        message: `llama-cpp cannot load node-llama-cpp: ${messageOf(error)}. Reinstall @synthkit/provider-llama-cpp (it depends on node-llama-cpp 3.22.1).`,
        isRetryable: false,
        cause: error,
      });
    }
    const recentLogs: string[] = [];
    const { gpu, threads } = this.settings;
    try {
      const llama = await library.getLlama({
        gpu,
        maxThreads: threads,
        // Never compile llama.cpp in the middle of a run: prebuilt binaries, or a build made beforehand.
        build: 'never',
        logLevel: library.LlamaLogLevel.warn,
        logger: (level, message) => {
          recentLogs.push(message.trim());
          if (recentLogs.length > 10) recentLogs.shift();
          library.Llama.defaultConsoleLogger(level, message);
        },
      });
      return { library, llama, recentLogs };
    } catch (error) {
      throw new APICallError({
        message:
          `llama-cpp cannot start llama.cpp${gpu === false ? '' : ` with gpu: ${JSON.stringify(gpu)}`}: ${messageOf(error)}. ` +
          (gpu === false
            ? `node-llama-cpp ships prebuilt binaries as optional dependencies (@node-llama-cpp/${process.platform === 'darwin' ? 'mac' : process.platform === 'win32' ? 'win' : process.platform}-${process.arch}); reinstall without --no-optional, or build one with \`npx --no node-llama-cpp source download\`.`
            : 'Install the GPU binary of node-llama-cpp (see the @synthkit/provider-llama-cpp README), or set gpu: false.'),
        isRetryable: false,
        cause: error,
      });
    }
  }
}

/** A clear error for a model llama.cpp could not load. */
function loadError(path: string, error: unknown, recentLogs: ReadonlyArray<string>): APICallError {
  const code = (error as { code?: unknown } | undefined)?.code;
  const name = (error as { name?: unknown } | undefined)?.name;
  const problem =
    code === 'ENOENT'
      ? `no file at ${path}`
      : code === 'EISDIR'
        ? `${path} is a folder, not a GGUF file`
        : name === 'InvalidGgufMagicError' || (error instanceof Error && /GGUF magic/i.test(error.message))
          ? `${path} is not a GGUF file (${messageOf(error)})`
          : `llama.cpp could not load ${path}: ${[messageOf(error), ...recentLogs.filter(isFailureLine)].join('; ')}. ` +
            'The file may be cut short (an interrupted download), or its architecture unknown to the llama.cpp of node-llama-cpp 3.22.1';
  return new APICallError({
    message: `llama-cpp: ${problem}. Check the model's path under providers.llama-cpp.models, or give an hf: URI to download it.`,
    url: path,
    isRetryable: false,
    cause: error,
  });
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

/** A llama.cpp log line that says what failed. */
function isFailureLine(line: string): boolean {
  return /error|fail/i.test(line);
}
