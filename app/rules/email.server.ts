import { z } from "zod";

const emailAddress = z.email();

/**
 * Whether `value` is an email address, by the one rule every form of the portal applies (zod's).
 * A server module, so that forms checked in their actions do not carry zod into the browser.
 */
export function isEmailAddress(value: string): boolean {
  return emailAddress.safeParse(value).success;
}
