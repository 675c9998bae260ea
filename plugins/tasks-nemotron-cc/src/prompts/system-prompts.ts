/**
 * The system prompt of every Nemotron-CC task but distill: an assistant that does exactly what the
 * instructions ask and nothing more (so the answer formats the post-processing expects hold).
 */
export const nemotronCCSystemPrompt =
  'You are a helpful, careful assistant. You follow the instructions you are given exactly, and your answer contains only what they ask for.';

/**
 * The system prompt of `nemotron-cc:distill`, more exacting than {@link nemotronCCSystemPrompt}: a
 * condensed text must stay accurate and keep the source's nuance, and must not drift into claims the
 * source does not make.
 */
export const nemotronCCDistillSystemPrompt =
  'You are an assistant who writes with precision. Everything you write is accurate and factual, keeps the nuance and the ' +
  'qualifications of the source you are given, and adds no claim that the source does not make.';
