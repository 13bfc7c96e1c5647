import { randomBytes } from 'node:crypto';
import { clockNow } from './app/context.ts';
import { prepareDemo } from './app/demo/seed.ts';
import { startTaskSweep } from './app/deadlines/sweep.ts';
import { notifierFromSettings } from './app/notifications/notifier.ts';
import { readConfig, ConfigurationError } from './config.ts';
import { openDatabase } from './db/database.ts';
import { migrateToLatest } from './db/migrate.ts';
import { createLogger } from './logger.ts';
import { buildApp } from './web/app.ts';

// Starts Accord: migrate the database, seed the demo on an empty one, serve, and on SIGTERM or SIGINT
// finish the requests in flight before closing.
async function main(): Promise<void> {
  let config;
  try {
    config = readConfig();
  } catch (error) {
    if (error instanceof ConfigurationError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(2);
    }
    throw error;
  }
  const logger = createLogger(config.logLevel);
  const db = await openDatabase({
    databaseUrl: config.databaseUrl,
    dataDirectory: config.dataDirectory,
    onConnectionError: (error) => logger.warn({ err: error }, 'an idle database connection failed; it will be replaced'),
  });
  const migrations = await migrateToLatest(db);
  logger.info({ applied: migrations.applied, database: config.databaseUrl ? 'postgresql server' : `embedded (${config.dataDirectory})` }, 'database ready');

  let demoActive = false;
  if (config.demo) {
    const password = config.demoPassword ?? randomBytes(9).toString('base64url');
    const outcome = await prepareDemo(db, clockNow, password);
    demoActive = outcome.demoAccounts > 0;
    if (outcome.seeded) logger.info('demo data seeded');
    if (outcome.passwordsSet > 0) logger.info({ accounts: outcome.passwordsSet }, 'demo password set');
    // Printed at every start, not only the first: demo accounts are given this start's password.
    if (demoActive) {
      process.stdout.write(
        `\nAccord demo: sign in as demo-admin (or any demo user) with the password: ${config.demoPassword ? '(the value of ACCORD_DEMO_PASSWORD)' : password}\n\n`,
      );
    }
  }

  const app = await buildApp({ db, logger, now: clockNow, demo: demoActive, secureCookies: config.secureCookies });
  await app.listen({ port: config.port, host: config.host });
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : config.port;
  process.stdout.write(`Accord is serving on http://localhost:${port}\n`);
  // Every five minutes: recompute passed deadlines, escalate overdue tasks, deliver notifications.
  const sweep = startTaskSweep({ db, notifier: notifierFromSettings(config, (message) => logger.warn(message)), log: logger });

  let closing = false;
  const shutdown = async (signal: string) => {
    if (closing) return;
    closing = true;
    logger.info({ signal }, 'shutting down: finishing requests in flight');
    try {
      await app.close();
      await sweep.stop();
      await db.destroy();
      logger.info('shut down cleanly');
      process.exit(0);
    } catch (error) {
      logger.error({ err: error }, 'shutdown failed');
      process.exit(1);
    }
  };
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  process.on('SIGINT', () => void shutdown('SIGINT'));
}

await main();
