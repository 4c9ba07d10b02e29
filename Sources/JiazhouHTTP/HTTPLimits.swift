/// The HTTP transport's limits (the ledger's own are in ``JiazhouCore/Limits``).
public enum HTTPLimits {
    /// Largest request body accepted by default, in bytes: a JSON request is a
    /// few hundred bytes; a bulk award of thousands of participants fits.
    public static let defaultMaxBodyBytes = 1 << 20
    /// The smallest `--max-body` that `serve` accepts.
    public static let minMaxBodyBytes = 1024
    /// The largest `--max-body` that `serve` accepts.
    public static let maxMaxBodyBytes = 64 << 20
    /// Largest sheet (`POST /v1/sheets`) accepted by default, in bytes: the
    /// body is held in memory while it is read, and 8 MiB is some 150,000
    /// rows of a sign-in sheet (a street's busiest month is a few thousand);
    /// a bigger sheet goes through `jiazhou award import`, which streams.
    public static let defaultMaxSheetBytes = 8 << 20
    /// Rows of a sheet listed back one by one (for the page's table); the
    /// rest are counted. Each is about 60 bytes of JSON.
    public static let sheetListedRows = 5_000
}
