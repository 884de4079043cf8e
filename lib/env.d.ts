/** Set at build time (wxt.config.ts): true only in the benchmark's build (`npm run bench`). */
interface ImportMetaEnv {
  readonly VEILLE_BENCH: boolean;
}
