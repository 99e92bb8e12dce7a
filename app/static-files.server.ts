import fs from "node:fs";
import path from "node:path";
import express, { type RequestHandler } from "express";

/** The copies scripts/build-compress.mjs writes beside each text asset, best first. */
const ENCODINGS = [
  { name: "br", suffix: ".br" },
  { name: "gzip", suffix: ".gz" },
] as const;

/**
 * Headers that only mean something on a document (what it may load, frame, or be framed by). On a
 * script, stylesheet, font or image they cost about 600 bytes per response and change nothing.
 * X-Content-Type-Options, Cross-Origin-Resource-Policy, Referrer-Policy and HSTS stay.
 */
const DOCUMENT_ONLY_HEADERS = [
  "Content-Security-Policy",
  "Cross-Origin-Opener-Policy",
  "Origin-Agent-Cluster",
  "X-DNS-Prefetch-Control",
  "X-Download-Options",
  "X-Frame-Options",
  "X-Permitted-Cross-Domain-Policies",
  "X-XSS-Protection",
];

/**
 * The client build (public/build): files whose names carry a hash of their content, so browsers
 * keep them for a year without asking again (no ETag or Last-Modified to revalidate with). A
 * browser that accepts brotli or gzip gets the precompressed copy beside the file (app.js.br,
 * app.js.gz) with its Content-Encoding, the original's type and `Vary: Accept-Encoding`; any other
 * request gets the original. Express's compression() leaves a response that has a Content-Encoding
 * alone. A missing file falls through to the next handler (the 404 page).
 */
export function fingerprintedAssets(dir: string): RequestHandler {
  const serve = express.static(dir, {
    immutable: true,
    maxAge: "1y",
    etag: false,
    lastModified: false,
    setHeaders: (res) => {
      for (const name of DOCUMENT_ONLY_HEADERS) res.removeHeader(name);
    },
  });
  const isFile = (file: string) => fs.statSync(file, { throwIfNoEntry: false })?.isFile() ?? false;

  return (req, res, next) => {
    if (req.method !== "GET" && req.method !== "HEAD") return serve(req, res, next);
    let pathname: string;
    try {
      pathname = decodeURIComponent(req.path);
    } catch {
      return serve(req, res, next);
    }
    if (pathname.includes("\0") || pathname.split("/").includes("..")) return serve(req, res, next);
    res.vary("Accept-Encoding");
    const encoding = ENCODINGS.find(
      (e) => req.acceptsEncodings(e.name) && isFile(path.join(dir, pathname + e.suffix)),
    );
    if (!encoding) return serve(req, res, next);

    const originalUrl = req.url;
    const query = originalUrl.indexOf("?");
    req.url = req.path + encoding.suffix + (query >= 0 ? originalUrl.slice(query) : "");
    res.type(path.extname(pathname));
    res.setHeader("Content-Encoding", encoding.name);
    serve(req, res, (err?: unknown) => {
      req.url = originalUrl;
      res.removeHeader("Content-Encoding");
      res.removeHeader("Content-Type");
      next(err);
    });
  };
}

/**
 * The files at the top of public/ (the icons), each at its own path, cached for an hour. Only
 * those paths are looked for on disk: any other request, a page mostly, goes on without a file
 * look-up.
 */
export function publicFiles(dir: string): RequestHandler {
  const names = new Set(
    fs
      .readdirSync(dir, { withFileTypes: true })
      .filter((entry) => entry.isFile())
      .map((entry) => `/${entry.name}`),
  );
  const serve = express.static(dir, { maxAge: "1h" });
  return (req, res, next) => (names.has(req.path) ? serve(req, res, next) : next());
}
