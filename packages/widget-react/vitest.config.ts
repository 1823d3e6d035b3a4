import { defineProject } from "vitest/config"

export default defineProject({
  esbuild: { jsx: "automatic" },
  test: {
    name: "widget-react",
    environment: "jsdom",
    include: ["test/**/*.test.{ts,tsx}"],
    testTimeout: 30_000,
  },
})
