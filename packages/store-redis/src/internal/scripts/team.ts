/**
 * Lua of the TeamStore. Team keys live under the `{registry}` tag with sites
 * and accounts: a membership is read by site (the team page) and by account
 * (the dashboard's sites), and accepting an invitation writes both sides and
 * removes the invitation in one script, which a per-site tag could not do.
 *
 * Keys under the registry base: `tm:<site>` hash account → membership JSON;
 * `tma:<account>` set of site ids; `ti:<id>` invitation JSON; `tih:<hash>`
 * → invitation id; `tis:<site>` set of invitation ids.
 *
 * @since 0.1.0
 */
import { script } from "./lib.js"

const teamLib = `
local function putMember(base, site, account, row)
  redis.call("HSET", base .. "tm:" .. site, account, row)
  redis.call("SADD", base .. "tma:" .. account, site)
end
local function dropInvitation(base, key, id, site)
  local raw = redis.call("GET", key)
  if not raw then return false end
  local inv = cjson.decode(raw)
  if inv.siteId ~= site then return false end
  redis.call("DEL", key)
  if redis.call("GET", base .. "tih:" .. inv.tokenHash) == id then
    redis.call("DEL", base .. "tih:" .. inv.tokenHash)
  end
  redis.call("SREM", base .. "tis:" .. site, id)
  return true
end
`

/** KEYS[1] `tm:<site>`; ARGV registry base, site, account, row. Inserts or replaces. @since 0.1.0 */
export const teamPut = script(
  `
putMember(ARGV[1], ARGV[2], ARGV[3], ARGV[4])
return "OK"
`,
  teamLib,
)

/** KEYS[1] `tm:<site>`; ARGV registry base, site, account. Returns 1 when removed, else 0. @since 0.1.0 */
export const teamRemove = script(`
local removed = redis.call("HDEL", KEYS[1], ARGV[3])
if removed == 1 then redis.call("SREM", ARGV[1] .. "tma:" .. ARGV[3], ARGV[2]) end
return removed
`)

/** KEYS[1] `tma:<account>`; ARGV registry base, account. Returns the membership rows. @since 0.1.0 */
export const teamOfAccount = script(`
local out = {}
for _, site in ipairs(redis.call("SMEMBERS", KEYS[1])) do
  local row = redis.call("HGET", ARGV[1] .. "tm:" .. site, ARGV[2])
  if row then out[#out + 1] = row end
end
return out
`)

/**
 * KEYS[1] `ti:<id>`; ARGV registry base, id, site, token hash, row. Returns
 * "OK", or an error when the id or the token hash is taken.
 *
 * @since 0.1.0
 */
export const invitationInsert = script(`
local base, id, site, hash = ARGV[1], ARGV[2], ARGV[3], ARGV[4]
if redis.call("EXISTS", KEYS[1]) == 1 then
  return redis.error_reply("KOMMIES_DUPLICATE invitation " .. id .. " already exists")
end
if redis.call("EXISTS", base .. "tih:" .. hash) == 1 then
  return redis.error_reply("KOMMIES_DUPLICATE invitation " .. id .. ": the token hash is taken")
end
redis.call("SET", KEYS[1], ARGV[5])
redis.call("SET", base .. "tih:" .. hash, id)
redis.call("SADD", base .. "tis:" .. site, id)
return "OK"
`)

/** KEYS[1] `ti:<id>`; ARGV registry base, id, site. Returns 1 when the site had it, else 0. @since 0.1.0 */
export const invitationDelete = script(
  `
if dropInvitation(ARGV[1], KEYS[1], ARGV[2], ARGV[3]) then return 1 end
return 0
`,
  teamLib,
)

/**
 * KEYS[1] `ti:<id>`; ARGV registry base, id, site, account, membership row.
 * Deletes the site's invitation and puts the membership, or does nothing
 * when the invitation is gone. Returns 1 or 0.
 *
 * @since 0.1.0
 */
export const invitationAccept = script(
  `
local base, id, site = ARGV[1], ARGV[2], ARGV[3]
if not dropInvitation(base, KEYS[1], id, site) then return 0 end
putMember(base, site, ARGV[4], ARGV[5])
return 1
`,
  teamLib,
)
