import { defaultCacheDirectory, openResponseCache } from '@synthkit/runtime';
import { exitCodes, type CliIo, type ExitCode } from '../cli-io';

/**
 * `synthkit cache stats|clear`: how many answers the response cache holds and how much disk it
 * takes, or remove them all. The cache is shared by every recipe run as this user.
 */
export async function cacheCommand({ action, json }: { action: 'stats' | 'clear'; json: boolean }, io: CliIo): Promise<ExitCode> {
  const cache = await openResponseCache(io.cacheDirectory ?? defaultCacheDirectory());
  try {
    if (action === 'clear') {
      const before = cache.statistics().entries;
      await cache.clear();
      io.stdout.write(`Removed ${before} cached answers from ${cache.directory}.\n`);
      return exitCodes.ok;
    }
    const statistics = cache.statistics();
    if (json) {
      io.stdout.write(`${JSON.stringify(statistics, null, 2)}\n`);
      return exitCodes.ok;
    }
    io.stdout.write(
      `${statistics.entries} cached answers, ${formatBytes(statistics.bytes)}, in ${statistics.directory}\n` +
        'Runs replay them instead of sending the request again; "synthkit cache clear" removes them.\n',
    );
    return exitCodes.ok;
  } finally {
    await cache.close();
  }
}

// --- Internal helpers ---

function formatBytes(bytes: number): string {
  if (bytes >= 1024 ** 3) return `${(bytes / 1024 ** 3).toFixed(1)} GiB`;
  if (bytes >= 1024 ** 2) return `${(bytes / 1024 ** 2).toFixed(1)} MiB`;
  if (bytes >= 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${bytes} B`;
}
