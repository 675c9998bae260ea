/**
 * The answers a text transform can keep, trimmed, in order: those with at least one letter or
 * digit. A blank answer, or one of only punctuation or control characters, says nothing.
 */
export function usableAnswers(answers: ReadonlyArray<string>): string[] {
  return answers.map((answer) => answer.trim()).filter((answer) => /[\p{L}\p{N}]/u.test(answer));
}

/** The reason a record is rejected when no answer of the model was usable. */
export const blankAnswerReason = 'blank answer: the model answered with no letters or digits';
