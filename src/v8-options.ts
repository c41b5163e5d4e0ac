/**
 * The V8 options the bot's processes run with: `npm start` and `npm run start:sharded` pass them
 * to `node` (package.json; a test holds the two to this list), the shard manager passes them to
 * its shard processes, and the scale benchmark measures with them.
 *
 * `--max-semi-space-size=4`: V8's young generation, where new objects start, grows from 2 × 1 MiB
 * up to 2 × 16 MiB while the bot loads its modules and indexes the knowledge, and then keeps that
 * size (V8 shrinks it only after it has been idle for a while). Semi-spaces of at most 4 MiB keep
 * it at 8 MiB: about 8 MiB less for the bot before any knowledge and 25–40 MiB less right after
 * loading 100,000 entries (`npm run bench`), for 5–10% more indexing time and ~10 ms more
 * collection in a /reload of a 0.7 MiB file; a question's answer allocates a few kilobytes, far
 * below either size. Worker threads run with the same limit: V8 lets this option override a
 * worker's `resourceLimits`, so parse workers cannot be given a larger one.
 */
export const BOT_V8_OPTIONS: readonly string[] = ['--max-semi-space-size=4'];
