// Times are stored in UTC and shown in Hong Kong, which has had no daylight saving since 1979.
export const HONG_KONG_TIME_ZONE = 'Asia/Hong_Kong';
const HONG_KONG_OFFSET_MS = 8 * 60 * 60 * 1000;

/** ISO 8601 with the Hong Kong offset, e.g. 2026-12-01T19:30:00+08:00. */
export function toHongKongIso(date: Date): string {
  const local = new Date(date.getTime() + HONG_KONG_OFFSET_MS);
  return `${local.toISOString().slice(0, 19)}+08:00`;
}
