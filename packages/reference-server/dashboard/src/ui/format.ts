/** How the dashboard writes dates, numbers and money. */
import { timeAgo } from "@kommies/client"

const dateTime = new Intl.DateTimeFormat(undefined, { dateStyle: "medium", timeStyle: "short" })
const date = new Intl.DateTimeFormat(undefined, { dateStyle: "medium" })
const number = new Intl.NumberFormat()

export const formatDateTime = (ms: number) => dateTime.format(ms)
export const formatDate = (ms: number) => date.format(ms)
export const formatNumber = (n: number) => number.format(n)
export const ago = (ms: number) => timeAgo(ms, Date.now(), navigator.language || "en")
export const formatMoney = (cents: number, currency = "usd") =>
  new Intl.NumberFormat(undefined, { style: "currency", currency: currency.toUpperCase() }).format(
    cents / 100,
  )
