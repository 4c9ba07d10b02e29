/// The names of the schema's migrations, in order: one list for every
/// backend (SQLite's GRDB migrator and PostgreSQL's own table of applied
/// versions), so that a version means the same tables on both. Append-only:
/// a shipped name is never edited or removed.
public enum SchemaVersions {
    public static let all = [
        "v1-ledger", "v2-rules", "v3-tokens", "v4-redemption", "v5-lot-expiry", "v6-account-status", "v7-redemption-code-expiry", "v8-catalogue",
        "v9-cosignatures", "v10-certificates", "v11-cosignature-keys", "v12-open-lots-covering",
    ]

    /// The value of `meta.format`: what marks a database as a Jiazhou ledger.
    public static let format = "jiazhou-ledger/1"
}
