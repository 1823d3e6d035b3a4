/**
 * The Lua prelude every script starts with: row splitting and joining, token
 * helpers, the order-preserving encodings of encoding.ts, a bytewise string
 * comparison (Lua's `<` follows the server's locale), and the comment index
 * helpers shared by the comment, vote and moderation scripts.
 *
 * Scripts only touch keys under the `base` they are given (one site, one hash
 * slot) plus the keys they are passed.
 *
 * @since 0.1.0
 */
import { alphabet, negativeZero, positiveZero } from "../encoding.js"
import { commentFields, commenterFields, luaPositions, threadFields } from "../rows.js"

/** Row and token helpers, and `encInt` (encoding.ts). @since 0.1.0 */
export const rowLib = `
local US = "\\31"
local function split(s)
  local t, n, i = {}, 0, 1
  while true do
    local j = string.find(s, US, i, true)
    n = n + 1
    if not j then t[n] = string.sub(s, i); return t end
    t[n] = string.sub(s, i, j - 1)
    i = j + 1
  end
end
local function join(t) return table.concat(t, US) end
local function copy(t) local c = {}; for i = 1, #t do c[i] = t[i] end; return c end
local function str(tok)
  if tok == nil or tok == "null" then return nil end
  if string.find(tok, "\\\\", 1, true) then return cjson.decode(tok) end
  return string.sub(tok, 2, -2)
end
local function int(n) return string.format("%d", n) end
local ALPHA = "${alphabet}"
local function encInt(n)
  local v, out = n + 2251799813685248, {}
  for i = 9, 1, -1 do
    local d = v % 64
    out[i] = string.sub(ALPHA, d + 1, d + 1)
    v = (v - d) / 64
  end
  return table.concat(out)
end
local function lt(a, b)
  local la, lb = #a, #b
  local n = la < lb and la or lb
  for i = 1, n do
    local x, y = string.byte(a, i), string.byte(b, i)
    if x ~= y then return x < y end
  end
  return la < lb
end
local function getRow(key) local raw = redis.call("GET", key); if raw then return split(raw) end; return nil end
local function getComment(base, id)
  local raw = redis.call("HGET", base .. "c", id)
  if raw then return split(raw) end
  return nil
end
local function setComment(base, id, r) redis.call("HSET", base .. "c", id, join(r)) end
`

/**
 * Comment rows (one hash per site, field = packed id) and their indexes: groups
 * per (thread, parent, class), status, reported, counters.
 *
 * @since 0.1.0
 */
export const commentLib = `
${luaPositions("C", commentFields)}
${luaPositions("T", threadFields)}
${luaPositions("U", commenterFields)}
local function classOf(r)
  if r[C_visible] == "1" then return "v" end
  if r[C_status] ~= '"d"' then return "h" end
  return nil
end
local function classKeys(base, r)
  local cls = classOf(r)
  if cls == nil then return {} end
  local g = base .. "g:" .. str(r[C_threadId]) .. ":" .. (str(r[C_parentId]) or "-") .. ":"
  if cls == "v" then return { g .. "v" } end
  return { g .. "h", g .. "h:" .. str(r[C_authorId]) }
end
local function dblOf(tok)
  local d = str(tok)
  if d == "${negativeZero}" then return "${positiveZero}" end
  return d
end
local function members(id, r)
  return { "n" .. id, "t" .. encInt(tonumber(r[C_score])) .. id,
           "h" .. dblOf(r[C_hot]) .. id, "b" .. dblOf(r[C_best]) .. id }
end
local function indexAdd(base, id, r)
  local m = members(id, r)
  for _, k in ipairs(classKeys(base, r)) do
    redis.call("ZADD", k, 0, m[1], 0, m[2], 0, m[3], 0, m[4])
  end
end
local function indexRemove(base, id, r)
  local m = members(id, r)
  for _, k in ipairs(classKeys(base, r)) do
    redis.call("ZREM", k, m[1], m[2], m[3], m[4])
  end
end
local function reported(r) return r[C_status] == '"a"' and tonumber(r[C_reportCount]) > 0 end
local function moveComment(base, id, old, new)
  local ok, nk = classKeys(base, old), classKeys(base, new)
  local om, nm = members(id, old), members(id, new)
  local same = #ok == #nk
  if same then for i = 1, #ok do if ok[i] ~= nk[i] then same = false end end end
  if same then
    for i = 1, 4 do
      if om[i] ~= nm[i] then
        for _, k in ipairs(ok) do redis.call("ZREM", k, om[i]); redis.call("ZADD", k, 0, nm[i]) end
      end
    end
  else
    indexRemove(base, id, old)
    indexAdd(base, id, new)
  end
  if old[C_status] ~= new[C_status] then
    redis.call("ZREM", base .. "st:" .. str(old[C_status]), id)
    redis.call("ZADD", base .. "st:" .. str(new[C_status]), 0, id)
  end
  local was, is = reported(old), reported(new)
  if was and not is then redis.call("ZREM", base .. "rep", id) end
  if is and not was then redis.call("ZADD", base .. "rep", 0, id) end
end
local function threadDelta(base, threadId, d)
  if d == 0 then return end
  local key = base .. "t:" .. threadId
  local t = getRow(key)
  if t == nil then return end
  t[T_commentCount] = int(tonumber(t[T_commentCount]) + d)
  redis.call("SET", key, join(t))
  redis.call("ZINCRBY", base .. "tt", d, encInt(tonumber(t[T_createdAt])) .. threadId)
end
local function parentDelta(base, parentId, d)
  if d == 0 or parentId == nil then return end
  local p = getComment(base, parentId)
  if p == nil then return end
  p[C_replyCount] = int(tonumber(p[C_replyCount]) + d)
  setComment(base, parentId, p)
end
local function commentRows(base, ids)
  local out = {}
  for from = 1, #ids, 1000 do
    local to = math.min(#ids, from + 999)
    local rows = redis.call("HMGET", base .. "c", unpack(ids, from, to))
    for i = from, to do
      local row = rows[i - from + 1]
      if row then out[#out + 1] = ids[i]; out[#out + 1] = row end
    end
  end
  return out
end
local function rowsOf(base, prefix, ids)
  local out = {}
  for _, id in ipairs(ids) do
    local raw = redis.call("GET", base .. prefix .. id)
    if raw then out[#out + 1] = id; out[#out + 1] = raw end
  end
  return out
end
`

/** A script: the prelude, then `body`. @since 0.1.0 */
export const script = (body: string, ...libs: ReadonlyArray<string>): string =>
  [rowLib, ...libs, body].join("\n")
