import { defineFilter } from '@synthkit/core';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { optionsJsonSchema } from '../recipe/options-json-schema';
import { createTestPlugin } from '../test-support/test-plugin';
import { createRegistry } from './create-registry';
import { propertySummaries, summarizeItem } from './summarize-item';

describe('summarizeItem', () => {
  it('gives a task its options, the fields it reads and writes, its model roles and its templates', async () => {
    const registry = await createRegistry({ plugins: [createTestPlugin()], discover: false });

    const summary = summarizeItem(registry.get('tasks', 'test:ask'));

    expect(summary).toMatchObject({
      reference: 'test:ask',
      description: 'Asks the generator about an item.',
      plugin: 'synthkit-plugin-test',
      reads: ['item'],
      writes: ['answer'],
      models: { generator: 'Answers.' },
      templates: [{ name: 'ask', variables: ['item', 'style'], system: 'Be {style}.', user: 'Tell me about {item}.' }],
    });
    expect(summary.optionList).toEqual([
      { name: 'style', type: 'string', required: false, default: 'plain', schema: { type: 'string', default: 'plain' } },
    ]);
  });

  it('gives a filter its options and nothing about records or models', async () => {
    const registry = await createRegistry({ plugins: [createTestPlugin()], discover: false });

    const summary = summarizeItem(registry.get('filters', 'test:min-length'));

    expect(summary.optionList?.map((option) => [option.name, option.type, option.default])).toEqual([['min', 'integer', 1]]);
    expect(summary).not.toHaveProperty('reads');
    expect(summary).not.toHaveProperty('templates');
  });
});

describe('propertySummaries', () => {
  it('reads each property in order with its type, whether it is required, its default and its description', () => {
    const schema = z.strictObject({
      size: z.number().int().describe('How many.'),
      mode: z.enum(['fast', 'slow']).default('fast'),
      tags: z.array(z.string()).optional(),
    });

    const properties = propertySummaries(optionsJsonSchema(schema));

    expect(properties.map(({ schema: _schema, ...property }) => property)).toEqual([
      { name: 'size', type: 'integer', required: true, description: 'How many.' },
      { name: 'mode', type: '"fast" | "slow"', required: false, default: 'fast' },
      { name: 'tags', type: 'string[]', required: false },
    ]);
  });

  it('gives a filter that calls models its roles and templates, and a plain filter none', () => {
    const judge = defineFilter({
      description: 'Keeps approved answers.',
      options: z.object({}),
      models: { judge: 'Approves.' },
      embeddingModels: { embedder: 'Embeds.' },
      templates: { ask: { user: 'Approve {text}?', variables: ['text'] } },
      create: () => ({ score: () => true, keep: (yes) => yes }),
    });
    const meta = { name: 'p', version: '1.0.0', namespace: 'p' };
    const summary = summarizeItem({ reference: 'p:judge', item: judge, plugin: meta });
    expect([summary.models, summary.embeddingModels, summary.rewardModels, summary.templates]).toEqual([
      { judge: 'Approves.' },
      { embedder: 'Embeds.' },
      undefined,
      [{ name: 'ask', variables: ['text'], user: 'Approve {text}?' }],
    ]);
    const plain = defineFilter({ description: 'Keeps all.', options: z.object({}), create: () => ({ score: () => 1, keep: () => true }) });
    expect(summarizeItem({ reference: 'p:plain', item: plain, plugin: meta }).models).toBeUndefined();
  });

  it('finds no properties in a schema that is not an object', () => {
    expect(propertySummaries(optionsJsonSchema(z.string()))).toEqual([]);
    expect(propertySummaries(null)).toEqual([]);
  });
});
