import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "adapter-koa",
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
  },
})
