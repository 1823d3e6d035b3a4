/**
 * Ids of imported records: derived from the target site and the exported id,
 * so importing the same export twice finds what the first run wrote instead of
 * writing it again, and two sites importing one export never share a record.
 */
import { sha256Hex } from "./crypto.js"

const uuidV7 = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

/**
 * A UUIDv7 for the record exported as `original` (of `kind`) and imported into
 * `siteId`. The time part (and the in-millisecond counter) comes from the
 * exported id when it is a UUIDv7, else from `createdAt`, so derived ids sort
 * the way the originals were created; the rest is a hash.
 */
export const derive = (
  siteId: string,
  kind: string,
  original: string,
  createdAt: number,
): string => {
  const hash = sha256Hex(`kommies-import\u0000${siteId}\u0000${kind}\u0000${original}`)
  const head = uuidV7.test(original)
    ? original.slice(0, 18).replace(/-/g, "")
    : `${Math.max(0, Math.floor(createdAt)).toString(16).padStart(12, "0").slice(-12)}7${hash.slice(0, 3)}`
  const variant = ((Number.parseInt(hash.charAt(3), 16) & 3) | 8).toString(16)
  const hex = `${head}${variant}${hash.slice(4, 19)}`
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`
}
