/**
 * The portal's messages follow App IO's message model: a subject of 10 to 120 characters, a body in
 * a small subset of Markdown, an optional due date and optional payment data. Pure: no I/O.
 */

export const MESSAGE_SUBJECT = { min: 10, max: 120 } as const;

/** A subject the portal writes itself, cut to App IO's longest with an ellipsis when needed. */
export function fitSubject(subject: string): string {
  const s = subject.replace(/\s+/g, " ").trim();
  return s.length > MESSAGE_SUBJECT.max ? `${s.slice(0, MESSAGE_SUBJECT.max - 1).trimEnd()}…` : s;
}

/** A run of text inside a block: plain, **strong**, _emphasis_ or a [link](https://...). */
export type Inline =
  | { kind: "text"; text: string }
  | { kind: "strong"; text: string }
  | { kind: "em"; text: string }
  | { kind: "link"; text: string; href: string };

/** A paragraph (its lines kept apart, as written) or a bulleted list. */
export type MarkdownBlock = { kind: "p"; lines: Inline[][] } | { kind: "ul"; items: Inline[][] };

/** Links go only to the web or to the portal's own pages: never javascript:, data: or the like. */
export function safeHref(href: string): string | null {
  const h = href.trim();
  if (/^https:\/\/[^\s]+$/i.test(h) || /^http:\/\/[^\s]+$/i.test(h)) return h;
  if (/^\/(?!\/)[^\s]*$/.test(h)) return h;
  if (/^mailto:[^\s@]+@[^\s@]+$/i.test(h)) return h;
  return null;
}

const INLINE = /\*\*([^*\n]+)\*\*|(?<![\w])_([^_\n]+)_(?![\w])|\[([^\]\n]+)\]\(([^)\s]+)\)/g;

export function parseInline(line: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of line.matchAll(INLINE)) {
    const at = m.index;
    if (at > last) out.push({ kind: "text", text: line.slice(last, at) });
    if (m[1] !== undefined) out.push({ kind: "strong", text: m[1] });
    else if (m[2] !== undefined) out.push({ kind: "em", text: m[2] });
    else {
      const href = safeHref(m[4]!);
      out.push(href ? { kind: "link", text: m[3]!, href } : { kind: "text", text: m[0] });
    }
    last = at + m[0].length;
  }
  if (last < line.length) out.push({ kind: "text", text: line.slice(last) });
  return out;
}

/**
 * The body as blocks: blank lines separate paragraphs, lines starting with "- " or "* " make a
 * list. Anything else is text, so a message written without Markdown reads as it was written.
 */
export function parseMarkdown(body: string): MarkdownBlock[] {
  const blocks: MarkdownBlock[] = [];
  for (const chunk of body.replace(/\r\n?/g, "\n").split(/\n\s*\n/)) {
    const lines = chunk.split("\n").filter((l) => l.trim() !== "");
    if (lines.length === 0) continue;
    let paragraph: string[] = [];
    let list: string[] = [];
    const flush = () => {
      if (paragraph.length) blocks.push({ kind: "p", lines: paragraph.map(parseInline) });
      if (list.length) blocks.push({ kind: "ul", items: list.map(parseInline) });
      paragraph = [];
      list = [];
    };
    for (const line of lines) {
      const item = /^\s*[-*]\s+(.*)$/.exec(line);
      if (item) {
        if (paragraph.length) flush();
        list.push(item[1]!);
      } else {
        if (list.length) flush();
        paragraph.push(line.trim());
      }
    }
    flush();
  }
  return blocks;
}
