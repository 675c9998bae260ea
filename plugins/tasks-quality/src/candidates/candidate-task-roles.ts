import { answerTemplates } from '../answers/answer-templates';
import { candidateScoringRoles } from './candidate-options-shape';
import { judgeTemplates } from './judge-templates';

/**
 * The roles, templates and `scoringRoles` of every task that generates and scores candidates,
 * spread into its `defineTask`: the `generator` writes them, the `judge` (a chat model) or the
 * `reward` model (bound by name, and only needed with `scorer: reward`) scores them.
 */
export const candidateTaskRoles = {
  models: {
    generator: 'Writes the candidate answers, n in one call. Recommended temperature 0.8, so they differ; the recipe\'s params for the role win.',
    judge: 'With scorer: judge, grades each candidate from 1 to 10 as JSON { reason, score }. Recommended temperature 0; the recipe\'s params for the role win.',
  },
  rewardModels: {
    reward: 'With scorer: reward, scores each candidate (NVIDIA\'s reward models score helpfulness, correctness, coherence, complexity and verbosity). Bound by name: models.reward.',
  },
  templates: { ...answerTemplates, ...judgeTemplates },
  scoringRoles: candidateScoringRoles,
} as const;
