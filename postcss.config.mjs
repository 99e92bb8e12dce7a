// PostCSS, run by the build on every stylesheet (Remix reads this file).
//
// The design system's stylesheet styles every component it has; these are the ones the portal does
// not use, by the prefix of their class names. A selector that needs one of these classes can never
// match an element of ours, so it is left out (about 45% of the stylesheet, close to half of its
// compressed size). app/components/bootstrap-italia.test.ts fails if one of these names appears in
// app/: take it off the list before using the component.
export const UNUSED_COMPONENTS = [
  "acceptoverlay",
  "accordion",
  "analogue-",
  "autocomplete",
  "avatar",
  "back-to-top",
  "bootstrap-select",
  "bottomnav",
  "bs-popover",
  "bs-tooltip",
  "card-teaser",
  "card-wrapper",
  "chip",
  "complementary-",
  "cookiebar",
  "datepicker",
  "dimmer",
  "flag-icon",
  "form-range",
  "form-switch",
  "input-group",
  "input-number",
  "it-bottom-navscroll",
  "it-carousel",
  "it-datepicker",
  "it-grid",
  "it-hero",
  "it-list",
  "it-navscroll",
  "it-page-section",
  "it-single-slide",
  "it-timeline",
  "it-transfer",
  "it-video",
  "list-group",
  "masonry",
  "megamenu",
  "navscroll",
  "notification",
  "offcanvas",
  "point-list",
  "popover",
  "progress-donut",
  "splide",
  "steppers",
  "theme-dark",
  "thumb-nav",
  "toast",
  "toggles",
  "toolbar",
  "tooltip",
  "upload-dragdrop",
  "video-js",
  "vjs-",
  "was-validated",
];

const STYLESHEET = /[\\/]bootstrap-italia[\\/]dist[\\/]css[\\/]bootstrap-italia\.min\.css$/;
const NEEDS_UNUSED_CLASS = new RegExp(`\\.(?:${UNUSED_COMPONENTS.join("|")})`);

/** True when the selector requires a class of an unused component (inside :not() and the like it does not). */
function needsUnusedClass(selector) {
  return NEEDS_UNUSED_CLASS.test(selector.replace(/:(?:not|is|where|has)\([^)]*\)/g, ""));
}

function dropUnusedComponents() {
  return {
    postcssPlugin: "drop-unused-design-system-components",
    Once(root) {
      if (!STYLESHEET.test(root.source?.input.file ?? "")) return;
      root.walkRules((rule) => {
        if (rule.parent?.type === "atrule" && /keyframes$/.test(rule.parent.name)) return;
        const kept = rule.selectors.filter((s) => !needsUnusedClass(s));
        if (kept.length === 0) rule.remove();
        else if (kept.length < rule.selectors.length) rule.selectors = kept;
      });
      // video.js's icon font, which only its player's classes use.
      root.walkAtRules("font-face", (face) => {
        if (/font-family:\s*["']?VideoJS/i.test(face.toString())) face.remove();
      });
      root.walkAtRules((at) => {
        if (at.nodes && at.nodes.length === 0) at.remove();
      });
    },
  };
}
dropUnusedComponents.postcss = true;

export default { plugins: [dropUnusedComponents()] };
