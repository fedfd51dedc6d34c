/**
 * The process scripts/launch.ts starts for `npm run db:backup` and `npm run db:restore` (with the server-only hook,
 * as for the worker, since the backup code writes through the engine). The commands are in scripts/backup-cli.ts.
 */
import { runBackupCommand } from "./backup-cli";

process.exit(await runBackupCommand(process.argv.slice(2)));
