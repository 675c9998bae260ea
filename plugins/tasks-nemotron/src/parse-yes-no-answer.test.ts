import { describe, expect, it } from 'vitest';
import { parseYesNoAnswer } from './parse-yes-no-answer';

describe('parseYesNoAnswer', () => {
  it.each([
    ['Yes', true],
    ['Yes.', true],
    [' yes, because it is taught in school', true],
    ['\n\n"YES"', true],
    ['**No**', false],
    ['No. It is a sport.', false],
    ['“no” — it is cooking', false],
    ['`Yes`', true],
    ['- No', false],
  ] as const)('%j is %s', (answer, verdict) => {
    expect(parseYesNoAnswer(answer)).toBe(verdict);
  });

  it.each(['Maybe', 'Yesterday I learned it', 'Nobody knows', 'Answer: Yes', '', '   ', '**', 'It is, yes.', 'Sí'])('%j is unparseable', (answer) => {
    expect(parseYesNoAnswer(answer)).toBeUndefined();
  });
});
