// @vitest-environment node
/** examples/fastify (Vue, rendered on the server) in Chromium: see ../../../client/test/browser/harness.ts. */
import { browserSuite } from "../../../client/test/browser/harness.js"

browserSuite("fastify", { label: "Vue", ssr: true })
