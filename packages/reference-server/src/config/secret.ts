/**
 * The token secret of a single-process server: generated on first start and
 * kept in the data folder (mode 0600), so sessions survive restarts.
 *
 * @since 0.1.0
 */
import { randomBytes } from "node:crypto"
import { chmod, mkdir, readFile, writeFile } from "node:fs/promises"
import { join } from "node:path"

/** The file under the data folder that holds the generated secret. */
export const secretFile = "secret"

/**
 * Reads `<dataDir>/secret`, or writes a fresh one there with mode 0600 (only
 * this user may read it). Two processes starting at once on one folder agree:
 * the file is created exclusively and the loser reads the winner's.
 *
 * @since 0.1.0
 * @category constructors
 */
export const loadOrCreateSecret = async (dataDir: string): Promise<string> => {
  await mkdir(dataDir, { recursive: true, mode: 0o700 })
  const path = join(dataDir, secretFile)
  const existing = await readSecret(path)
  if (existing !== null) return existing
  const fresh = randomBytes(32).toString("hex")
  try {
    await writeFile(path, `${fresh}\n`, { flag: "wx", mode: 0o600 })
    // the umask may have taken bits away, never added: make it exactly 0600
    await chmod(path, 0o600)
    return fresh
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error
    const winner = await readSecret(path)
    if (winner === null) throw new Error(`${path} exists but holds no secret`)
    return winner
  }
}

const readSecret = async (path: string): Promise<string | null> => {
  try {
    const text = (await readFile(path, "utf8")).trim()
    return text.length >= 32 ? text : null
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null
    throw error
  }
}
