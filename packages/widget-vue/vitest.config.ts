import { defineProject } from "vitest/config"

export default defineProject({
  test: {
    name: "widget-vue",
    environment: "jsdom",
    include: ["test/**/*.test.{ts,tsx}"],
    testTimeout: 30_000,
  },
})
