import type { ReactNode } from 'react';
import { type Block, type Inline, parseMarkdown } from '../../../domain/markdown.ts';

/**
 * A comment's Markdown as React elements, from the same parser the API renders with
 * (src/domain/markdown.ts): there is no raw HTML in the tree, so nothing typed can become markup, and
 * links are only those the parser allowed (http(s) and mailto).
 */
export function Markdown({ text, mentions = [] }: { text: string; mentions?: readonly string[] }) {
  return <div className="markdown">{parseMarkdown(text, mentions).map(block)}</div>;
}

function block(b: Block, i: number): ReactNode {
  switch (b.type) {
    case 'paragraph':
      return <p key={i}>{b.children.map(inline)}</p>;
    case 'quote':
      return (
        <blockquote key={i}>
          <p>{b.children.map(inline)}</p>
        </blockquote>
      );
    case 'code':
      return (
        <pre key={i}>
          <code>{b.text}</code>
        </pre>
      );
    case 'list': {
      // biome-ignore lint/suspicious/noArrayIndexKey: a parsed text's items have no identity but their place
      const items = b.items.map((item, j) => <li key={j}>{item.map(inline)}</li>);
      return b.ordered ? <ol key={i}>{items}</ol> : <ul key={i}>{items}</ul>;
    }
  }
}

function inline(n: Inline, i: number): ReactNode {
  switch (n.type) {
    case 'text':
      return n.text;
    case 'code':
      return <code key={i}>{n.text}</code>;
    case 'strong':
      return <strong key={i}>{n.children.map(inline)}</strong>;
    case 'em':
      return <em key={i}>{n.children.map(inline)}</em>;
    case 'link':
      return (
        <a key={i} href={n.href} rel="nofollow noopener noreferrer">
          {n.children.map(inline)}
        </a>
      );
    case 'mention':
      return (
        <span key={i} className="mention">
          @{n.name}
        </span>
      );
    case 'break':
      return <br key={i} />;
  }
}
