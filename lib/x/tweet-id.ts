/**
 * What a tweet's id says. Since November 2010 X's ids are "snowflakes": their upper bits are the
 * milliseconds since X's epoch, so an id dates its tweet exactly, without reading the page.
 */

/** X's epoch: 2010-11-04T01:42:54.657Z. */
const EPOCH_MS = 1_288_834_974_657;
/** The first snowflake ids (November 2010) have 17 digits; older ids are sequential and say nothing of time. */
const SNOWFLAKE = /^\d{17,19}$/;

/** When the tweet with this id was posted (ms since 1970), or undefined for an id that is not a snowflake. */
export function postedAtOf(tweetId: string): number | undefined {
  if (!SNOWFLAKE.test(tweetId)) return undefined;
  return Number(BigInt(tweetId) >> 22n) + EPOCH_MS;
}

/** The smallest snowflake id of a tweet posted at `ms` (ms since 1970) or later. */
export function snowflakeAt(ms: number): string {
  return String(BigInt(Math.max(0, Math.floor(ms - EPOCH_MS))) << 22n);
}

/**
 * Does `id` come at or after `since` in X's order? Both are snowflakes (digits only): a longer one is
 * later, and among those of one length the order of the text is the order of the numbers.
 */
export function idAtLeast(id: string, since: string): boolean {
  return id.length === since.length ? id >= since : id.length > since.length;
}
