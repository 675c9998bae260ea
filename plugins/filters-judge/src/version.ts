declare const __PACKAGE_VERSION__: string;

/**
 * Version of this package, injected from package.json at build time (tsup `define`) and in tests
 * (vitest `define`), so the plugin's `meta.version` can never drift from the published version.
 */
export const VERSION: string = __PACKAGE_VERSION__;
