/**
 * Compact, order-preserving string encodings. Sorted sets keep every score 0
 * and order members bytewise, so each part of a member must sort as the value
 * it encodes:
 *
 * - ids: a canonical (lower-case) UUID packs into 22 characters of the
 *   alphabet below, whose bytewise order is the UUID's string order; any other
 *   id is kept as `~` + id (after every UUID). 14 bytes saved per id in every
 *   key, member and comment row that holds one.
 * - integers (`top` scores, thread times): 9 characters, `n + 2^51`.
 * - doubles (`hot`, `best`): the IEEE-754 bits made order-preserving (sign
 *   flipped, or every bit for negatives), in 11 characters.
 *
 * Lua builds integer keys the same way (scripts/lib.ts); doubles are encoded
 * here only and stored encoded in the comment row.
 *
 * @since 0.1.0
 */

/** 64 characters in ascending ASCII order. @since 0.1.0 */
export const alphabet = "-0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ_abcdefghijklmnopqrstuvwxyz"

const digitOf = new Map(Array.from(alphabet, (c, i) => [c, i] as const))
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/

/** `bits` (an unsigned value of `width` bits) as base-64 digits, most significant first. */
const toDigits = (bits: bigint, width: number, digits: number): string => {
  let value = bits << BigInt(digits * 6 - width)
  let out = ""
  for (let i = 0; i < digits; i++) {
    out = alphabet[Number(value & 63n)] + out
    value >>= 6n
  }
  return out
}

const fromDigits = (text: string, width: number): bigint => {
  let value = 0n
  for (const c of text) value = (value << 6n) | BigInt(digitOf.get(c) ?? 0)
  return value >> BigInt(text.length * 6 - width)
}

/** An id as stored in keys, members and comment rows. @since 0.1.0 */
export const packId = (id: string): string =>
  uuidPattern.test(id) ? toDigits(BigInt(`0x${id.replace(/-/g, "")}`), 128, 22) : `~${id}`

/** The id {@link packId} packed. @since 0.1.0 */
export const unpackId = (packed: string): string => {
  if (packed.startsWith("~")) return packed.slice(1)
  const hex = fromDigits(packed, 128).toString(16).padStart(32, "0")
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`
}

/** 2^51: the offset that makes an integer in (-2^51, 2^51) non-negative. */
const intOffset = 2 ** 51

/**
 * An integer in (-2^51, 2^51) as 9 characters whose bytewise order is numeric
 * order. Lua: `encInt` in scripts/lib.ts.
 *
 * @since 0.1.0
 */
export const encInt = (n: number): string => {
  let v = n + intOffset
  let out = ""
  for (let i = 0; i < 9; i++) {
    const d = v % 64
    out = alphabet[d] + out
    v = (v - d) / 64
  }
  return out
}

const doubleBits = (x: number): bigint => {
  const view = new DataView(new ArrayBuffer(8))
  view.setFloat64(0, x)
  const bits = view.getBigUint64(0)
  return bits >> 63n === 1n ? ~bits & 0xffffffffffffffffn : bits | 0x8000000000000000n
}

/**
 * A double as 11 characters whose bytewise order is numeric order; exact (-0
 * and NaN payloads included). {@link normalizeDouble} folds -0 into 0 for indexes.
 *
 * @since 0.1.0
 */
export const encDouble = (x: number): string => toDigits(doubleBits(x), 64, 11)

/** The double {@link encDouble} encoded. @since 0.1.0 */
export const decDouble = (text: string): number => {
  const ordered = fromDigits(text, 64)
  const bits =
    ordered >> 63n === 1n ? ordered & 0x7fffffffffffffffn : ~ordered & 0xffffffffffffffffn
  const view = new DataView(new ArrayBuffer(8))
  view.setBigUint64(0, bits)
  return view.getFloat64(0)
}

/** The encodings of -0 and 0 (rows keep -0; index members use 0's). @since 0.1.0 */
export const negativeZero = encDouble(-0)
/** @since 0.1.0 */
export const positiveZero = encDouble(0)

/** -0 folded into 0, for index members: equal keys must tie-break by id. @since 0.1.0 */
export const normalizeDouble = (encoded: string): string =>
  encoded === negativeZero ? positiveZero : encoded

/** The index encoding of a double sort key. @since 0.1.0 */
export const indexDouble = (x: number): string => normalizeDouble(encDouble(x))

/** The smallest string greater than every string that starts with `letter`. @since 0.1.0 */
export const nextLetter = (letter: string): string => String.fromCharCode(letter.charCodeAt(0) + 1)
