import { defineTask } from '@synthkit/core';
import { z } from 'zod';
import { conversionOptionsShape } from '../options/conversion-options-shape';
import { positiveCountSchema } from '../options/positive-count-schema';
import { strictOptionsSchema } from '../options/strict-options-schema';
import { topicListSchema } from '../options/topic-list-schema';
import { conversionTemplates } from '../prompts/conversion-templates';
import { convertGeneratedList } from './convert-generated-list';
import { listTaskModels } from './list-task-models';

/** The kinds of text asked for when neither the stage nor the record names any. */
export const defaultTextMaterialTypes: ReadonlyArray<string> = ['essay', 'poem', 'short story', 'letter', 'blog post'];

const writingTasksOptionsSchema = strictOptionsSchema({
  /** How many writing tasks to ask for per (topic, kind of text) pair. Required. */
  n_openlines: positiveCountSchema('n_openlines').describe('How many writing tasks to ask for per (topic, kind of text) pair.'),
  /**
   * The kinds of text to ask for, each paired with every topic (NeMo's `text_material_types`). A
   * record that has its own `text_material_type` is paired with that one only.
   * @default ['essay', 'poem', 'short story', 'letter', 'blog post']
   */
  text_material_types: topicListSchema('text_material_types')
    .min(1, { error: 'text_material_types must name at least one kind of text, e.g. [essay, poem].' })
    .default([...defaultTextMaterialTypes])
    .describe("The kinds of text to ask for, each paired with every topic; a record's own text_material_type replaces the list."),
  ...conversionOptionsShape,
});

/** Options of `nemotron:writing-tasks`, with defaults applied. */
export type WritingTasksOptions = z.output<typeof writingTasksOptionsSchema>;

const writingTasksInputSchema = z.object({
  topic: z.string().min(1),
  text_material_type: z.string().trim().min(1).optional(),
});

/**
 * Reads the topic (from a seed file or `nemotron:subtopics`), and `text_material_type` when the
 * record names its own kind of text.
 */
export type WritingTasksInput = z.output<typeof writingTasksInputSchema>;

const writingTasksOutputSchema = z.object({ openline: z.string().min(1), text_material_type: z.string().min(1) }).strict();

/** One record per writing task, with the kind of text it asks for. */
export type WritingTasksOutput = z.output<typeof writingTasksOutputSchema>;

/**
 * `nemotron:writing-tasks`: for each `topic`, asks the generator for `n_openlines` short requests
 * to write a given kind of text about it, once per kind of text, and emits one
 * `{ openline, text_material_type }` record per request.
 *
 * The (topic × kind of text) pairs: the topic comes from the record; the kinds of text from the
 * record's own `text_material_type` when it has one (a seed file of explicit pairs), else from the
 * `text_material_types` option (every topic with every kind, NeMo's writing pipeline). Each pair is
 * one generator call, all sent at once, and its list is read on its own: with
 * `ignore_conversion_failure`, a pair whose list fails is rejected (its `text_material_type` is in
 * the reject's details) and the other pairs' records are still emitted.
 */
export const writingTasksTask = defineTask({
  description: 'Generates n_openlines writing tasks per topic and kind of text; one { openline, text_material_type } record each.',
  options: writingTasksOptionsSchema,
  input: writingTasksInputSchema,
  output: writingTasksOutputSchema,
  models: listTaskModels,
  templates: {
    // Asks for `{n_openlines}` short requests to write a `{text_material_type}` about `{topic}`,
    // varied in angle, audience and purpose. The answer is a bare numbered list.
    'writing-tasks': {
      description: 'Asks for n_openlines short requests to write a text_material_type about topic, as a numbered list.',
      user: [
        'Topic: {topic}',
        'Kind of text: {text_material_type}',
        '',
        'Write {n_openlines} different requests that ask an AI assistant to write a text of this kind about this topic, or about something closely tied to it. Each request should be one or two sentences, say plainly what kind of text it wants, and sound like something a real person would ask for. Vary the angle, the intended reader and the purpose from one request to the next.',
        '',
        'Reply with exactly {n_openlines} requests as a numbered list, one request per line, in the form "1. Request". Keep each on a single line. Write nothing else: no heading, no introduction, no closing remarks.',
      ].join('\n'),
      variables: ['topic', 'text_material_type', 'n_openlines'],
    },
    ...conversionTemplates,
  },
  async run(input, context) {
    const { options } = context;
    const materials = input.text_material_type === undefined ? options.text_material_types : [input.text_material_type];
    const perMaterial = await Promise.all(
      materials.map(async (text_material_type) => {
        const { text } = await context.generate({
          role: 'generator',
          template: 'writing-tasks',
          variables: { topic: input.topic, text_material_type, n_openlines: options.n_openlines },
        });
        const openlines = await convertGeneratedList(context, {
          llmResponse: text,
          expectedLength: options.n_openlines,
          rejectDetails: { text_material_type },
        });
        return (openlines ?? []).map((openline) => ({ openline, text_material_type }));
      }),
    );
    return perMaterial.flat();
  },
});
