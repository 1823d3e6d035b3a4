/**
 * Lua of ModerationStore and UsageStore: a report and the comment's
 * `reportCount` (and the reported queue) in one step; the audit log; the
 * monthly active commenters.
 *
 * @since 0.1.0
 */
import { commentLib, script } from "./lib.js"

/**
 * KEYS[1] the comment's report hash; ARGV base, commentId, reporterId, report
 * JSON. Returns {added (1|0), count}.
 *
 * @since 0.1.0
 */
export const reportAdd = script(
  `
local base, commentId, reporter = ARGV[1], ARGV[2], ARGV[3]
local old = getComment(base, commentId)
if redis.call("HSETNX", KEYS[1], reporter, ARGV[4]) == 0 then
  if old == nil then return { 0, redis.call("HLEN", KEYS[1]) } end
  return { 0, tonumber(old[C_reportCount]) }
end
if old == nil then return { 1, redis.call("HLEN", KEYS[1]) } end
local new = copy(old)
local count = tonumber(old[C_reportCount]) + 1
new[C_reportCount] = int(count)
setComment(base, commentId, new)
moveComment(base, commentId, old, new)
return { 1, count }
`,
  commentLib,
)

/** KEYS[1] the comment's report hash; ARGV base, commentId. @since 0.1.0 */
export const reportClear = script(
  `
local base, commentId = ARGV[1], ARGV[2]
redis.call("DEL", KEYS[1])
local old = getComment(base, commentId)
if old == nil or old[C_reportCount] == "0" then return 0 end
local new = copy(old)
new[C_reportCount] = "0"
setComment(base, commentId, new)
moveComment(base, commentId, old, new)
return 1
`,
  commentLib,
)

/** KEYS a hash of records, its lex id set; ARGV id, JSON. Adds unless the id exists. @since 0.1.0 */
export const lexAppend = script(`
if redis.call("HSETNX", KEYS[1], ARGV[1], ARGV[2]) == 0 then
  return redis.error_reply("KOMMIES_DUPLICATE record " .. ARGV[1] .. " already exists")
end
redis.call("ZADD", KEYS[2], 0, ARGV[1])
return "OK"
`)

/**
 * KEYS a lex id set (scores 0), a hash; ARGV start bound, stop bound, limit,
 * `asc`|`desc`. Returns id, value, id, value… from the hash.
 *
 * @since 0.1.0
 */
export const lexHashPage = script(`
local limit = tonumber(ARGV[3])
if limit <= 0 then return {} end
local ids
if ARGV[4] == "desc" then
  ids = redis.call("ZREVRANGEBYLEX", KEYS[1], ARGV[1], ARGV[2], "LIMIT", 0, limit)
else
  ids = redis.call("ZRANGEBYLEX", KEYS[1], ARGV[1], ARGV[2], "LIMIT", 0, limit)
end
local out = {}
for _, id in ipairs(ids) do
  local v = redis.call("HGET", KEYS[2], id)
  if v then out[#out + 1] = id; out[#out + 1] = v end
end
return out
`)

/** KEYS a scored id set, a hash; ARGV limit. Returns the values of the highest scores first. @since 0.1.0 */
export const scoreHashPage = script(`
local limit = tonumber(ARGV[1])
if limit <= 0 then return {} end
local out = {}
for _, id in ipairs(redis.call("ZREVRANGE", KEYS[1], 0, limit - 1)) do
  local v = redis.call("HGET", KEYS[2], id)
  if v then out[#out + 1] = v end
end
return out
`)

/** KEYS a hash, its scored id set; ARGV id, JSON, score. Inserts or replaces. @since 0.1.0 */
export const scoredPut = script(`
redis.call("HSET", KEYS[1], ARGV[1], ARGV[2])
redis.call("ZADD", KEYS[2], tonumber(ARGV[3]), ARGV[1])
return "OK"
`)

/** KEYS a hash, its scored id set; ARGV id. Removes the id from both. @since 0.1.0 */
export const scoredRemove = script(`
redis.call("HDEL", KEYS[1], ARGV[1])
redis.call("ZREM", KEYS[2], ARGV[1])
return "OK"
`)

/** KEYS the month's usage hash, its active set; ARGV commenterId. Returns activeCommenters. @since 0.1.0 */
export const usageMarkActive = script(`
if redis.call("SADD", KEYS[2], ARGV[1]) == 1 then
  return redis.call("HINCRBY", KEYS[1], "activeCommenters", 1)
end
return tonumber(redis.call("HGET", KEYS[1], "activeCommenters") or "0")
`)

/** KEYS[1] the first of the hashes; ARGV the hashes (same slot). Returns HGETALL of each, in order. @since 0.1.0 */
export const hashes = script(`
local out = {}
for i, key in ipairs(ARGV) do out[i] = redis.call("HGETALL", key) end
return out
`)
