import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { findMentions, parseMarkdown, safeHref, toHtml } from '../../src/domain/markdown.ts';

const html = (text: string, names: string[] = []) => toHtml(parseMarkdown(text, names));

describe('comment Markdown', () => {
  it('renders the subset: paragraphs, breaks, lists, quotes, code, strong, emphasis, links, mentions', () => {
    assert.equal(html('one\ntwo\n\nthree'), '<p>one<br>two</p>\n<p>three</p>');
    assert.equal(
      html('- a\n- **b**\n\n1. x\n2. _y_'),
      '<ul><li>a</li><li><strong>b</strong></li></ul>\n<ol><li>x</li><li><em>y</em></li></ol>',
    );
    assert.equal(html('> quoted `x<y`'), '<blockquote><p>quoted <code>x&lt;y</code></p></blockquote>');
    assert.equal(html('```\n<b>\n```'), '<pre><code>&lt;b&gt;</code></pre>');
    assert.equal(
      html('see https://a.example/x. or [docs](mailto:ops@a.example)'),
      '<p>see <a href="https://a.example/x" rel="nofollow noopener noreferrer">https://a.example/x</a>. or <a href="mailto:ops@a.example" rel="nofollow noopener noreferrer">docs</a></p>',
    );
    assert.equal(html('hi @ada lovelace!', ['Ada Lovelace']), '<p>hi <span class="mention">@Ada Lovelace</span>!</p>');
    assert.equal(html('mail ada@ada lovelace', ['Ada Lovelace']), '<p>mail ada@ada lovelace</p>');
    assert.equal(html('snake_case_name and 2*3*4'), '<p>snake_case_name and 2*3*4</p>');
  });

  it('keeps hostile input as text: no raw HTML, no attribute, no unsafe link target', () => {
    const out = html(
      '<script>alert(1)</script> <img src=x onerror=alert(1)> [a](javascript:alert(1)) [b](data:text/html;base64,xx) ' +
        '[c](//evil.example) [d](https://ok.example/"onclick="x) [e](vbscript:msgbox) https://ok.example/<b>',
    );
    assert.doesNotMatch(out, /<(script|img|b)\b|<[a-z]+ (?!href=)/i);
    assert.deepEqual(
      [...out.matchAll(/href="([^"]*)"/g)].map((m) => m[1]),
      ['https://ok.example/'],
    );
    assert.match(out, /&lt;script&gt;alert\(1\)&lt;\/script&gt; &lt;img src=x onerror=alert\(1\)&gt;/);
  });

  it('allows only http(s) and mailto targets, as the URL parser reads them', () => {
    assert.equal(safeHref('https://a.example/a b'), null);
    assert.equal(safeHref('java\tscript:alert(1)'), null);
    assert.equal(safeHref(' HTTPS://A.example '), 'https://a.example/');
    assert.equal(safeHref('https://a.example/\u0000'), null);
    assert.equal(safeHref('ftp://a.example'), null);
  });

  it('finds mentions by name, any case, the longest name first, not inside words or emails', () => {
    const people = [{ name: 'Ada' }, { name: 'Ada Lovelace' }, { name: 'Grace Hopper' }];
    assert.deepEqual(
      findMentions('@ada lovelace and @Grace Hopper, and again @grace hopper', people).map((p) => p.name),
      ['Ada Lovelace', 'Grace Hopper'],
    );
    assert.deepEqual(
      findMentions('@Ada, not ada@Ada Lovelace nor @Adam', people).map((p) => p.name),
      ['Ada'],
    );
  });
});
