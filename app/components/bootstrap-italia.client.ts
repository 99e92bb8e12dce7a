/**
 * The design system's behaviour, in the browser only: the few components the pages use, taken from
 * the package's modules so that the build bundles, fingerprints and caches them with the rest of
 * the client code (the package's all-in-one script also carries video.js, carousels, form
 * validation and more that no page uses). Importing the package runs its init (a focus ring for
 * keyboard users only, data-focus-mouse); importing a component registers its data-bs-* handlers:
 *
 * - NavBarCollapsible: the main navigation's side menu on small screens (site-header.tsx);
 * - Dropdown: the user menu in the slim header;
 * - Input: the labels of the text fields, as the package's script sets them up when a page loads.
 *
 * root.tsx imports this module, so it runs before hydration; the server build leaves it out.
 */
import { Dropdown, Input, NavBarCollapsible } from "bootstrap-italia";
import { setBootstrap } from "~/components/bootstrap-italia";

setBootstrap({
  NavBarCollapsible: { getInstance: (element) => (element ? NavBarCollapsible.getInstance(element) : null) },
  Dropdown: { getInstance: (element) => (element ? Dropdown.getInstance(element) : null) },
});

const TEXT_FIELDS =
  'input:not([type="hidden"]):not([type="radio"]):not([type="checkbox"]):not([type="time"]), textarea';

function setUpFields(): void {
  document.querySelectorAll<HTMLElement>(TEXT_FIELDS).forEach((field) => Input.getOrCreateInstance(field));
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUpFields);
else setUpFields();
