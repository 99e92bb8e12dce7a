/** Text typed by operators and citizens, made safe to store and show. Pure. */

/** Removes control characters (keeping line feeds when asked) and normalises line ends. */
export function stripControlChars(value: string, keepNewlines = false): string {
  const normalised = value.replace(/\r\n?/g, "\n");
  let out = "";
  for (const ch of normalised) {
    const code = ch.codePointAt(0)!;
    const control = code < 0x20 || code === 0x7f || (code >= 0x80 && code < 0xa0);
    if (!control || (keepNewlines && ch === "\n")) out += ch;
    else if (ch === "\t" || ch === "\n") out += " ";
  }
  return out;
}

/** One line: control characters removed, runs of spaces collapsed, trimmed. */
export function cleanLine(value: FormDataEntryValue | null | undefined): string {
  return stripControlChars(String(value ?? ""))
    .replace(/\s+/g, " ")
    .trim();
}

/** Several lines: control characters other than line feeds removed, trimmed. */
export function cleanText(value: FormDataEntryValue | null | undefined): string {
  return stripControlChars(String(value ?? ""), true).trim();
}
