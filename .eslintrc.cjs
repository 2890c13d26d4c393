// The repository's own lint of its TypeScript, run by ESLint 9 in eslintrc mode
// (`pnpm lint` → scripts/self-lint.mjs). Python linting is the plugin's job, not this file's.
module.exports = {
  root: true,
  parser: "@typescript-eslint/parser",
  parserOptions: { ecmaVersion: 2022, sourceType: "module" },
  plugins: ["@typescript-eslint"],
  extends: ["eslint:recommended", "plugin:@typescript-eslint/recommended"],
  env: { node: true, es2022: true },
  ignorePatterns: ["dist/", "node_modules/", "*.cjs", "test-fixtures/"],
  rules: {
    "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    "@typescript-eslint/consistent-type-imports": "error",
    "no-constant-condition": ["error", { checkLoops: false }],
    eqeqeq: ["error", "always"],
  },
  overrides: [
    { files: ["**/test/**/*.ts"], env: { mocha: true } },
    { files: ["scripts/**/*.mjs"], parser: "espree", rules: { "@typescript-eslint/consistent-type-imports": "off" } },
  ],
};
