/**
 * The Markdown comments are written in, read into a small tree of safe nodes. There is no node for raw
 * HTML: `<script>` in a comment is text, shown as typed. A link keeps its target only when it is http(s)
 * or mailto (`javascript:`, `data:`, relative and malformed targets become plain text). The web app renders
 * the tree as React elements and the API as escaped HTML (`toHtml`), so both show the same thing.
 *
 * The subset: paragraphs, line breaks, `-`/`*`/`1.` lists, `>` quotes, fenced code, `code`, **strong**,
 * *emphasis* (or _emphasis_), [text](https://…), bare https:// links, and @mentions of the names given.
 */

export type Inline =
  | { type: 'text'; text: string }
  | { type: 'code'; text: string }
  | { type: 'strong'; children: Inline[] }
  | { type: 'em'; children: Inline[] }
  | { type: 'link'; href: string; children: Inline[] }
  | { type: 'mention'; name: string }
  | { type: 'break' };

export type Block =
  | { type: 'paragraph'; children: Inline[] }
  | { type: 'list'; ordered: boolean; items: Inline[][] }
  | { type: 'quote'; children: Inline[] }
  | { type: 'code'; text: string };

const SAFE_PROTOCOLS = new Set(['http:', 'https:', 'mailto:']);
/** Control characters, spaces and quotes: a browser and a parser may read a target with them differently. */
const unsafeInHref = (c: string) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f || /[\s<>"']/.test(c);

/** The link's target as a browser may follow it, or null when it is not one we allow. */
export function safeHref(raw: string): string | null {
  const href = raw.trim();
  // No relative links, and nothing a browser would read differently from a parser (control characters).
  if (!/^(https?:\/\/|mailto:)/i.test(href) || [...href].some(unsafeInHref)) return null;
  try {
    const url = new URL(href);
    return SAFE_PROTOCOLS.has(url.protocol) ? url.href : null;
  } catch {
    return null;
  }
}

const LIST_ITEM = /^\s{0,3}(?:([-*+])|(\d{1,9})[.)])\s+(.*)$/;

export function parseMarkdown(source: string, mentionNames: readonly string[] = []): Block[] {
  const lines = source.replace(/\r\n?/g, '\n').split('\n');
  const names = [...mentionNames].sort((a, b) => b.length - a.length);
  const inline = (text: string) => parseInline(text, names);
  const blocks: Block[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i]!;
    if (!line.trim()) {
      i++;
      continue;
    }
    if (/^\s{0,3}```/.test(line)) {
      const code: string[] = [];
      i++;
      while (i < lines.length && !/^\s{0,3}```/.test(lines[i]!)) code.push(lines[i++]!);
      i++; // the closing fence (or the end)
      blocks.push({ type: 'code', text: code.join('\n') });
      continue;
    }
    if (/^\s{0,3}>/.test(line)) {
      const quoted: string[] = [];
      while (i < lines.length && /^\s{0,3}>/.test(lines[i]!)) quoted.push(lines[i++]!.replace(/^\s{0,3}>\s?/, ''));
      blocks.push({ type: 'quote', children: inline(quoted.join('\n')) });
      continue;
    }
    const first = LIST_ITEM.exec(line);
    if (first) {
      const ordered = !first[1];
      const items: Inline[][] = [];
      while (i < lines.length) {
        const m = LIST_ITEM.exec(lines[i]!);
        if (!m || !m[1] !== ordered) break;
        items.push(inline(m[3]!));
        i++;
      }
      blocks.push({ type: 'list', ordered, items });
      continue;
    }
    const para: string[] = [];
    while (
      i < lines.length &&
      lines[i]!.trim() &&
      !/^\s{0,3}(```|>)/.test(lines[i]!) &&
      !(para.length && LIST_ITEM.test(lines[i]!))
    )
      para.push(lines[i++]!);
    blocks.push({ type: 'paragraph', children: inline(para.join('\n')) });
  }
  return blocks;
}

const isWordChar = (c: string | undefined) => !!c && /[\p{L}\p{N}_]/u.test(c);

function parseInline(text: string, names: readonly string[]): Inline[] {
  const out: Inline[] = [];
  let plain = '';
  const flush = () => {
    if (plain) out.push({ type: 'text', text: plain });
    plain = '';
  };
  let i = 0;
  while (i < text.length) {
    const c = text[i]!;
    const rest = text.slice(i);
    if (c === '\n') {
      flush();
      out.push({ type: 'break' });
      i++;
      continue;
    }
    if (c === '\\' && i + 1 < text.length && /[\\`*_[\]()@>#-]/.test(text[i + 1]!)) {
      plain += text[i + 1];
      i += 2;
      continue;
    }
    if (c === '`') {
      const end = text.indexOf('`', i + 1);
      if (end > i + 1) {
        flush();
        out.push({ type: 'code', text: text.slice(i + 1, end) });
        i = end + 1;
        continue;
      }
    }
    if (rest.startsWith('**')) {
      const end = text.indexOf('**', i + 2);
      if (end > i + 2) {
        flush();
        out.push({ type: 'strong', children: parseInline(text.slice(i + 2, end), names) });
        i = end + 2;
        continue;
      }
    }
    if ((c === '*' || c === '_') && !isWordChar(text[i - 1]) && text[i + 1] && text[i + 1] !== ' ') {
      const end = text.indexOf(c, i + 1);
      if (end > i + 1 && !isWordChar(text[end + 1])) {
        flush();
        out.push({ type: 'em', children: parseInline(text.slice(i + 1, end), names) });
        i = end + 1;
        continue;
      }
    }
    if (c === '[') {
      const m = /^\[([^\]\n]{1,500})\]\(([^()\s]{1,2000})\)/.exec(rest);
      if (m) {
        flush();
        const href = safeHref(m[2]!);
        const label = parseInline(m[1]!, names);
        // A target we do not allow leaves its words, not a link: nothing to click, nothing to run.
        if (href) out.push({ type: 'link', href, children: label });
        else out.push(...label);
        i += m[0].length;
        continue;
      }
    }
    if ((c === 'h' || c === 'H') && !isWordChar(text[i - 1])) {
      const m = /^https?:\/\/[^\s<>"'`]+/i.exec(rest);
      if (m) {
        const raw = m[0].replace(/[.,;:!?)]+$/, '');
        const href = safeHref(raw);
        if (href) {
          flush();
          out.push({ type: 'link', href, children: [{ type: 'text', text: raw }] });
          i += raw.length;
          continue;
        }
      }
    }
    if (c === '@' && !isWordChar(text[i - 1])) {
      const after = rest.slice(1);
      const name = names.find(
        (n) => after.slice(0, n.length).toLowerCase() === n.toLowerCase() && !isWordChar(after[n.length]),
      );
      if (name) {
        flush();
        out.push({ type: 'mention', name });
        i += 1 + name.length;
        continue;
      }
    }
    plain += c;
    i++;
  }
  flush();
  return out;
}

