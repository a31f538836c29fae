// `npm run lint`: typescript-eslint with type information (projectService reads tsconfig.json), so
// the rules that need types run: floating and misused promises, awaiting a non-promise, `any`
// leaking in (the no-unsafe-* family). Everything is an error: .ci/run fails on any finding.
import js from "@eslint/js";
import tseslint from "typescript-eslint";

export default tseslint.config(
  { ignores: ["node_modules/**", "data/**", "coverage/**", "dist/**", "generated/**"] },
  js.configs.recommended,
  tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    linterOptions: { reportUnusedDisableDirectives: "error" },
    rules: {
      // the rules the house asks for, named even where the preset has them, so nobody drops one by accident
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/no-misused-promises": "error",
      "@typescript-eslint/await-thenable": "error",
      "@typescript-eslint/no-unsafe-assignment": "error",
      "@typescript-eslint/no-unsafe-call": "error",
      "@typescript-eslint/no-unsafe-member-access": "error",
      "@typescript-eslint/no-unsafe-return": "error",
      "@typescript-eslint/no-unsafe-argument": "error",
      // a leading underscore says "unused on purpose" (as tsconfig's noUnusedParameters allows)
      "@typescript-eslint/no-unused-vars": [
        "error",
        { argsIgnorePattern: "^_", varsIgnorePattern: "^_", caughtErrorsIgnorePattern: "^_", destructuredArrayIgnorePattern: "^_", ignoreRestSiblings: true },
      ],
      "@typescript-eslint/no-unused-expressions": ["error", { allowShortCircuit: true, allowTernary: true }],
      // async without await is on purpose here: it fits a Promise-returning interface (Outbox.send,
      // render) and turns a throw into a rejection; the promise rules above catch the real mistakes
      "@typescript-eslint/require-await": "off",
      // the readers and exporters match control characters on purpose (to strip or split on them)
      "no-control-regex": "off",
    },
  },
  {
    // the test helpers and scripts read Bot API calls' params, typed Record<string, unknown>, and
    // ExcelJS cell values; String() of them is what the assertions compare
    files: ["test/**/*.ts", "scripts/**/*.ts"],
    rules: { "@typescript-eslint/no-base-to-string": "off" },
  },
  {
    // plain JavaScript (the import worker's boot file): no type information
    files: ["**/*.mjs", "**/*.js"],
    extends: [tseslint.configs.disableTypeChecked],
    languageOptions: { globals: { console: "readonly", process: "readonly" } },
  },
);
