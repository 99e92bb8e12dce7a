import { describe, expect, it } from "vitest";
import type { Config } from "~/env.server";
import {
  checkFormRequest,
  FORM_MESSAGES,
  isPortalOrigin,
  MAX_FORM_BYTES,
  MAX_ID,
  originCheck,
  parseId,
  readForm,
  requireId,
} from "~/http.server";

const config = { publicUrl: "https://portale.example.it" } as Config;
const context = { config };

describe("parseId", () => {
  it.each([
    ["1", 1],
    ["42", 42],
    ["2147483647", MAX_ID],
  ])("reads %j", (input, out) => expect(parseId(input)).toBe(out));

  it.each([
    "2147483648",
    "9999999999",
    "99999999999",
    "0",
    "-1",
    "+1",
    "01",
    "1.0",
    "1e3",
    " 1",
    "1 ",
    "0x10",
    "",
    "abc",
    null,
    undefined,
    1,
  ])("refuses %j: beyond PostgreSQL's integer, or not a plain positive integer", (input) =>
    expect(parseId(input)).toBeNull(),
  );

  it("requireId throws the portal's 404 for anything parseId refuses", () => {
    expect(requireId("7")).toBe(7);
    for (const bad of ["2147483648", "x", undefined]) {
      let thrown: unknown;
      try {
        requireId(bad);
      } catch (e) {
        thrown = e;
      }
      expect(thrown).toBeInstanceOf(Response);
      expect((thrown as Response).status).toBe(404);
    }
  });
});

function post(body: BodyInit | null, headers: Record<string, string> = {}): Request {
  return new Request("http://127.0.0.1:3000/area-personale/profilo", { method: "POST", headers, body });
}

async function refusal(p: Promise<unknown> | (() => unknown)): Promise<{ status: number; message: string }> {
  try {
    await (typeof p === "function" ? p() : p);
  } catch (e) {
    if (!(e instanceof Response)) throw e;
    const data = (await e.json()) as { message: string };
    return { status: e.status, message: data.message };
  }
  throw new Error("not refused");
}

const FORM = { "Content-Type": "application/x-www-form-urlencoded" };

describe("readForm", () => {
  it("reads url-encoded and multipart forms", async () => {
    const a = await readForm(post("csrf=abc&nota=ciao+%C3%A8", FORM), context);
    expect(a.get("nota")).toBe("ciao è");
    const fd = new FormData();
    fd.set("csrf", "abc");
    const b = await readForm(post(fd), context);
    expect(b.get("csrf")).toBe("abc");
  });

  it("accepts the portal's public origin and the origin the request was sent to", async () => {
    for (const origin of ["https://portale.example.it", "http://127.0.0.1:3000"]) {
      const form = await readForm(post("a=1", { ...FORM, Origin: origin }), context);
      expect(form.get("a")).toBe("1");
    }
  });

  it("answers 403 to a foreign or opaque Origin, and when the server already found it foreign", async () => {
    for (const origin of ["https://evil.example", "null", "https://portale.example.it.evil.example"]) {
      expect(await refusal(readForm(post("a=1", { ...FORM, Origin: origin }), context))).toEqual({
        status: 403,
        message: FORM_MESSAGES.foreignOrigin,
      });
    }
    expect(await refusal(readForm(post("a=1", FORM), { config, foreignOrigin: true }))).toMatchObject({
      status: 403,
    });
  });

  it("answers 415 to bodies that are not forms", async () => {
    for (const type of [
      "application/json",
      "text/plain;charset=UTF-8",
      "application/x-www-form-urlencodedx",
      null,
    ]) {
      // A byte body and no header: no Content-Type at all.
      const headers: Record<string, string> = type ? { "Content-Type": type } : {};
      const body = type ? '{"a":1}' : new Uint8Array([97, 61, 49]);
      expect(await refusal(readForm(post(body, headers), context))).toEqual({
        status: 415,
        message: FORM_MESSAGES.unsupported,
      });
    }
  });

  it("answers 400 to a broken multipart body or one without boundary", async () => {
    const broken = post('--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\n1\r\n--xy', {
      "Content-Type": "multipart/form-data; boundary=xyz",
    });
    expect(await refusal(readForm(broken, context))).toEqual({
      status: 400,
      message: FORM_MESSAGES.malformed,
    });
    const noBoundary = post("a=1", { "Content-Type": "multipart/form-data" });
    expect(await refusal(readForm(noBoundary, context))).toMatchObject({ status: 400 });
  });

  it("answers 413 past the size of a form, declared or streamed", async () => {
    const big = "a=" + "x".repeat(MAX_FORM_BYTES);
    expect(await refusal(readForm(post(big, FORM), context))).toMatchObject({ status: 413 });
    const stream = new ReadableStream<Uint8Array>({
      start(c) {
        for (let i = 0; i < 3; i++) c.enqueue(new Uint8Array(MAX_FORM_BYTES / 2).fill(97));
        c.close();
      },
    });
    const chunked = new Request("http://127.0.0.1:3000/x", {
      method: "POST",
      headers: FORM,
      body: stream,
      duplex: "half",
    } as RequestInit);
    expect(await refusal(readForm(chunked, context))).toEqual({
      status: 413,
      message: FORM_MESSAGES.tooLarge,
    });
  });

  it("checkFormRequest in multipart mode accepts only multipart/form-data", async () => {
    expect(await refusal(() => checkFormRequest(post("a=1", FORM), context, "multipart"))).toMatchObject({
      status: 415,
    });
    const fd = new FormData();
    fd.set("a", "1");
    expect(() => checkFormRequest(post(fd), context, "multipart")).not.toThrow();
  });
});

describe("originCheck", () => {
  function run(method: string, headers: Record<string, string>) {
    const req = {
      method,
      protocol: "http",
      headers: { ...headers } as Record<string, string | undefined>,
      get: (name: string) => headers[name.toLowerCase()],
    };
    const res = { locals: {} as Record<string, unknown> };
    let called = false;
    originCheck(config.publicUrl)(req as never, res as never, () => (called = true));
    return { called, foreign: res.locals.foreignOrigin, origin: req.headers.origin };
  }

  it("judges the Origin of writes against the portal's origins, then removes it so Remix does not answer 500", () => {
    expect(run("POST", { host: "127.0.0.1:3000", origin: "https://evil.example" })).toEqual({
      called: true,
      foreign: true,
      origin: undefined,
    });
    expect(run("POST", { host: "127.0.0.1:3000", origin: "http://127.0.0.1:3000" })).toMatchObject({
      foreign: false,
      origin: undefined,
    });
    expect(run("POST", { host: "internal:3000", origin: "https://portale.example.it" })).toMatchObject({
      foreign: false,
    });
    expect(run("POST", { host: "127.0.0.1:3000" })).toMatchObject({ called: true, foreign: undefined });
    expect(run("GET", { host: "127.0.0.1:3000", origin: "https://evil.example" })).toMatchObject({
      foreign: undefined,
      origin: "https://evil.example",
    });
  });

  it("isPortalOrigin compares whole origins", () => {
    expect(isPortalOrigin("https://portale.example.it", config.publicUrl, "http://x")).toBe(true);
    expect(isPortalOrigin("https://portale.example.it:8443", config.publicUrl, "http://x")).toBe(false);
    expect(isPortalOrigin("http://portale.example.it", config.publicUrl, "http://x")).toBe(false);
    expect(isPortalOrigin("null", config.publicUrl, "http://x")).toBe(false);
  });
});
