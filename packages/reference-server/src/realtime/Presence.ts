/**
 * Who reads which thread, and who is typing there: the hub behind the
 * realtime WebSocket. In one process it counts its own sockets; with Redis it
 * counts every process's.
 *
 * With Redis, each thread has a hash (`<prefix>{<siteId>}:presence:<thread>`)
 * of process id → `<count>:<expires at>`. A process writes its own field when
 * a socket joins or leaves and again on every heartbeat, then publishes on
 * the thread's channel; every process with readers there re-reads the hash
 * and tells its sockets. A field whose process died is ignored once expired
 * (and removed by whoever reads it), so a crash corrects itself within one
 * expiry. Typing goes through the same channel.
 *
 * @since 0.1.0
 */
import { createHash, randomUUID } from "node:crypto"
import { Redis } from "ioredis"

/** A socket as the hub sees it. */
export interface Member {
  readonly id: string
  readonly send: (message: ServerMessage) => void
}

/** What the server sends. @since 0.1.0 @category models */
export type ServerMessage =
  | { readonly type: "presence"; readonly count: number }
  | { readonly type: "typing"; readonly name: string }

/** A thread of a site. */
export interface Topic {
  readonly siteId: string
  readonly threadKey: string
}

/** The hub. */
export interface Presence {
  readonly join: (topic: Topic, member: Member) => Promise<void>
  readonly leave: (topic: Topic, member: Member) => Promise<void>
  readonly typing: (topic: Topic, from: Member, name: string) => Promise<void>
  /** Leaves every thread (removing this process's counts) and closes connections. */
  readonly close: () => Promise<void>
}

/** Settings of the Redis hub. */
export interface RedisPresenceOptions {
  readonly url: string
  readonly prefix: string
  /** How long a process's count lives without a heartbeat. Default 30 s. */
  readonly ttlMs?: number
  readonly onError?: (error: unknown) => void
}

const topicId = (topic: Topic) =>
  `${topic.siteId}:${createHash("sha256").update(topic.threadKey).digest("base64url").slice(0, 22)}`

interface Room {
  readonly topic: Topic
  readonly members: Set<Member>
  count: number
}

/** The room of `topic` in `rooms`, and whether this call opened it (its first reader here). */
const roomOf = (rooms: Map<string, Room>, topic: Topic) => {
  const id = topicId(topic)
  const existing = rooms.get(id)
  if (existing !== undefined) return { id, room: existing, opened: false }
  const room: Room = { topic, members: new Set(), count: 0 }
  rooms.set(id, room)
  return { id, room, opened: true }
}

const deliver = (room: Room, message: ServerMessage, except?: string) => {
  for (const member of room.members) if (member.id !== except) member.send(message)
}

/**
 * Presence of this process only.
 *
 * @since 0.1.0
 * @category constructors
 */
export const local = (): Presence => {
  const rooms = new Map<string, Room>()
  const announce = (room: Room) => deliver(room, { type: "presence", count: room.members.size })
  return {
    join: async (topic, member) => {
      const { room } = roomOf(rooms, topic)
      room.members.add(member)
      announce(room)
    },
    leave: async (topic, member) => {
      const id = topicId(topic)
      const room = rooms.get(id)
      if (room === undefined || !room.members.delete(member)) return
      if (room.members.size === 0) rooms.delete(id)
      else announce(room)
    },
    typing: async (topic, from, name) => {
      const room = rooms.get(topicId(topic))
      if (room !== undefined) deliver(room, { type: "typing", name }, from.id)
    },
    close: async () => {
      rooms.clear()
    },
  }
}

type Wire = { readonly t: "p" } | { readonly t: "t"; readonly name: string; readonly from: string }

/**
 * Presence across processes on Redis: a hash per thread and pub/sub.
 *
 * @since 0.1.0
 * @category constructors
 */
