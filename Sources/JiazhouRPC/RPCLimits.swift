/// The limits of the JSON-RPC transport, in one place (STYLE.md, convention 7).
///
/// They live here rather than in `JiazhouCore.Limits` because only this
/// transport reads lines; each is enforced where input enters, with a clear error.
public enum RPCLimits {
    /// Longest request line, in bytes without its `\n` (PROTOCOL.md: 16 MiB).
    /// Longer lines are answered with −32600 / `too_large` and skipped
    /// without being buffered. `jiazhou rpc --max-line` overrides it.
    public static let defaultMaxLineBytes = 16 * 1024 * 1024
    /// Smallest `--max-line` accepted: room for any ordinary request.
    public static let minMaxLineBytes = 256
    /// Largest `--max-line` accepted: one line is held whole in memory.
    public static let maxMaxLineBytes = 1024 * 1024 * 1024
    /// Most calls read ahead and not yet answered. Bounds memory, and is
    /// also the largest group of writes the reader can hand to one commit.
    public static let callsInFlight = 4096
    /// Most bytes of request lines read ahead and not yet answered (one line
    /// is always admitted, however long, so that the stream never stalls).
    public static let bytesInFlight = 64 * 1024 * 1024
    /// Most requests in one batch array.
    public static let batchCalls = 4096
    /// Bytes read from the input at a time.
    static let readChunkBytes = 64 * 1024
    /// Responses buffered before they are written out even though more are coming.
    static let outputBufferBytes = 64 * 1024
}
