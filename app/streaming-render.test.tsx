// React 18.3's streaming renderer for Node (renderToPipeableStream, as app/entry.server.tsx uses
// it) encodes the HTML into 2,048-byte views. Unpatched, a multi-byte character that did not fit at
// the end of a view was sent after the whole view, with its unused zeroed bytes: NULs in the page,
// shown as "�" in attribute values. The patch in patches/ sends only the bytes encoded so far
// (docs/decisions/032-react-stream-nul-bytes.md). Both builds are checked: the unit tests load the
// development one, the server the production one.
import { createRequire } from "node:module";
import path from "node:path";
import { PassThrough } from "node:stream";
import type { ReactElement } from "react";
import type * as ReactDOMServer from "react-dom/server";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";

const require = createRequire(import.meta.url);
const cjs = path.join(path.dirname(require.resolve("react-dom/package.json")), "cjs");
const builds: Array<[string, typeof ReactDOMServer]> = [
  ["development", require(path.join(cjs, "react-dom-server.node.development.js"))],
  ["production", require(path.join(cjs, "react-dom-server.node.production.min.js"))],
];

const VIEW_SIZE = 2048;

/** The chunks the renderer writes, in order, as the response body would receive them. */
function renderChunks(render: typeof ReactDOMServer.renderToPipeableStream, page: ReactElement) {
  return new Promise<Buffer[]>((resolve, reject) => {
    const { pipe } = render(page, {
      onAllReady() {
        const body = new PassThrough();
        const chunks: Buffer[] = [];
        body.on("data", (chunk: Uint8Array) => chunks.push(Buffer.from(chunk)));
        body.on("end", () => resolve(chunks));
        body.on("error", reject);
        pipe(body);
      },
      onShellError: reject,
    });
  });
}

/**
 * A list of amounts whose lengths grow by one character per row, after `pad` characters: over the
 * pads, "€" (3 bytes), "è" (2 bytes) and "—" (3 bytes) fall at every position against the end of a
 * view, in attribute values and in text.
 */
function amounts(pad: number) {
  return (
    <ul>
      {Array.from({ length: 30 }, (_, i) => (
        <li key={i} title={`${"x".repeat(pad)}Importo € ${i},00 — è dovuto`}>
          {"a".repeat(pad + i)} Rata {i}: € {i},50 — è scaduta
        </li>
      ))}
    </ul>
  );
}

/** Whether a chunk ends short of a full view because the next character did not fit in it. */
function cutBeforeMultiByte(chunk: Buffer, next: Buffer | undefined): boolean {
  if (!next || chunk.length >= VIEW_SIZE) return false;
  const lead = next[0];
  const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
  return length > 1 && chunk.length + length > VIEW_SIZE;
}

describe.each(builds)("renderToPipeableStream (%s build)", (_build, server) => {
  it("sends multi-byte characters across its 2 KB views without NUL bytes", async () => {
    let cuts = 0;
    for (let pad = 0; pad < 48; pad++) {
      const page = amounts(pad);
      const chunks = await renderChunks(server.renderToPipeableStream, page);
      const body = Buffer.concat(chunks);
      const nul = body.indexOf(0);
      expect(nul, `pad ${pad}: NUL at byte ${nul}`).toBe(-1);
      expect(body.toString("utf8")).toBe(renderToString(page));
      cuts += chunks.filter((chunk, i) => cutBeforeMultiByte(chunk, chunks[i + 1])).length;
    }
    // The pads did put characters across the end of a view, so the case above was exercised.
    expect(cuts).toBeGreaterThan(0);
  });
});
