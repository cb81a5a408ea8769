import 'reflect-metadata';
import { loadHubConfig } from '../config/hub.config.js';
import { createHubApp } from './bootstrap.js';
import { resolveDatabase } from './database/resolve-database.js';

const config = loadHubConfig();
const database = await resolveDatabase(config);
const app = await createHubApp(config, database.url);
await app.listen(config.PORT);
process.stdout.write(
  `Civil-status hub listening on http://localhost:${config.PORT} (OpenAPI: /api/docs; database: ${database.description})\n`,
);
const stop = async (): Promise<void> => {
  await app.close();
  await database.stop();
  process.exit(0);
};
process.once('SIGINT', () => void stop());
process.once('SIGTERM', () => void stop());
