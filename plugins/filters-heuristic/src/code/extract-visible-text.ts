/**
 * The text a browser would show from an HTML document, as BeautifulSoup's `get_text()` gives it
 * after NeMo Curator removes `<script>` and `<style>` elements: every text node, concatenated as it
 * is (whitespace kept), with character references decoded; tags, comments, `<!DOCTYPE>` and
 * processing instructions removed. A simplified parser: good for measuring, not for rendering.
 */
export function extractVisibleText(html: string): string {
  let text = '';
  let index = 0;
  while (index < html.length) {
    const open = html.indexOf('<', index);
    if (open === -1) {
      text += decodeCharacterReferences(html.slice(index));
      break;
    }
    text += decodeCharacterReferences(html.slice(index, open));
    if (html.startsWith('<!--', open)) {
      const end = html.indexOf('-->', open + 4);
      index = end === -1 ? html.length : end + 3;
      continue;
    }
    const tag = /^<\/?([a-zA-Z][a-zA-Z0-9-]*)?/.exec(html.slice(open, open + 64));
    if (tag?.[1] === undefined && html[open + 1] !== '!' && html[open + 1] !== '?') {
      text += '<'; // a lone "<" is text
      index = open + 1;
      continue;
    }
    const close = html.indexOf('>', open);
    if (close === -1) break;
    const name = tag?.[1]?.toLowerCase();
    index = close + 1;
    if ((name === 'script' || name === 'style') && !tag![0].startsWith('</')) {
      const end = html.toLowerCase().indexOf(`</${name}`, index);
      index = end === -1 ? html.length : html.indexOf('>', end) + 1 || html.length;
    }
  }
  return text;
}

// --- Internal helpers ---

const namedReferences: Readonly<Record<string, string>> = {
  amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0', copy: '©', reg: '®', mdash: '—', ndash: '–',
  hellip: '…', laquo: '«', raquo: '»', lsquo: '‘', rsquo: '’', ldquo: '“', rdquo: '”', middot: '·', bull: '•',
};

function decodeCharacterReferences(text: string): string {
  if (!text.includes('&')) return text;
  return text.replace(/&(#[0-9]+|#[xX][0-9a-fA-F]+|[a-zA-Z]+);/g, (reference, body: string) => {
    if (body.startsWith('#')) {
      const codePoint = body[1] === 'x' || body[1] === 'X' ? Number.parseInt(body.slice(2), 16) : Number.parseInt(body.slice(1), 10);
      return codePoint > 0 && codePoint < 0x110000 ? String.fromCodePoint(codePoint) : '\ufffd';
    }
    return namedReferences[body] ?? reference;
  });
}
