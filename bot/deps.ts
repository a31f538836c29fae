import type { Config } from "../services/config.ts";
import type { Db } from "../services/db.ts";
import type { Logger } from "../services/logger.ts";
import type { Clock } from "../core/clock.ts";
import type { Outbox } from "../services/outbox.ts";

/** Everything a handler needs, put on the context by the factory: no globals, no side effects at import. */
export interface BotDeps {
  config: Config;
  db: Db;
  logger: Logger;
  clock: Clock;
  /** messages the bot sends on its own, and every notification to someone other than the sender */
  outbox: Outbox;
  /** where evidence files are kept (under the data directory) */
  storageDir: string;
  /** the bot's @username once known (for links to the private chat and invites) */
  botUsername?: string | undefined;
  /** tests only (unset in production): called at named steps, where a test can stop the bot for good to play a crash */
  faults?: ((point: string) => Promise<void> | void) | undefined;
}
