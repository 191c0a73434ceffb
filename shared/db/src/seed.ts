import { readFortunes } from '@repo/fixtures';
import type { Driver } from './database.js';
import { SCHEMA_SQL, SEED_FORTUNES_SQL } from './sql.js';

/** (Re)creates both tables: 10,000 random worlds and the 12 fortunes of @repo/fixtures. */
export async function seed(driver: Driver): Promise<void> {
  const fortunes = await readFortunes();
  await driver.exec(SCHEMA_SQL);
  await driver.query(SEED_FORTUNES_SQL, [fortunes.map((f) => f.id), fortunes.map((f) => f.message)]);
}
