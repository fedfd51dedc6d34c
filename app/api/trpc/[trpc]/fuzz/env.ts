/**
 * Imported first by the fuzz test, before anything reads the environment: API rate limits far above what the fuzz
 * sends, so it meets the validation and access paths, not 429s. `TRPC_MAX_BATCH` keeps its default on purpose:
 * the fuzz sends batches within it and beyond it.
 */
process.env.API_RATE_LIMIT_PER_IP = "1000000";
process.env.API_RATE_LIMIT_PER_USER = "1000000";
