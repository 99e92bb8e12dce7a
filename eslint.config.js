import js from "@eslint/js";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";

// The direction of imports (docs/decisions/019-layers.md). Two rule names are used on purpose: for
// a file matched by several entries, a later entry's options of a rule replace an earlier one's.
const UI_FILES = [
  "app/routes/**",
  "app/components/**",
  "app/root.tsx",
  "app/entry.client.tsx",
  "app/entry.server.*",
];
// One import style inside app/: "~/…" for app's own modules; a relative path only leaves app/ (db/,
// saml/, tests/).
const APP_IMPORT_STYLE = {
  regex: "^\\.\\.?/(?!(\\.\\./)*(db|saml|tests)/)",
  message: 'Import app\'s modules as "~/…" (a relative path only for db/, saml/ and tests/).',
};
const layerRules = [
  {
    files: UI_FILES,
    rules: { "no-restricted-imports": ["error", { patterns: [APP_IMPORT_STYLE] }] },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    ignores: UI_FILES,
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "(^|/)components(/|$)",
              message:
                "Domain code does not import UI components: move the label, type or helper to the domain or to app/rules.",
            },
            APP_IMPORT_STYLE,
          ],
        },
      ],
    },
  },
  {
    files: ["db/**/*.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              regex: "(^|/)app/(?!rules(/|$))|^~/(?!rules(/|$))",
              message: "db/ imports from app/ only the pure rules of app/rules.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}", "db/**/*.ts", "saml/**/*.ts", "server.ts"],
    ignores: ["**/*.test.{ts,tsx}"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { regex: "(^|/)tests/", message: "Production code does not import test helpers (tests/)." },
          ],
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ["build/**", "public/build/**", ".cache/**", "node_modules/**", "data/**", "test-results/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx}"],
    languageOptions: { globals: { ...globals.node, ...globals.browser } },
    rules: {
      "@typescript-eslint/no-explicit-any": "off",
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["app/**/*.tsx"],
    plugins: { react, "react-hooks": reactHooks, "jsx-a11y": jsxA11y },
    settings: { react: { version: "18.3" } },
    rules: {
      ...react.configs.recommended.rules,
      ...react.configs["jsx-runtime"].rules,
      ...reactHooks.configs.recommended.rules,
      ...jsxA11y.flatConfigs.recommended.rules,
      "react/prop-types": "off",
      "react/no-unescaped-entities": "off",
    },
  },
  {
    files: ["**/*.{js,mjs}"],
    languageOptions: { globals: { ...globals.node } },
  },
  ...layerRules,
);
