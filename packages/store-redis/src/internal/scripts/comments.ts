/**
 * Lua of CommentStore. Each write is one script: the row, its group indexes
 * (new/old, top, hot, best per visibility class), the status and reported
 * indexes, and the thread and parent counters move together or not at all.
 *
 * Group sorted sets keep every score 0 and order members bytewise:
 * `n<id>` (new/old), `t<score:9><id>`, `h<hot:11><id>`, `b<best:11><id>`
 * (encodings and packed ids: encoding.ts), so ZRANGEBYLEX pages any sort from any position in
 * O(log n + page). Classes: `v` visible; `h` hidden but not deleted; `h:<author>`
 * the same per author (what a viewer adds to the visible ones).
 *
 * @since 0.1.0
 */
import { commentLib, script } from "./lib.js"
import { searchLib } from "./search.js"

/**
 * KEYS[1] the site's comment hash; ARGV base, id, row, threadDelta, parentDelta,
 * the body's search words (space-joined).
 *
 * @since 0.1.0
 */
export const commentInsert = script(
  `
local base, id = ARGV[1], ARGV[2]
if redis.call("HSETNX", KEYS[1], id, ARGV[3]) == 0 then
  return redis.error_reply("KOMMIES_DUPLICATE comment " .. id .. " already exists")
end
local r = split(ARGV[3])
indexAdd(base, id, r)
redis.call("ZADD", base .. "st:" .. str(r[C_status]), 0, id)
redis.call("ZADD", base .. "au:" .. str(r[C_authorId]), 0, id)
if reported(r) then redis.call("ZADD", base .. "rep", 0, id) end
threadDelta(base, str(r[C_threadId]), tonumber(ARGV[4]))
parentDelta(base, str(r[C_parentId]), tonumber(ARGV[5]))
setWords(base, "c", id, ARGV[6] or "")
return "OK"
`,
  commentLib,
  searchLib,
)

/**
 * KEYS[1] the site's comment hash; ARGV base, id, expectedVersion token, threadDelta,
 * parentDelta, the new body's search words (`-` when the body is unchanged, else
 * `=` then the space-joined words), then (position, token) pairs of the patch. Returns the new row,
 * or nil when the comment is missing or its version differs.
 *
 * @since 0.1.0
 */
export const commentUpdate = script(
  `
local base, id = ARGV[1], ARGV[2]
local old = getComment(base, id)
if old == nil or old[C_version] ~= ARGV[3] then return false end
local new = copy(old)
for i = 7, #ARGV, 2 do new[tonumber(ARGV[i])] = ARGV[i + 1] end
new[C_version] = int(tonumber(old[C_version]) + 1)
local row = join(new)
redis.call("HSET", KEYS[1], id, row)
moveComment(base, id, old, new)
threadDelta(base, str(new[C_threadId]), tonumber(ARGV[4]))
parentDelta(base, str(new[C_parentId]), tonumber(ARGV[5]))
if ARGV[6] ~= "-" then setWords(base, "c", id, string.sub(ARGV[6], 2)) end
return row
`,
  commentLib,
  searchLib,
)

/** KEYS[1] the site's comment hash; ARGV base, id, upvotes token, downvotes token, hot token, best token. @since 0.1.0 */
export const commentSetRanks = script(
  `
local base, id = ARGV[1], ARGV[2]
local old = getComment(base, id)
if old == nil or old[C_upvotes] ~= ARGV[3] or old[C_downvotes] ~= ARGV[4] then return 0 end
local new = copy(old)
new[C_hot] = ARGV[5]
new[C_best] = ARGV[6]
setComment(base, id, new)
moveComment(base, id, old, new)
return 1
`,
  commentLib,
)

/**
 * KEYS: two class sets; ARGV how many of them to merge (1 or 2), base, member
 * prefix length, `asc`|`desc`, start bound, stop bound, limit. Returns id,
 * row, id, row… (The key count is fixed so that ioredis can route and
 * auto-pipeline the call by its first key on a cluster.)
 *
 * @since 0.1.0
 */
export const commentList = script(
  `
local n, base, skip, dir, from, to, limit = tonumber(ARGV[1]), ARGV[2], tonumber(ARGV[3]), ARGV[4], ARGV[5], ARGV[6], tonumber(ARGV[7])
local lists = {}
for i = 1, n do
  local key = KEYS[i]
  if dir == "desc" then
    lists[i] = redis.call("ZREVRANGEBYLEX", key, from, to, "LIMIT", 0, limit)
  else
    lists[i] = redis.call("ZRANGEBYLEX", key, from, to, "LIMIT", 0, limit)
  end
end
local merged = lists[1]
if #lists == 2 then
  merged = {}
  local a, b, i, j = lists[1], lists[2], 1, 1
  while #merged < limit and (i <= #a or j <= #b) do
    local takeA
    if i > #a then takeA = false
    elseif j > #b then takeA = true
    elseif dir == "desc" then takeA = lt(b[j], a[i])
    else takeA = lt(a[i], b[j]) end
    if takeA then merged[#merged + 1] = a[i]; i = i + 1
    else merged[#merged + 1] = b[j]; j = j + 1 end
  end
end
local ids = {}
for i, m in ipairs(merged) do ids[i] = string.sub(m, skip + 1) end
return commentRows(base, ids)
`,
  commentLib,
)

/**
 * Ids from up to five lex sets (all scores 0), merged: KEYS five sets; ARGV how
 * many of them to read, base, `asc`|`desc`, start bound, stop bound, limit.
 * Returns id, row, id, row… (status queue, site listing, author listing,
 * reported queue).
 *
 * @since 0.1.0
 */
export const commentMerge = script(
  `
local n, base, dir, from, to, limit = tonumber(ARGV[1]), ARGV[2], ARGV[3], ARGV[4], ARGV[5], tonumber(ARGV[6])
local all = {}
for i = 1, n do
  local key = KEYS[i]
  local ids
  if dir == "desc" then
    ids = redis.call("ZREVRANGEBYLEX", key, from, to, "LIMIT", 0, limit)
  else
    ids = redis.call("ZRANGEBYLEX", key, from, to, "LIMIT", 0, limit)
  end
  for _, id in ipairs(ids) do all[#all + 1] = id end
end
if n > 1 then
  if dir == "desc" then table.sort(all, function(a, b) return lt(b, a) end)
  else table.sort(all, lt) end
end
local page = {}
for i = 1, math.min(limit, #all) do page[i] = all[i] end
return commentRows(base, page)
`,
  commentLib,
)
