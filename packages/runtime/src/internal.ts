/**
 * `@synthkit/runtime/internal`: the engine's building blocks, for synthkit's own packages (the CLI,
 * the testkit's `runTask`) and benchmarks. Outside the semver promise: anything here may change in
 * any release.
 */
export { CallSignalPool } from './engine/call-signal-pool';
export { createTaskContext, type TrackedTaskContext } from './engine/create-task-context';
export { mapConcurrent, type MapConcurrentOptions } from './engine/map-concurrent';
export { RunStatistics } from './engine/run-statistics';
export { runTaskOnInput } from './engine/run-task-on-input';
export { toAsyncIterable } from './engine/to-async-iterable';
export { stableStringify } from './engine/stable-stringify';
export { createModelGateway } from './gateway/model-gateway';
export { AdaptiveRequestWindow, type AdaptiveRequestWindowOptions } from './gateway/adaptive-request-window';
export { RateLimitBudget, type RateLimitBudgetOptions, type RateLimitCost } from './gateway/rate-limit-budget';
export { CircuitBreaker } from './gateway/circuit-breaker';
export { composeMiddleware, type GenerateFunction } from './gateway/compose-middleware';
export { runCost, type RunCost } from './cost/run-cost';
export { RootLedger, rootIdOf } from './run/root-ledger';
export { applyTemplateOverride, type TemplateOverride } from './recipe/apply-template-override';
