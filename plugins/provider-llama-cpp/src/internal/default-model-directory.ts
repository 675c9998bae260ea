import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where `hf:` models are downloaded to: `models/` in the synthkit cache folder, which is
 * `$SYNTHKIT_CACHE_DIR`, else `$XDG_CACHE_HOME/synthkit`, else `~/.cache/synthkit`: the folder the
 * runtime keeps its response cache in (`defaultCacheDirectory` of `@synthkit/runtime`, which a
 * provider does not depend on; a test checks the two agree).
 */
export function defaultModelDirectory(environment: NodeJS.ProcessEnv = process.env): string {
  const explicit = environment['SYNTHKIT_CACHE_DIR']?.trim();
  if (explicit) return join(explicit, 'models');
  const xdg = environment['XDG_CACHE_HOME']?.trim();
  return join(xdg ? xdg : join(homedir(), '.cache'), 'synthkit', 'models');
}
