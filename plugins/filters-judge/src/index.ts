import { definePlugin, filterStage } from '@synthkit/core';
import { answerabilityFilter } from './answerability/answerability-filter';
import { easinessFilter } from './easiness/easiness-filter';
import { llmJudgeFilter } from './llm/llm-judge-filter';
import { rewardFilter } from './reward/reward-filter';
import { VERSION } from './version';

export { answerabilityFilter, type AnswerabilityFilterOptions } from './answerability/answerability-filter';
export { answerabilityTemplates, defaultAnswerabilityCriteria } from './answerability/answerability-templates';
export { cosineSimilarity } from './easiness/cosine-similarity';
export { easinessFilter, type EasinessFilterOptions, type EasinessReport } from './easiness/easiness-filter';
export { interpolatedPercentile } from './easiness/interpolated-percentile';
export { aggregateGrades, aggregationRules, meetsAggregation, type AggregationRule } from './llm/aggregate-grades';
export { judgeVerdictSchema, type JudgeVerdict } from './llm/judge-verdict-schema';
export { judgeRoles, llmJudgeFilter, type LlmJudgeOptions } from './llm/llm-judge-filter';
export { rubricNames, rubricTemplates, type RubricName } from './llm/rubric-templates';
export { conversationToScore, type ConversationFields } from './reward/conversation-to-score';
export { rewardFilter, type RewardFilterOptions } from './reward/reward-filter';
export { checkThresholds, rewardThresholdsSchema, type AttributeBounds, type ThresholdCheck } from './reward/reward-thresholds';
export { VERSION } from './version';

/**
 * The `@synthkit/filters-judge` plugin, namespace `judge`: filters that ask models whether to keep
 * a record. `judge:reward` (reward-model thresholds per attribute), `judge:llm` (one to three LLM
 * judges on a rubric, aggregated), and NeMo Curator's retriever-data filters, fixed:
 * `judge:easiness` (an aggregate filter over question-passage similarity) and
 * `judge:answerability` (a judge's Y/N per criterion; an unreadable verdict is a reject).
 */
const plugin = definePlugin({
  specificationVersion: 'v1',
  meta: { name: '@synthkit/filters-judge', version: VERSION, namespace: 'judge' },
  filters: {
    reward: rewardFilter,
    llm: llmJudgeFilter,
    easiness: easinessFilter,
    answerability: answerabilityFilter,
  },
});

export default plugin;

/** Stage factories for pipelines written in code: `llmJudge({ rubric: 'correctness' }, { field: 'response' })`. */
export const rewardJudge = filterStage(plugin, 'reward');
export const llmJudge = filterStage(plugin, 'llm');
export const easiness = filterStage(plugin, 'easiness');
export const answerability = filterStage(plugin, 'answerability');
