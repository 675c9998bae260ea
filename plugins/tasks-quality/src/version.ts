declare const __PACKAGE_VERSION__: string;

/** This package's version, injected from package.json at build time (and in tests by vitest's `define`). */
export const VERSION: string = __PACKAGE_VERSION__;
