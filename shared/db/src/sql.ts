/**
 * Every SQL statement, written once and run unchanged by both drivers (PostgreSQL and PGlite), so
 * the embedded database answers exactly what the real one does. Columns are lower case in the table
 * and aliased to TechEmpower's JSON names, so a row is already the response object.
 */

/** Schema and world seed: one `INSERT … SELECT generate_series`, not 10,000 round trips. */
export const SCHEMA_SQL = `
DROP TABLE IF EXISTS world;
DROP TABLE IF EXISTS fortune;
CREATE TABLE world (id integer PRIMARY KEY, randomnumber integer NOT NULL);
CREATE TABLE fortune (id integer PRIMARY KEY, message varchar(2048) NOT NULL);
INSERT INTO world (id, randomnumber)
  SELECT i, 1 + floor(random() * 10000)::integer FROM generate_series(1, 10000) AS i;
`;

/** The fortune rows come from @repo/fixtures as two arrays: the data lives in one file only. */
export const SEED_FORTUNES_SQL =
  'INSERT INTO fortune (id, message) SELECT * FROM unnest($1::integer[], $2::varchar[])';

export const SELECT_WORLD_SQL = 'SELECT id, randomnumber AS "randomNumber" FROM world WHERE id = $1';

/**
 * One statement for the whole batch. Callers pass ids unique and sorted: two concurrent batches then
 * lock their rows in the same order and cannot deadlock, and no row appears twice in the join (which
 * would make the value written unpredictable).
 */
export const UPDATE_WORLDS_SQL =
  'UPDATE world SET randomnumber = v.r FROM unnest($1::integer[], $2::integer[]) AS v(id, r) WHERE world.id = v.id';

export const SELECT_FORTUNES_SQL = 'SELECT id, message FROM fortune';
