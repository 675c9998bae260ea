declare const __PACKAGE_VERSION__: string;

/** This package's version, injected at build time from package.json (and by vitest in tests). */
export const VERSION: string = __PACKAGE_VERSION__;
