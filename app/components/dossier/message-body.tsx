import { Fragment } from "react";
import { parseMarkdown, type Inline } from "~/rules/message";

function Runs({ runs }: { runs: Inline[] }) {
  return (
    <>
      {runs.map((r, i) =>
        r.kind === "strong" ? (
          <strong key={i}>{r.text}</strong>
        ) : r.kind === "em" ? (
          <em key={i}>{r.text}</em>
        ) : r.kind === "link" ? (
          <a key={i} href={r.href} {...(r.href.startsWith("http") ? { rel: "noopener noreferrer" } : {})}>
            {r.text}
          </a>
        ) : (
          <Fragment key={i}>{r.text}</Fragment>
        ),
      )}
    </>
  );
}

/** A message's body from its Markdown subset, as React elements: no HTML from the text is ever used. */
export function MessageBody({ body }: { body: string }) {
  const blocks = parseMarkdown(body);
  return (
    <div className="portal-message-body">
      {blocks.map((b, i) =>
        b.kind === "p" ? (
          <p key={i} className={i === blocks.length - 1 ? "mb-0" : undefined}>
            {b.lines.map((line, j) => (
              <Fragment key={j}>
                {j > 0 ? <br /> : null}
                <Runs runs={line} />
              </Fragment>
            ))}
          </p>
        ) : (
          <ul key={i} className={i === blocks.length - 1 ? "mb-0" : undefined}>
            {b.items.map((item, j) => (
              <li key={j}>
                <Runs runs={item} />
              </li>
            ))}
          </ul>
        ),
      )}
    </div>
  );
}
