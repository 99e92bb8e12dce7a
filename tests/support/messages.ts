// Reading the message files in tests: one message by its dotted key, for the tests that check a
// namespace against the domain's label tables.
import { MESSAGES } from "~/locales";

export type MessageTree = { [key: string]: string | MessageTree };

/** The message at a dotted path of a tree ("status.pagato"), or undefined when there is none. */
export function messageAt(tree: unknown, path: string): string | undefined {
  let node: unknown = tree;
  for (const part of path.split(".")) {
    if (!node || typeof node !== "object") return undefined;
    node = (node as MessageTree)[part];
  }
  return typeof node === "string" ? node : undefined;
}

/** One message of a language and namespace by its dotted key. */
export function message(locale: string, ns: string, key: string): string | undefined {
  return messageAt((MESSAGES as unknown as Record<string, Record<string, MessageTree>>)[locale]?.[ns], key);
}
