/**
 * Calls `onActivity` once a second until stopped. In-process work that produces no token for a
 * while (downloading, loading a model, evaluating a long prompt) is still progressing, unlike a
 * server that went silent, so the engine's silence timeout must not abandon it.
 */
export function startActivityHeartbeat(onActivity: (() => void) | undefined, intervalMs = 1000): { stop(): void } {
  if (onActivity == null) return { stop() {} };
  onActivity();
  const timer = setInterval(onActivity, intervalMs);
  timer.unref();
  return { stop: () => clearInterval(timer) };
}
