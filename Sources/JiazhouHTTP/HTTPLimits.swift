/// The HTTP transport's limits (the ledger's own are in ``JiazhouCore/Limits``).
public enum HTTPLimits {
    /// Largest request body accepted by default, in bytes: a JSON request is a
    /// few hundred bytes; a bulk award of thousands of participants fits.
    public static let defaultMaxBodyBytes = 1 << 20
    /// The smallest `--max-body` that `serve` accepts.
    public static let minMaxBodyBytes = 1024
    /// The largest `--max-body` that `serve` accepts.
    public static let maxMaxBodyBytes = 64 << 20
}
