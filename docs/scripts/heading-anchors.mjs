/**
 * The anchors GitHub gives a Markdown file's headings, in order: lower case, punctuation dropped,
 * spaces as dashes, `-1`, `-2`... after a repeated heading. Headings inside code blocks are not
 * headings.
 *
 * @param {string} markdown
 * @returns {Set<string>}
 */
export function headingAnchors(markdown) {
  const anchors = new Set();
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
  for (const match of prose.matchAll(/^#{1,6}\s+(.+?)\s*#*$/gm)) {
    const base = headingAnchor(match[1]);
    let anchor = base;
    for (let copy = 1; anchors.has(anchor); copy += 1) anchor = `${base}-${copy}`;
    anchors.add(anchor);
  }
  return anchors;
}

/**
 * The anchor of one heading's text, before any `-1` suffix: `` `nemotron:subtopics` `` gives
 * `nemotronsubtopics`, `Task stage` gives `task-stage`.
 *
 * @param {string} heading
 */
export function headingAnchor(heading) {
  return heading
    .toLowerCase()
    .replace(/[`*]/g, '')
    .replace(/[^\p{L}\p{N} _-]/gu, '')
    .replace(/ /g, '-');
}
