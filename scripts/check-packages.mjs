// Checks every published package the way a user's install would see it:
// publint and @arethetypeswrong/cli on the packed tarball, and the tarball
// holds only dist/, README, LICENSE and package.json.
import { execFileSync } from "node:child_process"
import { existsSync, readdirSync, readFileSync } from "node:fs"
import { join } from "node:path"

const root = new URL("..", import.meta.url).pathname
const allowed = [/^dist\//, /^README\.md$/, /^LICENSE$/, /^package\.json$/, /^CHANGELOG\.md$/]
const run = (cmd, args, cwd) =>
  execFileSync(cmd, args, { cwd, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] })

let failures = 0
for (const name of readdirSync(join(root, "packages"))) {
  const dir = join(root, "packages", name)
  const manifestPath = join(dir, "package.json")
  if (!existsSync(manifestPath)) continue
  const manifest = JSON.parse(readFileSync(manifestPath, "utf8"))
  if (manifest.private) continue
  const problems = []
  const [packed] = JSON.parse(run("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], dir))
  for (const file of packed.files)
    if (!allowed.some((re) => re.test(file.path))) problems.push(`packs ${file.path}`)
  for (const required of ["README.md", "LICENSE", "package.json"])
    if (!packed.files.some((f) => f.path === required)) problems.push(`does not pack ${required}`)
  try {
    run("npx", ["--no-install", "publint", "--strict", "."], dir)
  } catch (error) {
    problems.push(`publint:\n${error.stdout}${error.stderr}`)
  }
  // Stylesheets are exported as files, not modules: attw cannot type them.
  const files = Object.keys(manifest.exports ?? {}).filter((subpath) => /\.css$/.test(subpath))
  try {
    run(
      "npx",
      [
        "--no-install",
        "attw",
        "--pack",
        ".",
        "--profile",
        "esm-only",
        "--format",
        "table-flipped",
        ...(files.length > 0 ? ["--exclude-entrypoints", ...files] : []),
      ],
      dir,
    )
  } catch (error) {
    problems.push(`attw:\n${error.stdout}${error.stderr}`)
  }
  if (problems.length > 0) {
    failures++
    console.error(`✗ ${manifest.name}\n  ${problems.join("\n  ")}`)
  } else {
    console.log(
      `✓ ${manifest.name}: ${packed.files.length} files, ${(packed.size / 1024).toFixed(1)} KiB packed`,
    )
  }
}
process.exit(failures === 0 ? 0 : 1)