/**
 * The members a text mentions: `@` followed by a member's name (any case), the longest name winning when
 * one name starts another ("@Ada" and "@Ada Lovelace"). Names are unique in a workspace.
 */
export function findMentions<M extends { name: string }>(text: string, candidates: readonly M[]): M[] {
  const byLength = [...candidates].sort((a, b) => b.name.length - a.name.length);
  const found = new Set<M>();
  for (let i = text.indexOf('@'); i >= 0; i = text.indexOf('@', i + 1)) {
    if (isWordChar(text[i - 1])) continue;
    const after = text.slice(i + 1);
    const m = byLength.find(
      (c) => after.slice(0, c.name.length).toLowerCase() === c.name.toLowerCase() && !isWordChar(after[c.name.length]),
    );
    if (m) found.add(m);
  }
  return [...found];
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

const inlineHtml = (nodes: Inline[]): string => nodes.map(nodeHtml).join('');

function nodeHtml(n: Inline): string {
  switch (n.type) {
    case 'text':
      return escapeHtml(n.text);
    case 'code':
      return `<code>${escapeHtml(n.text)}</code>`;
    case 'strong':
      return `<strong>${inlineHtml(n.children)}</strong>`;
    case 'em':
      return `<em>${inlineHtml(n.children)}</em>`;
    case 'link':
      return `<a href="${escapeHtml(n.href)}" rel="nofollow noopener noreferrer">${inlineHtml(n.children)}</a>`;
    case 'mention':
      return `<span class="mention">@${escapeHtml(n.name)}</span>`;
    case 'break':
      return '<br>';
  }
}

/** The tree as HTML: every text escaped, only the tags above, only the `href` attribute from the text. */
export const toHtml = (blocks: Block[]): string => blocks.map(blockHtml).join('\n');

function blockHtml(b: Block): string {
  switch (b.type) {
    case 'paragraph':
      return `<p>${inlineHtml(b.children)}</p>`;
    case 'quote':
      return `<blockquote><p>${inlineHtml(b.children)}</p></blockquote>`;
    case 'code':
      return `<pre><code>${escapeHtml(b.text)}</code></pre>`;
    case 'list': {
      const tag = b.ordered ? 'ol' : 'ul';
      return `<${tag}>${b.items.map((item) => `<li>${inlineHtml(item)}</li>`).join('')}</${tag}>`;
    }
  }
}
