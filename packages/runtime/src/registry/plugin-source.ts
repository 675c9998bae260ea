/** Where a loaded plugin came from, as `synthkit plugins list` shows it. */
export interface PluginSource {
  /**
   * - `code`: a plugin object passed in code (`createRegistry({ plugins: [plugin] })`);
   * - `specifier`: a package name or path listed in code or in a recipe's `plugins`;
   * - `dependency`: a direct dependency of the nearest package.json with `"synthkit": { "plugin": true }`.
   */
  readonly kind: 'code' | 'specifier' | 'dependency';
  /** What was written (package name or path), or `<inline>` for objects passed in code. */
  readonly specifier: string;
  /** Absolute path of the module that was imported, when there is one. */
  readonly path?: string;
  /** The package.json that listed it, for `dependency` plugins. */
  readonly listedIn?: string;
}
