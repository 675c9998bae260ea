import { z } from 'zod';

/**
 * The option of the programming tasks (`python-macro-topics`, `python-subtopics`,
 * `python-problems`) naming the programming language, so the Python pipeline works for any
 * language. Spread into each task's option shape.
 */
export const languageShape = {
  /** The programming language the topics and problems are about, as people write it: `Python`, `TypeScript`, `Rust`. @default 'Python' */
  language: z
    .string()
    .trim()
    .min(1, { error: 'language must name a programming language, e.g. "Rust".' })
    .default('Python')
    .describe('The programming language the topics and problems are about: Python, TypeScript, Rust...'),
};
