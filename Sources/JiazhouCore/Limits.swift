/// Every limit of the ledger, in one place (TigerBeetle's "put a limit on
/// everything"). Each is enforced where input enters, with a clear error.
public enum Limits {
    /// Largest integer JSON carries exactly (2^53): points and counts stay within ±this.
    public static let maxSafeInteger: UInt64 = 1 << 53
    /// Deepest nesting accepted in any JSON text.
    public static let jsonDepth = 64
    /// Longest account or principal id, in bytes.
    public static let accountIDBytes = 128
    /// Longest idempotency key, in bytes (PROTOCOL.md).
    public static let idempotencyKeyBytes = 128
    /// Most postings in one entry.
    public static let postingsPerEntry = 64
    /// Longest free-text field (a reason, a note, an item), in bytes.
    public static let textBytes = 1024
    /// How long a write waits for another process's write transaction (a
    /// long sheet import in `jiazhou award import` beside a `serve`) before
    /// it is refused `storage_unavailable`. A sheet holds the ledger for about
    /// its rows ÷ the import rate (README, "Award a sheet"); reads never wait.
    public static let lockWaitSeconds: Double = 30
    /// An activity's title (活动名称), as printed on a certificate.
    public static let activityTitleBytes = 200
    /// Most tags on an account or an activity.
    public static let tags = 32
    /// Longest service, in minutes, that one activity may claim for one volunteer (a day).
    public static let minutesPerActivity: Int64 = 24 * 60
    /// Largest canonical entry, in bytes: what a tlog-tiles entry bundle
    /// can hold behind its 16-bit length (SPEC §15).
    public static let entryBytes = 65_535
    /// Most entries an `account.history` page returns.
    public static let historyPage = 1000
    /// Most participants in one `award.batch` request: one request is one
    /// transaction of the commit group; a bigger sheet goes through
    /// `jiazhou award import`, which streams it.
    public static let batchParticipants = 10_000
    /// Most entries one volunteer's statement holds.
    public static let statementEntries = 100_000
    /// Most bytes of the statement a certificate keeps (its snapshot): a
    /// volunteer with thousands of entries fits, and one row stays a row.
    public static let certificateStatementBytes = 8 * 1024 * 1024
    /// Largest answer read from a witness's `add-checkpoint` (its cosignature
    /// lines: about 130 bytes each).
    public static let cosignatureResponseBytes = 16 * 1024
    /// Most witnesses one ledger submits to, and most witnesses one verifier
    /// is given: each is a loop and a request per checkpoint.
    public static let witnesses = 32
    /// Largest `add-checkpoint` body a witness reads: 63 proof lines and a
    /// note with up to ``SignedNote``'s 100 signature lines fit well within it.
    public static let witnessBodyBytes = 64 * 1024
    /// Most consistency proof lines in one `add-checkpoint` (c2sp.org/tlog-witness's limit).
    public static let witnessProofLines = 63
    /// Longest witness key name, in UTF-8 bytes (a schema-less URL).
    public static let witnessNameBytes = 256
    /// Most logs one witness is configured with.
    public static let witnessedLogs = 1000
    /// Longest rule-set document, in bytes.
    public static let ruleSetBytes = 256 * 1024

    /// Longest expression (CEL) source, in UTF-8 bytes. A rule's condition is a
    /// line or two; 4 KiB leaves room for long tag lists without letting a
    /// document smuggle in a program.
    public static let expressionSourceBytes = 4096

    /// Deepest nesting of an expression's syntax tree (and of parentheses,
    /// brackets and calls while parsing). The parser, checker and evaluator
    /// recurse once per level, so this bounds their stack use. CEL requires
    /// implementations to accept at least 32 levels and 32 operators in a row;
    /// 64 covers both.
    public static let expressionDepth = 64

    /// Steps one evaluation may take: one per node evaluated, one more per
    /// element a macro visits, and the size of every value read whole (the
    /// operands of list concatenation, of `in` on a list and of `==` between
    /// lists or maps, and a list or map result), and one per 16 bytes of every
    /// string a function, a comparison or a map lookup reads. Nested macros are CEL's way
    /// to explode; this turns an explosion into an error instead of a hang.
    /// A typical rule takes under 50.
    public static let expressionSteps = 10_000
}
