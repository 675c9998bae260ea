// Run with `node --test`: the author's own tests, through the public plugin object.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import plugin from './index.js';

test('the banned filter scores the number of whole-word matches in any case, and keeps 0', () => {
  const definition = plugin.filters?.banned;
  assert.ok(definition);
  const filter = definition.create(definition.options.parse({ words: ['lorem', 'c++'] }));
  assert.equal(filter.score('Nothing to see here', {}), 0);
  assert.equal(filter.keep(0), true);
  assert.equal(filter.score('LOREM ipsum', {}), 1);
  assert.equal(filter.keep(1), false);
  assert.equal(filter.score('Loremipsum is one word', {}), 0);
  assert.equal(filter.score('lorem, C++ and Lorem again', {}), 3);
  assert.equal(filter.score('lorem, C++ and Lorem again', {}), 3, 'scoring twice gives the same count');
});

test('the banned filter says how many banned words a dropped text holds', () => {
  const definition = plugin.filters?.banned;
  assert.ok(definition);
  const filter = definition.create(definition.options.parse({ words: ['lorem', 'c++'] }));
  assert.equal(filter.describe?.(filter.score('I like C++ a lot', {})), 'contains 1 banned word');
  assert.equal(filter.describe?.(filter.score('I like C++ and lorem', {})), 'contains 2 banned words');
});

test('options are validated', () => {
  assert.equal(plugin.filters?.banned?.options.safeParse({ words: [] }).success, false);
  assert.equal(plugin.filters?.banned?.options.safeParse({ words: ['x'], extra: 1 }).success, false);
});

test('collapse-whitespace tidies every line', async () => {
  const modifier = plugin.modifiers?.['collapse-whitespace']?.create({});
  assert.equal(await modifier?.modify('  a \t b  \n   c  ', {}), 'a b\nc');
});
