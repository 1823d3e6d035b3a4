// @vitest-environment node
/** examples/koa (Solid) in Chromium: see ../../../client/test/browser/harness.ts. */
import { browserSuite } from "../../../client/test/browser/harness.js"

browserSuite("koa", { label: "Solid" })
