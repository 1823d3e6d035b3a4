/**
 * Lua of ThreadStore and CommenterStore: unique thread keys, unique commenter
 * emails and external ids, and the ranking indexes (threads by visible
 * comments, commenters by karma, staff).
 *
 * @since 0.1.0
 */
import { commentLib, script } from "./lib.js"
import { searchLib } from "./search.js"

/**
 * KEYS[1] the thread-key hash; ARGV base, key, id, row. Inserts unless the key
 * is taken; returns {id, row} of the thread stored afterwards.
 *
 * @since 0.1.0
 */
export const threadGetOrInsert = script(
  `
local base, key, id, row = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local existing = redis.call("HGET", KEYS[1], key)
if existing then
  local raw = redis.call("GET", base .. "t:" .. existing)
  if raw then return { existing, raw } end
end
if redis.call("EXISTS", base .. "t:" .. id) == 1 then
  return redis.error_reply("KOMMIES_DUPLICATE thread " .. id .. " already exists")
end
redis.call("HSET", KEYS[1], key, id)
redis.call("SET", base .. "t:" .. id, row)
local t = split(row)
redis.call("ZADD", base .. "tt", tonumber(t[T_commentCount]), encInt(tonumber(t[T_createdAt])) .. id)
return { id, row }
`,
  commentLib,
)

/** KEYS[1] the thread-key hash; ARGV base, keys… Returns id, row, id, row… of the known keys. @since 0.1.0 */
export const threadsByKeys = script(`
local base = ARGV[1]
local out = {}
for i = 2, #ARGV do
  local id = redis.call("HGET", KEYS[1], ARGV[i])
  if id then
    local raw = redis.call("GET", base .. "t:" .. id)
    if raw then out[#out + 1] = id; out[#out + 1] = raw end
  end
end
return out
`)

/**
 * KEYS[1] a ranking sorted set; ARGV base, row key prefix, limit, member prefix
 * length. Returns id, row, id, row… in ZREVRANGE order.
 *
 * @since 0.1.0
 */
export const topRows = script(
  `
local base, prefix, limit, skip = ARGV[1], ARGV[2], tonumber(ARGV[3]), tonumber(ARGV[4])
if limit <= 0 then return {} end
local ids = {}
for i, m in ipairs(redis.call("ZREVRANGE", KEYS[1], 0, limit - 1)) do ids[i] = string.sub(m, skip + 1) end
return rowsOf(base, prefix, ids)
`,
  commentLib,
)

/**
 * KEYS[1] commenter; ARGV base, id, row, emailKey, externalKey, staff (`1`|`0`),
 * karma, the display name's search words (space-joined). Returns "OK", or the name of the unique key another commenter holds.
 *
 * @since 0.1.0
 */
export const commenterInsert = script(
  `
local base, id, row, ek, xk = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
if redis.call("EXISTS", KEYS[1]) == 1 then
  return redis.error_reply("KOMMIES_DUPLICATE commenter " .. id .. " already exists")
end
if ek ~= "" and redis.call("HEXISTS", base .. "ue", ek) == 1 then return "email" end
if xk ~= "" and redis.call("HEXISTS", base .. "ux", xk) == 1 then return "external id" end
redis.call("SET", KEYS[1], row)
if ek ~= "" then redis.call("HSET", base .. "ue", ek, id) end
if xk ~= "" then redis.call("HSET", base .. "ux", xk, id) end
redis.call("ZADD", base .. "uk", tonumber(ARGV[7]), id)
if ARGV[6] == "1" then redis.call("SADD", base .. "us", id) end
setWords(base, "n", id, ARGV[8] or "")
return "OK"
`,
  searchLib,
)

/**
 * KEYS[1] commenter; ARGV base, id, email candidate (`-` unchanged, else `=`
 * followed by the lower-cased email, empty for none), staff (`1`|`0`|`-`), the
 * new display name's search words (`-` unchanged, else `=` then the
 * space-joined words), then (position, token) pairs. Returns the new row, nil when missing, or an error
 * when the new email belongs to another commenter.
 *
 * @since 0.1.0
 */
export const commenterUpdate = script(
  `
local base, id, candidate, staff = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
local u = getRow(KEYS[1])
if u == nil then return false end
local oldKey = str(u[U_emailKey])
for i = 6, #ARGV, 2 do u[tonumber(ARGV[i])] = ARGV[i + 1] end
local newKey = oldKey
if candidate ~= "-" then
  newKey = ""
  local email = string.sub(candidate, 2)
  if u[U_origin] == '"password"' and email ~= "" then newKey = email end
end
if newKey ~= oldKey then
  if newKey ~= "" then
    local holder = redis.call("HGET", base .. "ue", newKey)
    if holder and holder ~= id then
      return redis.error_reply("KOMMIES_CONFLICT commenter " .. id .. ": another commenter of the site already has this email")
    end
    redis.call("HSET", base .. "ue", newKey, id)
  end
  if oldKey ~= "" and redis.call("HGET", base .. "ue", oldKey) == id then redis.call("HDEL", base .. "ue", oldKey) end
  u[U_emailKey] = cjson.encode(newKey)
end
if staff == "1" then redis.call("SADD", base .. "us", id) elseif staff == "0" then redis.call("SREM", base .. "us", id) end
local row = join(u)
redis.call("SET", KEYS[1], row)
if ARGV[5] ~= "-" then setWords(base, "n", id, string.sub(ARGV[5], 2)) end
return row
`,
  commentLib,
  searchLib,
)

/** KEYS[1] a hash of unique keys → id; ARGV base, row key prefix, unique key. Returns {id, row} or nil. @since 0.1.0 */
export const rowByUnique = script(`
local id = redis.call("HGET", KEYS[1], ARGV[3])
if not id then return false end
local raw = redis.call("GET", ARGV[1] .. ARGV[2] .. id)
if not raw then return false end
return { id, raw }
`)

/** KEYS[1] a set of ids; ARGV base, row key prefix. Returns id, row, id, row… @since 0.1.0 */
export const rowsOfSet = script(
  `
return rowsOf(ARGV[1], ARGV[2], redis.call("SMEMBERS", KEYS[1]))
`,
  commentLib,
)
