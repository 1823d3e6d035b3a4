/**
 * Lua of VoteStore: one script moves the vote, the comment's counts, score and
 * `top` index entry, and the author's karma (row and karma index), only if the
 * vote is still what core saw.
 *
 * @since 0.1.0
 */
import { commentLib, script } from "./lib.js"

/**
 * KEYS[1] the comment's vote hash; ARGV base, commentId, voterId, expected
 * (`u`|`d`|``), next (`u`|`d`|``), upDelta, downDelta, karmaDelta, authorId.
 * Returns {"stale", current} or {"swapped", upvotes, downvotes}.
 *
 * @since 0.1.0
 */
export const voteSwap = script(
  `
local base, commentId, voter, expected, nextVote = ARGV[1], ARGV[2], ARGV[3], ARGV[4], ARGV[5]
local old = getComment(base, commentId)
if old == nil then
  return redis.error_reply("KOMMIES_MISSING cannot vote on comment " .. commentId .. ": the site has no such comment")
end
local current = redis.call("HGET", KEYS[1], voter) or ""
if current ~= expected then return { "stale", current } end
if nextVote == "" then redis.call("HDEL", KEYS[1], voter) else redis.call("HSET", KEYS[1], voter, nextVote) end
local up = tonumber(old[C_upvotes]) + tonumber(ARGV[6])
local down = tonumber(old[C_downvotes]) + tonumber(ARGV[7])
local new = copy(old)
new[C_upvotes] = int(up)
new[C_downvotes] = int(down)
new[C_score] = int(up - down)
setComment(base, commentId, new)
moveComment(base, commentId, old, new)
local karma = tonumber(ARGV[8])
if karma ~= 0 then
  local authorKey = base .. "u:" .. ARGV[9]
  local author = getRow(authorKey)
  if author ~= nil then
    author[U_karma] = int(tonumber(author[U_karma]) + karma)
    redis.call("SET", authorKey, join(author))
    redis.call("ZINCRBY", base .. "uk", karma, ARGV[9])
  end
end
return { "swapped", up, down }
`,
  commentLib,
)

/** KEYS[1] any key of the site; ARGV base, voterId, commentIds… Returns one vote per id (`u`|`d`|``). @since 0.1.0 */
export const voteForVoter = script(`
local base, voter = ARGV[1], ARGV[2]
local out = {}
for i = 3, #ARGV do
  out[#out + 1] = redis.call("HGET", base .. "vo:" .. ARGV[i], voter) or ""
end
return out
`)