export const redis = async (options: RedisPresenceOptions): Promise<Presence> => {
  const ttl = options.ttlMs ?? 30_000
  const onError = options.onError ?? (() => {})
  const settings = { lazyConnect: true, maxRetriesPerRequest: 2, enableAutoPipelining: true }
  const client = new Redis(options.url, settings)
  const subscriber = new Redis(options.url, settings)
  client.on("error", onError)
  subscriber.on("error", onError)
  await Promise.all([client.connect(), subscriber.connect()])
  const processId = randomUUID()
  const rooms = new Map<string, Room>()
  const keyOf = (id: string) => {
    const [site, thread] = id.split(":") as [string, string]
    return `${options.prefix}{${site}}:presence:${thread}`
  }
  const channelOf = (id: string) => {
    const [site, thread] = id.split(":") as [string, string]
    return `${options.prefix}{${site}}:rt:${thread}`
  }
  const byChannel = new Map<string, string>()

  /** Writes this process's count of a thread. */
  const write = async (id: string, count: number) => {
    const key = keyOf(id)
    if (count === 0) await client.hdel(key, processId)
    else
      await client
        .multi()
        .hset(key, processId, `${count}:${Date.now() + ttl}`)
        .pexpire(key, ttl * 2)
        .exec()
  }
  /** Sums the live counts of a thread, dropping expired ones. */
  const total = async (id: string) => {
    const key = keyOf(id)
    const fields = await client.hgetall(key)
    const now = Date.now()
    let sum = 0
    const expired: Array<string> = []
    for (const [field, value] of Object.entries(fields)) {
      const [count, until] = value.split(":").map(Number) as [number, number]
      if (until > now && Number.isFinite(count)) sum += count
      else expired.push(field)
    }
    if (expired.length > 0) await client.hdel(key, ...expired)
    return sum
  }
  const pending = new Set<string>()
  /** Re-reads a thread's total soon (coalescing a burst of joins) and tells local sockets if it changed. */
  const recount = (id: string, force = false) => {
    if (pending.has(id)) return
    pending.add(id)
    setTimeout(() => {
      pending.delete(id)
      const room = rooms.get(id)
      if (room === undefined) return
      total(id).then((count) => {
        if (!force && count === room.count) return
        room.count = count
        deliver(room, { type: "presence", count })
      }, onError)
    }, 5)
  }
  subscriber.on("message", (channel: string, text: string) => {
    const id = byChannel.get(channel)
    const room = id === undefined ? undefined : rooms.get(id)
    if (id === undefined || room === undefined) return
    let wire: Wire
    try {
      wire = JSON.parse(text) as Wire
    } catch {
      return
    }
    if (wire.t === "p") recount(id, true)
    else if (wire.t === "t" && typeof wire.name === "string")
      deliver(room, { type: "typing", name: wire.name }, wire.from)
  })
  const publish = (id: string, wire: Wire) => client.publish(channelOf(id), JSON.stringify(wire))

  const heartbeat = setInterval(
    () => {
      for (const [id, room] of rooms) {
        write(id, room.members.size).then(() => recount(id), onError)
      }
    },
    Math.max(Math.floor(ttl / 3), 50),
  )
  heartbeat.unref()

  return {
    join: async (topic, member) => {
      const { id, room, opened } = roomOf(rooms, topic)
      if (opened) {
        byChannel.set(channelOf(id), id)
        // subscribed before anyone is told, so this process hears every later change
        await subscriber.subscribe(channelOf(id))
      }
      room.members.add(member)
      await write(id, room.members.size)
      await publish(id, { t: "p" })
    },
    leave: async (topic, member) => {
      const id = topicId(topic)
      const room = rooms.get(id)
      if (room === undefined || !room.members.delete(member)) return
      await write(id, room.members.size)
      if (room.members.size === 0) {
        rooms.delete(id)
        byChannel.delete(channelOf(id))
        await subscriber.unsubscribe(channelOf(id))
      }
      await publish(id, { t: "p" })
    },
    typing: async (topic, from, name) => {
      await publish(topicId(topic), { t: "t", name, from: from.id })
    },
    close: async () => {
      clearInterval(heartbeat)
      const ids = [...rooms.keys()]
      rooms.clear()
      await Promise.allSettled(
        ids.map(async (id) => {
          await client.hdel(keyOf(id), processId)
          await publish(id, { t: "p" })
        }),
      )
      subscriber.disconnect()
      await client.quit().catch(() => client.disconnect())
    },
  }
}
