import { defineConfig } from "vitest/config"

// One root command runs every package's tests: each package with a
// vitest.config.ts is a project.
export default defineConfig({
  test: {
    projects: ["packages/*/vitest.config.ts"],
  },
})
