public import JiazhouCore
public import JiazhouStorage
import JiazhouStore
import Foundation

extension LedgerService {
    /// Writes the canonical entries of the ledger file at `path`, opened
    /// read-only, one line each (`jiazhou export`).
    public static func export(path: String, to output: (_ line: [UInt8]) throws -> Void) throws(LedgerError) {
        try export(store: openStore(path: path, readonly: true), to: output)
    }

    /// Writes every entry's canonical bytes, one per line, in seq order.
    /// Each line hashed as H(0x00 ‖ line), H the hash of the ledger's suite,
    /// is that entry's leaf hash.
    public static func export(store: any LedgerStorage, to output: (_ line: [UInt8]) throws -> Void) throws(LedgerError) {
        try store.read { reader in
            try reader.forEachEntry(in: 0..<Int64.max) { _, bytes, _ in try output(bytes + [0x0A]) }
        }
    }

    /// How an import ended.
    public struct ImportSummary: Sendable {
        public var size: Int64
        public var root: Hash
        public var head: Hash
        public var signed: Bool
    }

    /// Replays exported lines into a new ledger at `path`. Each line must be
    /// an entry in canonical form, in seq order, chained by `prev`; the first
    /// bad line is refused with its line number and the new files are removed.
    /// Every hash is the hash suite's that the first line, the genesis
    /// entry, names, so the copy has the same root and head.
    /// With the original key, the result is checkpointed and writable;
    /// without it, it can be verified and read but not written.
    public static func importLedger(
        path: String, keyPath: String?, lines: some Sequence<Result<[UInt8], LedgerError>>
    ) throws(LedgerError) -> ImportSummary {
        var iterator = lines.makeIterator()
        guard let first = iterator.next() else { throw LedgerError(.invalid_request, "the import is empty: no entries") }
        let suite = try importedSuite(first)
        let store = try createStore(path: path, suite: suite)
        do {
            let summary = try replay(into: store, first: first, rest: &iterator)
            var signed = false
            if let keyPath {
                let signer = try KeyFile.read(path: keyPath, suite: suite)
                let recorded = try store.read { try $0.meta("verifier_key") }
                guard recorded == signer.verifier.verifierKey else {
                    throw LedgerError(.ledger_invalid, "the key \(keyPath) is not the key named in the imported genesis")
                }
                let checkpoint = Checkpoint(origin: signer.name, size: summary.size, root: summary.root)
                let note = try signer.signNote(checkpoint.body)
                try store.writeNow { try $0.storeCheckpoint(size: checkpoint.size, root: checkpoint.root, note: note) }
                // A PostgreSQL ledger's key stays the file given (--key); a SQLite copy gets its own beside it.
                if !isPostgresURL(path) { try KeyFile.write(signer, path: KeyFile.defaultPath(forDatabase: path)) }
                signed = true
            }
            return ImportSummary(size: summary.size, root: summary.root, head: summary.last, signed: signed)
        } catch {
            // A PostgreSQL database is not ours to drop: what was replayed stays, and the message says so.
            guard !isPostgresURL(path) else {
                let failure = StorageErrors.describe(error)
                throw LedgerError(failure.reason, "\(failure.message) (the database now holds a partial import: drop and re-create it before trying again)", cause: failure.cause)
            }
            for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            throw StorageErrors.describe(error)
        }
    }

    /// Rows appended per transaction during an import.
    static let importChunk = 10_000

    /// The hash suite named by the first line's genesis entry. A first line
    /// that is not a genesis gets the default suite here and is refused by
    /// the replay (or by `verify`), as before there were suites.
    private static func importedSuite(_ first: Result<[UInt8], LedgerError>) throws(LedgerError) -> HashSuite {
        let entry: Entry
        do { entry = try Entry(canonicalBytes: try first.get()) } catch {
            throw LedgerError(error.reason, "line 1: \(error.message)", cause: error.cause)
        }
        guard entry.kind == .genesis, let name = entry.data["suite"]?.stringValue else { return .sha256Ed25519 }
        do { return try SuiteCatalog.standard.suite(named: name) } catch {
            throw LedgerError(.ledger_invalid, "line 1: the genesis names the hash suite \"\(name)\", which this build of jiazhou cannot use: \(error.message)", cause: error.cause)
        }
    }

    private static func replay(
        into store: any LedgerStorage, first: Result<[UInt8], LedgerError>, rest iterator: inout some IteratorProtocol<Result<[UInt8], LedgerError>>
    ) throws(LedgerError) -> LedgerHead {
        var pending: Result<[UInt8], LedgerError>? = first
        var lineNumber = 0
        var done = false
        var head = LedgerHead.empty(suite: store.suite)
        while !done {
            head = try store.writeNow { writer in
                for _ in 0..<importChunk {
                    guard let next = pending ?? iterator.next() else {
                        done = true
                        break
                    }
                    pending = nil
                    lineNumber += 1
                    do {
                        let sealed = try Entry.unseal(try next.get(), using: writer.suite)
                        guard sealed.entry.seq == writer.head.size else {
                            throw LedgerError(.ledger_invalid, "expected seq \(writer.head.size), found \(sealed.entry.seq)")
                        }
                        guard sealed.entry.prev == writer.head.last else {
                            throw LedgerError(.ledger_invalid, "prev is not the leaf hash of the line before")
                        }
                        try writer.append(sealed.entry)
                    } catch {
                        let failure = StorageErrors.describe(error)
                        throw LedgerError(failure.reason, "line \(lineNumber): \(failure.message)", cause: failure.cause)
                    }
                }
                return writer.head
            }
        }
        guard head.size > 0 else { throw LedgerError(.invalid_request, "the import is empty: no entries") }
        return head
    }
}
