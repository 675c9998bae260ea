import { describe, expect, it } from 'vitest';
import { loadTokenCounter } from '../tokenizer/token-counter';
import { promptWithoutDocument, segmentTargetNames, segmentTargets, targetPromptTokens } from './segment-targets';

describe('segment targets', () => {
  it('know the Llama 3 token count of each target prompt (update the table in segment-targets.ts when a prompt changes)', async () => {
    const llama = await loadTokenCounter('llama-3');
    const counted = Object.fromEntries(segmentTargetNames.map((target) => [target, llama.count(promptWithoutDocument(segmentTargets[target].template))]));
    expect(Object.fromEntries(segmentTargetNames.map((target) => [target, targetPromptTokens(target, 'llama-3')]))).toEqual(counted);
  });

  it('estimate the prompt tokens at one per 4 characters', () => {
    const text = promptWithoutDocument(segmentTargets.distill.template);
    expect(targetPromptTokens('distill', 'estimate')).toBe(Math.ceil(text.length / 4));
  });

  it('count the system prompt, a line break and the user template without the document', () => {
    expect(promptWithoutDocument({ system: 'S', user: 'Text:\n{document}\nEnd' })).toBe('S\nText:\n\nEnd');
    expect(promptWithoutDocument({ user: '{document}' })).toBe('\n');
  });
});
