import type { GenerationParams } from '@synthkit/core';

/**
 * The generation parameters NeMo Curator's Nemotron-CC pipelines use for every task (temperature
 * 0.5, top_p 0.9, a stop sequence `</s>`), with the task's own answer budget. The tasks pass them as
 * `defaults`, so a recipe's parameters for the role override any of them.
 *
 * The stop sequence is a real list (NeMo's tutorials pass the string `"['</s>']"`, which stops on
 * that literal text instead). NeMo's `top_k: 0` is left out: it means "no top-k" and most chat
 * endpoints refuse or ignore the parameter.
 *
 * @param maxTokens The longest answer, in tokens: 512 rephrase, 600 diverse QA, 1600 distill, 1400
 *   extract knowledge, 600 knowledge list.
 */
export function nemotronCCGenerationDefaults(maxTokens: number): GenerationParams {
  return { temperature: 0.5, topP: 0.9, maxTokens, stop: ['</s>'] };
}
