// `@synthkit/testkit/conformance`: the provider conformance suite of `@synthkit/test-server`, and
// the task, filter and modifier conformance kits.
export * from '@synthkit/test-server/conformance';
export { conformanceSamples } from './conformance-samples';
export { describeFilterConformance, type FilterConformanceOptions } from './describe-filter-conformance';
export { describeModifierConformance, type ModifierConformanceOptions } from './describe-modifier-conformance';
export { describeTaskConformance, hostileAnswers, type TaskConformanceOptions } from './describe-task-conformance';
