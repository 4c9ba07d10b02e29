import GRDB
import JiazhouStorage

/// The database schema, as named migrations. A shipped migration is never
/// edited: a change is a new migration appended here.
///
/// The schema is the last line of defence: CHECK constraints make a negative
/// volunteer, merchant or sink balance impossible even for a buggy caller,
/// and a wrong-length hash or a negative seq cannot be stored. A gap in seq
/// is not the schema's to refuse (a CHECK sees one row): the writer seals
/// each entry at the head (`TransactionRows.seal`), and verify finds one.
enum Schema {
    /// The value of `meta.format`: what marks a database as a Jiazhou ledger.
    static let format = SchemaVersions.format

    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-ledger") { db in
            try db.execute(sql: """
                CREATE TABLE meta (
                    name TEXT PRIMARY KEY NOT NULL,
                    value TEXT NOT NULL
                ) WITHOUT ROWID;

                CREATE TABLE entries (
                    seq INTEGER PRIMARY KEY CHECK (seq >= 0),
                    leaf_hash BLOB NOT NULL CHECK (length(leaf_hash) = 32),
                    bytes BLOB NOT NULL CHECK (length(bytes) > 0)
                );

                -- Roots of complete subtrees of the Merkle tree (level >= 1; leaves
                -- are entries.leaf_hash), written with the entry that completes them.
                CREATE TABLE subtrees (
                    level INTEGER NOT NULL CHECK (level >= 1),
                    idx INTEGER NOT NULL CHECK (idx >= 0),
                    hash BLOB NOT NULL CHECK (length(hash) = 32),
                    PRIMARY KEY (level, idx)
                ) WITHOUT ROWID;

                CREATE TABLE accounts (
                    id TEXT PRIMARY KEY NOT NULL,
                    kind TEXT NOT NULL CHECK (kind IN ('volunteer','merchant','issuer','sink','coordinator','operator')),
                    scope TEXT NOT NULL,
                    tags TEXT NOT NULL,
                    budget INTEGER CHECK (budget IS NULL OR budget >= 0),
                    opened_seq INTEGER NOT NULL REFERENCES entries(seq) DEFERRABLE INITIALLY DEFERRED,
                    balance INTEGER NOT NULL DEFAULT 0,
                    earned INTEGER NOT NULL DEFAULT 0,
                    minutes INTEGER NOT NULL DEFAULT 0 CHECK (minutes >= 0),
                    CHECK (kind NOT IN ('volunteer','merchant','sink') OR balance >= 0),
                    CHECK (kind NOT IN ('coordinator','operator') OR balance = 0)
                ) WITHOUT ROWID;

                -- Every entry that concerns an account, with its net points, for history.
                CREATE TABLE movements (
                    account TEXT NOT NULL REFERENCES accounts(id),
                    seq INTEGER NOT NULL REFERENCES entries(seq),
                    points INTEGER NOT NULL,
                    PRIMARY KEY (account, seq)
                ) WITHOUT ROWID;

                CREATE TABLE reversals (
                    original_seq INTEGER PRIMARY KEY REFERENCES entries(seq),
                    reversal_seq INTEGER NOT NULL UNIQUE REFERENCES entries(seq)
                );

                CREATE TABLE rulesets (
                    version INTEGER PRIMARY KEY,
                    seq INTEGER NOT NULL UNIQUE REFERENCES entries(seq),
                    hash BLOB NOT NULL CHECK (length(hash) = 32),
                    text TEXT NOT NULL
                );

                CREATE TABLE idempotency (
                    actor TEXT NOT NULL,
                    key TEXT NOT NULL,
                    request_hash BLOB NOT NULL CHECK (length(request_hash) = 32),
                    result BLOB NOT NULL,
                    PRIMARY KEY (actor, key)
                ) WITHOUT ROWID;

                CREATE TABLE checkpoints (
                    size INTEGER PRIMARY KEY CHECK (size >= 1),
                    root BLOB NOT NULL CHECK (length(root) = 32),
                    note TEXT NOT NULL
                );

                -- Personal data, kept off the chain: the chain holds only a salted
                -- commitment, so erasing these two columns leaves it verifiable.
                CREATE TABLE profiles (
                    account TEXT PRIMARY KEY NOT NULL REFERENCES accounts(id),
                    salt BLOB NOT NULL CHECK (length(salt) = 32),
                    profile TEXT NOT NULL
                ) WITHOUT ROWID;
                """)
        }
        migrator.registerMigration("v2-rules") { db in
            try db.execute(sql: """
                -- What each volunteer has had counted per day, ISO week and month of
                -- service ('day:2026-11-23', 'week:2026-W48', 'month:2026-11'), and
                -- what each issuer has awarded per month ('budget:2026-11'): the
                -- figures caps and budgets are checked against.
                CREATE TABLE usage (
                    account TEXT NOT NULL REFERENCES accounts(id),
                    period TEXT NOT NULL,
                    points INTEGER NOT NULL CHECK (points >= 0),
                    minutes INTEGER NOT NULL CHECK (minutes >= 0),
                    PRIMARY KEY (account, period)
                ) WITHOUT ROWID;

                -- Points are earned in lots, one per award: spendable from
                -- available_ms (after the public notice), expiring at expires_ms
                -- (NULL: never); spending and expiry take the oldest first.
                CREATE TABLE lots (
                    seq INTEGER PRIMARY KEY REFERENCES entries(seq),
                    volunteer TEXT NOT NULL REFERENCES accounts(id),
                    points INTEGER NOT NULL CHECK (points > 0),
                    remaining INTEGER NOT NULL CHECK (remaining >= 0 AND remaining <= points),
                    available_ms INTEGER NOT NULL,
                    expires_ms INTEGER
                );
                CREATE INDEX lots_open_by_volunteer ON lots (volunteer, seq) WHERE remaining > 0;
                """)
        }
        TokenTable.register(in: &migrator)
        RedemptionCodeTable.register(in: &migrator)
        migrator.registerMigration("v5-lot-expiry") { db in
            // An expiry run reads the open lots whose date has passed, and
            // nothing else, however many lots the ledger holds.
            try db.execute(sql: "CREATE INDEX lots_open_by_expiry ON lots (expires_ms, seq) WHERE remaining > 0 AND expires_ms IS NOT NULL")
        }
        AccountStatusTable.register(in: &migrator)
        RedemptionCodeTable.registerExpiryIndex(in: &migrator)
        CatalogueTable.register(in: &migrator)
        CosignatureTable.register(in: &migrator)
        CertificateTable.register(in: &migrator)
        CosignatureTable.registerVerifierKey(in: &migrator)
        migrator.registerMigration("v12-open-lots-covering") { db in
            // account.get sums a volunteer's open lots on every read: with
            // every column the sum and a spend read in the index, SQLite no
            // longer seeks the table once per lot (`jiazhou bench`'s lookups,
            // volunteers of about 7 lots: 33 µs to 20 µs on average over 5
            // alternated runs).
            // Still ordered by seq within a volunteer: spending takes the oldest first.
            try db.execute(
                sql: """
                    CREATE INDEX lots_open_by_volunteer_covering ON lots (volunteer, seq, points, remaining, available_ms, expires_ms) WHERE remaining > 0;
                    DROP INDEX lots_open_by_volunteer;
                    """)
        }
        // One list of versions for every backend (PostgreSQL's migrations are named from it too).
        precondition(migrator.migrations == SchemaVersions.all, "SQLite's migrations are SchemaVersions.all, in order")
        return migrator
    }
}
