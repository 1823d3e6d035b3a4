/**
 * Small cryptographic helpers over @noble/hashes, so core stays free of Node APIs.
 */
import { sha256 } from "@noble/hashes/sha2.js"
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils.js"

/** SHA-256 of a UTF-8 string, lower-case hex. */
export const sha256Hex = (text: string): string => bytesToHex(sha256(utf8ToBytes(text)))

/**
 * Compares two strings in time that depends only on their lengths, not on where
 * they differ: for secrets, token hashes and codes.
 */
export const constantTimeEqual = (a: string, b: string): boolean => {
  const x = utf8ToBytes(a)
  const y = utf8ToBytes(b)
  let diff = x.length ^ y.length
  const n = Math.max(x.length, y.length)
  for (let i = 0; i < n; i++) diff |= (x[i] ?? 0) ^ (y[i] ?? 0)
  return diff === 0
}
