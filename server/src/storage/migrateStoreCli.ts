// `npm run migrate-store -- --from ./data --to postgres://user@host/db [--schema name] [--allow-non-empty]`:
// moves every board of a SQLite DATA_DIR into PostgreSQL (migrateStore.ts; docs/deploy.md, "Moving
// from SQLite to PostgreSQL"). Exits 0 after a verified copy, 1 with the reason otherwise, 2 on bad arguments.
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { migrateSqliteToPostgres, TABLES } from './migrateStore.ts';
import { redactDatabaseUrl } from './PostgresBoardStore.ts';

const USAGE = `Moves every board from a SQLite store into a PostgreSQL schema.

  npm run migrate-store -- --from <DATA_DIR> --to <postgres://...> [--schema <name>] [--allow-non-empty]

  --from             the DATA_DIR the server used (holds boards.sqlite); it is only read
  --to               the target database (default: DATABASE_URL)
  --schema           the target schema, created if missing (default: DATABASE_SCHEMA, else public)
  --allow-non-empty  copy into a schema that has boards already; boards it has are skipped

Stop the server first. Afterwards start it with DATABASE_URL (and DATABASE_SCHEMA) set, and the same
DATA_DIR or at least the same link.key / LINK_KEY, so the existing links can still be shown.`;

async function main(argv: string[]): Promise<number> {
  let args;
  try {
    args = parseArgs({
      args: argv,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        schema: { type: 'string' },
        'allow-non-empty': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
    }).values;
  } catch (err) {
    console.error(`${(err as Error).message}\n\n${USAGE}`);
    return 2;
  }
  if (args.help) {
    console.log(USAGE);
    return 0;
  }
  const to = args.to ?? process.env.DATABASE_URL;
  const schema = args.schema ?? (process.env.DATABASE_SCHEMA || undefined);
  if (!args.from || !to) {
    console.error(`${!args.from ? '--from' : '--to (or DATABASE_URL)'} is required.\n\n${USAGE}`);
    return 2;
  }
  const where = `${redactDatabaseUrl(to)}, schema ${schema ?? 'public'}`;
  console.log(`Moving boards from ${args.from} to ${where}`);
  try {
    const summary = await migrateSqliteToPostgres({ from: args.from, to, schema, allowNonEmpty: args['allow-non-empty'], progress: (line) => console.log(line) });
    console.log('');
    console.log(`${'table'.padEnd(18)} ${'source'.padStart(8)} ${'copied'.padStart(8)}`);
    for (const t of TABLES) console.log(`${t.padEnd(18)} ${String(summary.source[t]).padStart(8)} ${String(summary.added[t]).padStart(8)}`);
    console.log('');
    console.log(`Done: ${summary.copied.length} board(s) copied and verified${summary.skipped.length ? `, ${summary.skipped.length} already in the target and skipped (${summary.skipped.join(', ')})` : ''}.`);
    console.log(`The SQLite store in ${args.from} is unchanged. Start the server with DATABASE_URL${schema ? ` and DATABASE_SCHEMA=${schema}` : ''} to serve them from PostgreSQL.`);
    if (!process.env.LINK_KEY && fs.existsSync(path.join(args.from, 'link.key'))) {
      console.log(`The links were sealed with ${path.join(args.from, 'link.key')}: keep that DATA_DIR, or set LINK_KEY to its content on every instance, so facilitators can still be shown them.`);
    }
    return 0;
  } catch (err) {
    console.error(`Failed: ${err instanceof Error ? err.message : String(err)}`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
