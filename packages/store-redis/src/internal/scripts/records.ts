/**
 * Lua of the smaller stores: the site and account registry (unique keys
 * claimed in the same step as the record), compare-and-set patches of single
 * rows (sessions, challenges, threads, outbox emails), notifications, webhook
 * endpoints, the rate limiter and the page cache.
 *
 * @since 0.1.0
 */
import { position } from "../rows.js"
import { notificationFields, siteFields } from "../recordRows.js"
import { script } from "./lib.js"

/**
 * KEYS[1] the site row; ARGV registry base, id, publicKey, secretKeyId, owner
 * (`` for none), row. Returns "OK" or "taken" (id or a key already used).
 *
 * @since 0.1.0
 */
export const siteInsert = script(`
local base, id, pk, sk, owner = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
if redis.call("EXISTS", KEYS[1]) == 1 or redis.call("EXISTS", base .. "pk:" .. pk) == 1
  or redis.call("EXISTS", base .. "sk:" .. sk) == 1 then return "taken" end
redis.call("SET", KEYS[1], ARGV[6])
redis.call("SET", base .. "pk:" .. pk, id)
redis.call("SET", base .. "sk:" .. sk, id)
if owner ~= "" then redis.call("SADD", base .. "o:" .. owner, id) end
return "OK"
`)

/**
 * KEYS[1] the site row; ARGV as siteInsert. Replaces the record and moves its
 * key and owner indexes. Returns "OK", "missing" or "taken".
 *
 * @since 0.1.0
 */
export const siteUpdate = script(`
local base, id, pk, sk, owner = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local cur = getRow(KEYS[1])
if cur == nil then return "missing" end
local holder = redis.call("GET", base .. "pk:" .. pk)
if holder and holder ~= id then return "taken" end
holder = redis.call("GET", base .. "sk:" .. sk)
if holder and holder ~= id then return "taken" end
local oldPk, oldSk, oldOwner = str(cur[1]), str(cur[2]), str(cur[3]) or ""
if oldPk ~= pk and redis.call("GET", base .. "pk:" .. oldPk) == id then redis.call("DEL", base .. "pk:" .. oldPk) end
if oldSk ~= sk and redis.call("GET", base .. "sk:" .. oldSk) == id then redis.call("DEL", base .. "sk:" .. oldSk) end
if oldOwner ~= owner then
  if oldOwner ~= "" then redis.call("SREM", base .. "o:" .. oldOwner, id) end
  if owner ~= "" then redis.call("SADD", base .. "o:" .. owner, id) end
end
redis.call("SET", base .. "pk:" .. pk, id)
redis.call("SET", base .. "sk:" .. sk, id)
redis.call("SET", KEYS[1], ARGV[6])
return "OK"
`)

/**
 * Compare-and-set of a site's first owner. KEYS[1] the site row; ARGV registry
 * base, id, owner, the row as the caller read it, the row with the owner set.
 * Writes the row and the owner index together, and only over the row read.
 * Returns "OK", "missing", "owned" (any owner already), or "changed" (another
 * write came between the read and this call: read again and retry).
 *
 * @since 0.1.0
 */
export const siteClaimOwner = script(`
local base, id, owner = ARGV[1], ARGV[2], ARGV[3]
local raw = redis.call("GET", KEYS[1])
if not raw then return "missing" end
if str(split(raw)[${position(siteFields, "ownerAccountId")}]) ~= nil then return "owned" end
if raw ~= ARGV[4] then return "changed" end
redis.call("SET", KEYS[1], ARGV[5])
redis.call("SADD", base .. "o:" .. owner, id)
return "OK"
`)

/** KEYS[1] a pointer key (id); ARGV registry base, row prefix. Returns the row it points to, or nil. @since 0.1.0 */
export const rowByPointer = script(`
local id = redis.call("GET", KEYS[1])
if not id then return false end
return redis.call("GET", ARGV[1] .. ARGV[2] .. id)
`)

/**
 * KEYS[1] the account row; ARGV registry base, id, emailKey, row. Returns
 * "OK" or "taken" when the email is used.
 *
 * @since 0.1.0
 */
export const accountInsert = script(`
local base, id, ek = ARGV[1], ARGV[2], ARGV[3]
if redis.call("EXISTS", base .. "ae:" .. ek) == 1 then return "taken" end
if redis.call("EXISTS", KEYS[1]) == 1 then
  return redis.error_reply("KOMMIES_DUPLICATE account " .. id .. " already exists")
end
redis.call("SET", KEYS[1], ARGV[4])
redis.call("SET", base .. "ae:" .. ek, id)
return "OK"
`)

/** KEYS[1] the account row; ARGV as accountInsert. Ignores a missing account. @since 0.1.0 */
export const accountUpdate = script(`
local base, id, ek = ARGV[1], ARGV[2], ARGV[3]
local cur = getRow(KEYS[1])
if cur == nil then return 0 end
local holder = redis.call("GET", base .. "ae:" .. ek)
if holder and holder ~= id then
  return redis.error_reply("KOMMIES_CONFLICT account " .. id .. ": the email is taken")
end
local old = str(cur[1])
if old ~= ek and redis.call("GET", base .. "ae:" .. old) == id then redis.call("DEL", base .. "ae:" .. old) end
redis.call("SET", base .. "ae:" .. ek, id)
redis.call("SET", KEYS[1], ARGV[4])
return 1
`)

