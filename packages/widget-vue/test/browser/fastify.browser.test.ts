// @vitest-environment node
/** examples/fastify (Vue) in Chromium: see ../../../client/test/browser/harness.ts. */
import { browserSuite } from "../../../client/test/browser/harness.js"

browserSuite("fastify", { label: "Vue" })
