import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/support/global-setup.ts"],
    // guards against a hang, not speed checks (those are benches): a loaded machine starts the
    // import worker and child processes slowly
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: "forks",
  },
});