/**
 * A compare-and-set patch of one row. KEYS[1] the row; ARGV positions that
 * must hold `null` (comma-separated, or ``), a position to add 1 to (or ``),
 * then (position, token) pairs. Returns the new row, nil when the row is
 * missing, 0 when a required field was not null.
 *
 * @since 0.1.0
 */
export const rowPatch = script(`
local r = getRow(KEYS[1])
if r == nil then return false end
for p in string.gmatch(ARGV[1], "%d+") do
  if r[tonumber(p)] ~= "null" then return 0 end
end
if ARGV[2] ~= "" then
  local p = tonumber(ARGV[2])
  r[p] = int(tonumber(r[p]) + 1)
end
for i = 3, #ARGV, 2 do r[tonumber(ARGV[i])] = ARGV[i + 1] end
local row = join(r)
redis.call("SET", KEYS[1], row)
return row
`)

/** KEYS inbox hash, its lex id set, its unread set; ARGV id, row, unread (`1`|`0`). @since 0.1.0 */
export const notificationInsert = script(`
if redis.call("HSETNX", KEYS[1], ARGV[1], ARGV[2]) == 0 then
  return redis.error_reply("KOMMIES_DUPLICATE notification " .. ARGV[1] .. " already exists")
end
redis.call("ZADD", KEYS[2], 0, ARGV[1])
if ARGV[3] == "1" then redis.call("SADD", KEYS[3], ARGV[1]) end
return "OK"
`)

/** KEYS inbox hash, its unread set; ARGV `all`|`some`, ids… Marks unread ones read. @since 0.1.0 */
export const notificationMarkRead = script(`
local ids = {}
if ARGV[1] == "all" then ids = redis.call("SMEMBERS", KEYS[2])
else for i = 2, #ARGV do ids[#ids + 1] = ARGV[i] end end
local n = 0
for _, id in ipairs(ids) do
  if redis.call("SREM", KEYS[2], id) == 1 then
    local raw = redis.call("HGET", KEYS[1], id)
    if raw then
      local r = split(raw)
      r[${position(notificationFields, "read")}] = "true"
      redis.call("HSET", KEYS[1], id, join(r))
      n = n + 1
    end
  end
end
return n
`)

/** KEYS[1] a hash; ARGV field, value. Replaces the field only if it exists. @since 0.1.0 */
export const hashReplace = script(`
if redis.call("HEXISTS", KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call("HSET", KEYS[1], ARGV[1], ARGV[2])
return 1
`)

/** KEYS endpoint hash, the endpoint's delivery set; ARGV id. Returns {"removed", deliveryIds…} or nil. @since 0.1.0 */
export const webhookRemove = script(`
if redis.call("HDEL", KEYS[1], ARGV[1]) == 0 then return false end
local out = { "removed" }
for _, id in ipairs(redis.call("ZRANGE", KEYS[2], 0, -1)) do out[#out + 1] = id end
redis.call("DEL", KEYS[2])
return out
`)

/**
 * KEYS[1] a key of the event's site (routes the call to the site's node on a
 * cluster, so one process's events of a site reach subscribers in the order
 * it published them); ARGV channel, message.
 *
 * @since 0.1.0
 */
export const publish = script(`
return redis.call("PUBLISH", ARGV[1], ARGV[2])
`)

/**
 * Sliding window, exact: KEYS[1] the window (scores = hit times in ms, from the
 * server's clock); ARGV limit, windowMs. Returns {allowed, remaining, resetMs}.
 *
 * @since 0.1.0
 */
export const rateLimitConsume = script(`
local limit, window = tonumber(ARGV[1]), tonumber(ARGV[2])
local t = redis.call("TIME")
local now = tonumber(t[1]) * 1000 + tonumber(t[2]) / 1000
redis.call("ZREMRANGEBYSCORE", KEYS[1], "-inf", now - window)
local count = redis.call("ZCARD", KEYS[1])
local allowed = 0
if count < limit then
  redis.call("ZADD", KEYS[1], now, t[1] .. "." .. t[2] .. ":" .. count)
  count = count + 1
  allowed = 1
end
local remaining = limit - count
if remaining < 0 then remaining = 0 end
local reset = 0
if remaining == 0 then
  local oldest = redis.call("ZRANGE", KEYS[1], 0, 0, "WITHSCORES")
  if oldest[2] then reset = math.ceil(tonumber(oldest[2]) + window - now) else reset = window end
  if reset < 0 then reset = 0 end
end
if count > 0 then redis.call("PEXPIRE", KEYS[1], math.ceil(window) + 1) else redis.call("DEL", KEYS[1]) end
return { allowed, remaining, reset }
`)

/**
 * KEYS[1] the thread's event stream; ARGV site base, threadId, variant. Returns
 * {seq, cached page or ``}: the page cached for the thread's current sequence.
 *
 * @since 0.1.0
 */
export const pageCacheGet = script(
  `
local last = redis.call("XREVRANGE", KEYS[1], "+", "-", "COUNT", 1)
local seq = "0"
if last[1] then seq = string.sub(last[1][1], 3) end
local page = redis.call("GET", ARGV[1] .. "pc:" .. ARGV[2] .. ":" .. seq .. ":" .. ARGV[3])
return { seq, page or "" }
`,
)
