/** The node-llama-cpp module: loaded on the first model call, never when the plugin is imported. */
export type NodeLlamaCpp = typeof import('node-llama-cpp');

/** Imports node-llama-cpp (its native binding loads later, in `getLlama`). */
export function importNodeLlamaCpp(): Promise<NodeLlamaCpp> {
  return import('node-llama-cpp');
}
