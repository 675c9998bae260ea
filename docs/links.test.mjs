// Every relative link in the guides (and the READMEs they send readers to) points at a file or
// folder that exists, and every #anchor at a heading of that file, so a renamed file or heading
// breaks this test instead of a reader's path through the docs.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { headingAnchors } from './scripts/heading-anchors.mjs';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const documents = [
  'README.md',
  ...readdirSync(join(root, 'docs')).filter((file) => file.endsWith('.md')).map((file) => `docs/${file}`),
  ...['packages', 'plugins', 'examples'].flatMap((group) =>
    readdirSync(join(root, group))
      .map((name) => `${group}/${name}/README.md`)
      .filter((file) => existsSync(join(root, file))),
  ),
];

describe('links in the documentation', () => {
  it.each(documents)('%s links only to files and headings that exist', (document) => {
    const broken = [];
    for (const { target, anchor } of relativeLinks(readFileSync(join(root, document), 'utf8'))) {
      const path = target === '' ? join(root, document) : join(root, dirname(document), target);
      if (!existsSync(path)) {
        broken.push(`${target}: no such file`);
        continue;
      }
      if (anchor != null && statSync(path).isFile() && path.endsWith('.md') && !headingAnchors(readFileSync(path, 'utf8')).has(anchor)) {
        broken.push(`${target}#${anchor}: no such heading in ${relative(root, path)}`);
      }
    }
    expect(broken).toEqual([]);
  });
});

// --- Internal helpers ---

/** Markdown links `[text](target#anchor)` that are not URLs, outside code blocks. */
function relativeLinks(markdown) {
  // Code (fenced blocks and inline spans) shows Markdown, it does not link.
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '').replace(/`[^`\n]*`/g, '');
  const links = [];
  for (const match of prose.matchAll(/\]\(([^)\s]+)\)/g)) {
    const link = match[1];
    if (/^[a-z][a-z0-9+.-]*:/i.test(link)) continue;
    const [target, anchor] = link.split('#');
    links.push({ target: decodeURIComponent(target), anchor: anchor || undefined });
  }
  return links;
}
