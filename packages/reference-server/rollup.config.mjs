// The shared package build plus the `kommies` CLI entry (a bin, not an export).
import shared from "../../rollup.config.mjs"

export default {
  ...shared,
  input: { ...shared.input, cli: "src/cli.ts" },
  output: {
    ...shared.output,
    banner: (chunk) => (chunk.name === "cli" ? "#!/usr/bin/env node" : ""),
  },
}
