// `@synthkit/testkit/conformance`: the provider conformance suite of `@synthkit/test-server`.
export * from '@synthkit/test-server/conformance';
