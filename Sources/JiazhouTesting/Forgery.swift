public import JiazhouCore
public import JiazhouService
public import JiazhouStorage

/// What a forger with write access to the database can do: take the
/// entries, change them, and recompute every `prev` and leaf hash, so that
/// the result is a structurally perfect ledger. Tests use it to show that
/// semantic checks catch what hashes alone cannot.
public enum Forgery {
    /// The ledger's entries, decoded.
    public static func entries(of service: LedgerService) throws -> [Entry] {
        var entries: [Entry] = []
        try LedgerService.export(store: service.store) { entries.append(try Entry(canonicalBytes: Array($0.dropLast()))) }
        return entries
    }

    /// `entries` re-chained with `suite`'s hash and imported into a new
    /// ledger at `path`, opened read-only.
    public static func rechained(_ entries: [Entry], at path: String, suite: HashSuite = .sha256Ed25519) throws -> any LedgerStorage {
        var previous = Hash.zero
        var lines: [Result<[UInt8], LedgerError>] = []
        for var entry in entries {
            entry.prev = previous
            let sealed = entry.sealed(using: suite)
            previous = sealed.leafHash
            lines.append(.success(sealed.bytes))
        }
        _ = try LedgerService.importLedger(path: path, keyPath: nil, lines: lines)
        return try LedgerService.openStore(path: path, readonly: true)
    }
}
