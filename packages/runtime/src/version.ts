declare const __PACKAGE_VERSION__: string;

/** Version of @synthkit/runtime, injected at build time from package.json. */
export const VERSION: string = __PACKAGE_VERSION__;
