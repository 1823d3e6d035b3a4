import solid from "vite-plugin-solid"
import { defineProject } from "vitest/config"

// Component tests compile the sources' JSX with vite-plugin-solid and run
// Solid's browser build in jsdom; the embed and count tests load the built
// IIFE files from dist/ (run `npm run build` first). solid-js is inlined so
// that every import of it (ours, solid-js/web's) is the same browser copy,
// whichever folder vitest starts from.
export default defineProject({
  plugins: [solid()],
  resolve: { conditions: ["browser", "development"] },
  test: {
    name: "widget-solid",
    environment: "jsdom",
    include: ["test/**/*.test.{ts,tsx}"],
    testTimeout: 30_000,
    server: { deps: { inline: [/solid-js/] } },
  },
})
