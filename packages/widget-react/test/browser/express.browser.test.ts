// @vitest-environment node
/** examples/express (React, rendered on the server) in Chromium: see ../../../client/test/browser/harness.ts. */
import { browserSuite } from "../../../client/test/browser/harness.js"

browserSuite("express", { label: "React", ssr: true })
