/**
 * The schema's versions, in code, in order; Kysely's Migrator applies the ones a database lacks at
 * start and records them in its `kysely_migration` table. A released migration never changes: a
 * change to the schema is a new migration. A migration only adds (tables, nullable or defaulted
 * columns, indexes): during a rolling upgrade, hosts still running the previous version keep
 * reading and writing the schema the first upgraded host migrated (see migrationPlan() in
 * connect.ts).
 */
import { sql, type Kysely, type Migration, type MigrationProvider } from 'kysely';

/** Writes go through the typed queries; migrations only need the schema builder. */
type SchemaDatabase = Kysely<unknown>;

const MIGRATIONS: Record<string, Migration> = {
	'0001-questions-and-votes': {
		async up(db: SchemaDatabase) {
			await db.schema
				.createTable('questions')
				.addColumn('id', 'text', (c) => c.primaryKey())
				.addColumn('asked_at', 'bigint', (c) => c.notNull())
				.addColumn('guild_id', 'text', (c) => c.notNull())
				.addColumn('question', 'text', (c) => c.notNull())
				.addColumn('normalized', 'text', (c) => c.notNull())
				.addColumn('outcome', 'text', (c) => c.notNull())
				.addColumn('confidence', 'double precision', (c) => c.notNull())
				.addColumn('candidates', 'text', (c) => c.notNull())
				.addColumn('answer_document', 'text')
				.addColumn('answer_title', 'text')
				.addColumn('answer_kind', 'text')
				.addColumn('knowledge_version', 'text', (c) => c.notNull())
				.addColumn('resolution', 'text')
				.addColumn('resolved_at', 'bigint')
				.execute();
			await db.schema.createIndex('questions_asked_at').on('questions').column('asked_at').execute();
			await db.schema
				.createIndex('questions_outcome_asked_at')
				.on('questions')
				.columns(['outcome', 'asked_at'])
				.execute();
			await db.schema
				.createTable('votes')
				.addColumn('question_id', 'text', (c) => c.notNull())
				.addColumn('voter', 'text', (c) => c.notNull())
				.addColumn('vote', 'integer', (c) => c.notNull().check(sql`vote in (1, -1)`))
				.addColumn('voted_at', 'bigint', (c) => c.notNull())
				.addPrimaryKeyConstraint('votes_pk', ['question_id', 'voter'])
				.execute();
			await db.schema.createIndex('votes_voted_at').on('votes').column('voted_at').execute();
		},
		async down(db: SchemaDatabase) {
			await db.schema.dropTable('votes').execute();
			await db.schema.dropTable('questions').execute();
		},
	},
	/**
	 * `/unanswered` and `/stats` on Discord read one guild's records of a period: without this index
	 * each of them read every guild's records of the period and dropped the others'. One index
	 * serves the three queries (abstentions, counts by outcome, votes by topic); an index by guild,
	 * outcome and time as well gained nothing measurable (300,000 records in 200 guilds, SQLite).
	 * On PostgreSQL the migration's transaction holds writes to the table while the index is
	 * built (0.3 s for those 300,000 records here): the recorder's writes wait that long, replies never do.
	 */
	'0002-questions-by-guild': {
		async up(db: SchemaDatabase) {
			await db.schema
				.createIndex('questions_guild_asked_at')
				.on('questions')
				.columns(['guild_id', 'asked_at'])
				.execute();
		},
		async down(db: SchemaDatabase) {
			await db.schema.dropIndex('questions_guild_asked_at').execute();
		},
	},
	/**
	 * Why the engine abstained, so that the review of unanswered questions can say what would
	 * answer each: a new entry (no topic came close) or an alternate (one nearly did). Nullable:
	 * hosts still on the previous version write records without it.
	 */
	'0003-abstention-reason': {
		async up(db: SchemaDatabase) {
			await db.schema.alterTable('questions').addColumn('abstention', 'text').execute();
		},
		async down(db: SchemaDatabase) {
			await db.schema.alterTable('questions').dropColumn('abstention').execute();
		},
	},
};

export const migrationProvider: MigrationProvider = {
	getMigrations: () => Promise.resolve(MIGRATIONS),
};
