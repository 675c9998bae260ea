// Run with `node --test`: the author's own tests, through the public plugin object.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import plugin from './index.js';

test('the banned filter drops whole-word matches in any case', () => {
  const definition = plugin.filters?.banned;
  assert.ok(definition);
  const filter = definition.create(definition.options.parse({ words: ['lorem', 'c++'] }));
  assert.equal(filter.keep(filter.score('Nothing to see here', {})), true);
  assert.equal(filter.keep(filter.score('LOREM ipsum', {})), false);
  assert.equal(filter.keep(filter.score('Loremipsum is one word', {})), true);
  assert.equal(filter.describe?.(filter.score('I like C++ a lot', {})), 'contains the banned word "C++"');
});

test('options are validated', () => {
  assert.equal(plugin.filters?.banned?.options.safeParse({ words: [] }).success, false);
  assert.equal(plugin.filters?.banned?.options.safeParse({ words: ['x'], extra: 1 }).success, false);
});

test('collapse-whitespace tidies every line', async () => {
  const modifier = plugin.modifiers?.['collapse-whitespace']?.create({});
  assert.equal(await modifier?.modify('  a \t b  \n   c  ', {}), 'a b\nc');
});
