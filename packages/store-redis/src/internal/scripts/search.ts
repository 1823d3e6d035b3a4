/**
 * Lua of the search index, used by the comment and commenter write scripts so
 * the words move in the same script as the row they come from.
 *
 * Per site: `sw:<word>` the comments whose body holds the word and `sn:<word>`
 * the commenters whose display name holds it (lex sets of packed comment ids /
 * commenter ids, all scores 0); `swc` and `snc` hash each comment / commenter
 * to its words, so an edit can take the old ones out. Words come from core's
 * `Search.words`, joined by spaces (a word holds letters and digits only).
 *
 * @since 0.1.0
 */

/**
 * `setWords(base, kind, id, words)`: files `id` under each of `words` (a
 * space-joined list, possibly empty) after taking it out of the words it had;
 * kind `c` for comment bodies, `n` for display names (keys.ts `site.commentWord`,
 * `commentWords`, `nameWord`, `nameWords`).
 *
 * @since 0.1.0
 */
export const searchLib = `
local function setWords(base, kind, id, list)
  local hash = base .. "s" .. kind .. "c"
  local prefix = base .. (kind == "c" and "sw:" or "sn:")
  local old = redis.call("HGET", hash, id)
  if old == list then return end
  if old then
    for w in string.gmatch(old, "%S+") do redis.call("ZREM", prefix .. w, id) end
  end
  if list == "" then
    redis.call("HDEL", hash, id)
  else
    redis.call("HSET", hash, id, list)
    for w in string.gmatch(list, "%S+") do redis.call("ZADD", prefix .. w, 0, id) end
  end
end
`
