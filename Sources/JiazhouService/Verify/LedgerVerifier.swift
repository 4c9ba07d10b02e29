public import JiazhouCore
import JiazhouRules
public import JiazhouStorage

/// Recomputes everything from the stored bytes and compares it with what
/// the database maintains, with the ledger's hash suite (the one its genesis
/// names): every leaf hash, every `prev`, gap-free seq,
/// canonical form, every Merkle subtree, the root and signature of every
/// checkpoint, every balance, earned total and service minutes from the
/// postings, the zero sum, the reversals, the rule sets, the usage that caps
/// and budgets count and the lots; with `semantic`, every award re-priced
/// from its recorded facts, and those facts from the chain. Each problem is
/// reported with the seq where it starts; verification never stops early.
struct LedgerVerifier {
    let reader: any LedgerReading
    let verifier: (any NoteVerifying)?
    let semantic: Bool

    var problems: [VerifyReport.Problem] = []
    var problemCount = 0
    var range: CompactRange
    var previous = Hash.zero
    var expectedSeq: Int64 = 0
    /// Every account's balance, opening, facts and movements, and the usage
    /// caps and budgets count, as the entries give them.
    var replay = ReplayState()
    /// The slots of the accounts the entry being replayed touches, in the
    /// order of its touches (`ReplayFacts.touch(_:)`).
    var touchSlots: [Int] = []
    var lots = LotBook()
    var reversals: [Int64: Int64] = [:]
    /// Each redemption's `code_hash` and lots, by seq: what its code row and its reversal must match.
    var redemptions: [Int64: (codeHash: Hash?, lots: TakenLots)] = [:]
    /// Which code each redemption used, as the code table says (by the redemption's seq).
    var usedCodes: [Int64: Hash] = [:]
    /// Each transfer's lots, by seq: what its reversal must give back.
    var transfers: [Int64: JSONValue?] = [:]
    /// Each account's status as the last `account.update` set it, and that entry's seq.
    var statuses: [AccountID: (status: String, seq: Int64)] = [:]
    /// Each merchant's catalogue as its last `account.update` set it.
    var catalogues: [AccountID: (seq: Int64, prices: [String: Int64])] = [:]
    var ruleSets: [Int64: (seq: Int64, hash: Hash, text: String)] = [:]
    var parsedRules: [Int64: RuleSet] = [:]
    var awardsRepriced = 0
    var subtrees: SubtreeCursor
    var tables = TableReplay()
    /// The genesis facts `meta` holds a copy of.
    var genesisMeta: [String: String?] = [:]

    init(reader: any LedgerReading, verifier: (any NoteVerifying)?, semantic: Bool) {
        self.reader = reader
        self.verifier = verifier
        self.semantic = semantic
        self.range = CompactRange(suite: reader.suite)
        self.subtrees = SubtreeCursor(reader: reader)
    }

    mutating func report(_ seq: Int64?, _ problem: String) {
        problemCount += 1
        if problems.count < VerifyReport.maxProblems { problems.append(.init(seq: seq, problem: problem)) }
    }

    mutating func run() throws -> VerifyReport {
        let verifierKey = try reader.meta("verifier_key")
        if verifierKey == nil { report(nil, "the database records no verifier key") }
        if let verifier, verifierKey != verifier.verifierKey {
            report(nil, "the signing key's verifier key \(verifier.verifierKey) is not the one recorded (\(verifierKey ?? "none"))")
        }
        let checkpoints = try reader.checkpoints()
        for name in ["origin", "suite"] { genesisMeta.updateValue(try reader.meta(name), forKey: name) }
        var pendingCheckpoints = checkpoints[...]
        var checkpointVerifier: (any NoteVerifying)?
        let suite = reader.suite
        if let verifierKey, !suite.isKind(ofKey: verifierKey) {
            report(nil, "the recorded verifier key is not a key of the ledger's hash suite \(suite.name) (\(suite.signatureName)), so no checkpoint can be checked")
        } else {
            do { checkpointVerifier = try verifierKey.map { key throws(LedgerError) in try suite.verifier(verifierKey: key) } } catch {
                report(nil, "the recorded verifier key is malformed, so no checkpoint can be checked: \(error.message)")
            }
        }
        let recordedSuite = try reader.meta("suite")
        let signatures = CheckpointSignatures(checkpoints, verifier: checkpointVerifier)
        replay.reserve(accounts: Int(try reader.count("accounts")))
        lots.reserve(Int(try reader.count("lots")))
        var batch: [DecodedRow] = []
        batch.reserveCapacity(Self.batchSize)
        var batchBytes = BatchBytes(capacity: Self.batchBytes)
        // The batch being decoded while the one before it is checked.
        var decoding: DecodeJob?
        // A checked batch's buffer, emptied, for a later batch to fill: a
        // new buffer for every batch was ten megabytes of fresh pages to
        // fault in and clear.
        var spareBytes: BatchBytes?
        func check(_ job: DecodeJob?, _ verifier: inout LedgerVerifier) {
            guard let job else { return }
            let rows = job.take()
            for i in rows.indices {
                verifier.check(rows[i], verifierKey: verifierKey, recordedSuite: recordedSuite)
                while let index = pendingCheckpoints.indices.first, pendingCheckpoints[index].size <= verifier.range.size {
                    pendingCheckpoints.removeFirst()
                    verifier.check(checkpoints[index], signed: signatures.result(at: index))
                }
            }
            // Handed over (`consume`): were this function still holding the
            // rows when the releasing thread dropped its reference, the
            // last release, and all the freeing, would happen here.
            spareBytes = job.emptiedBytes()
            DecodeJob.release(consume rows)
        }
        func drain(_ verifier: inout LedgerVerifier) {
            // Handed over, not shared: emptying a shared array in place
            // would copy every row first.
            var full: [DecodedRow] = []
            full.reserveCapacity(Self.batchSize)
            swap(&full, &batch)
            var fullBytes = spareBytes.take() ?? BatchBytes(capacity: Self.batchBytes)
            swap(&fullBytes, &batchBytes)
            let next = full.isEmpty ? nil : DecodeJob(full, bytes: fullBytes, suite: suite)
            check(decoding, &verifier)
            decoding = next
        }
        try reader.forEachEntryLent(in: 0..<Int64.max) { seq, bytes, storedLeafHash in
            batch.append(DecodedRow(seq: seq, bytes: bytes, storedLeafHash: storedLeafHash, into: &batchBytes))
            if batch.count == Self.batchSize { drain(&self) }
        }
        drain(&self)
        check(decoding, &self)
        decoding = nil
        for checkpoint in pendingCheckpoints {
            report(range.size.asInt64, "a checkpoint was signed at size \(checkpoint.size) but the ledger has only \(range.size) entries: entries were removed")
        }
        var subtreeProblems: [String] = []
        try subtrees.finish { subtreeProblems.append($0) }
        for problem in subtreeProblems { report(nil, problem) }
        try checkAccounts()
        try checkIndexes()
        try checkUsageAndLots()
        try checkRedemptionCodes()
        try checkTables(checkpoints: checkpoints)
        try checkAccountStatuses()
        try checkCatalogues()
        if problemCount > problems.count { report(nil, "\(problemCount - VerifyReport.maxProblems) more problems not listed") }
        defer {
            // The replayed figures, freed off this thread: freeing them
            // was a twenty-fifth of `verify`, and the report needs none.
            System.release((replay, lots, redemptions, usedCodes, transfers))
            replay = ReplayState()
            lots = LotBook()
            redemptions = [:]
            usedCodes = [:]
            transfers = [:]
        }
        return VerifyReport(
            size: range.size.asInt64, root: range.root, checkpoints: checkpoints.count, accounts: replay.openedCount, awardsRepriced: awardsRepriced,
            problems: problems, truncated: problemCount > VerifyReport.maxProblems)
    }

    /// Entries decoded together, on every core, before the sequential checks.
    static let batchSize = 8192
    /// Room for a batch's bytes: awards are ~1.2 KB, most other entries less.
    static let batchBytes = batchSize * 1_280

    mutating func check(_ row: DecodedRow, verifierKey: String?, recordedSuite: String?) {
        let seq = row.seq
        if seq != expectedSeq {
            report(expectedSeq, seq > expectedSeq ? "entries \(expectedSeq)..<\(seq) are missing" : "entry \(seq) is out of order")
        }
        expectedSeq = seq + 1
        let leafHash = row.leafHash!
        if !row.leafHashMatches { report(seq, "stored leaf hash does not match the entry's bytes") }
        var subtreeProblems: [String] = []
        range.append(leafHash) { level, index, hash in
            subtrees.expect(level: level, index: index, hash: hash) { subtreeProblems.append($0) }
        }
        for problem in subtreeProblems { report(seq, problem) }
        defer { previous = leafHash }
        guard let decoded = row.takeDecoded() else {
            report(seq, "\(row.failure?.error.message ?? "the entry did not decode")")
            return
        }
        check(decoded.entry, at: seq, verifierKey: verifierKey, recordedSuite: recordedSuite)
        apply(decoded.entry, decoded.facts)
        row.putBack(consume decoded)
    }

    /// The entry's own seq and link, and what only genesis may say.
    private mutating func check(_ entry: Entry, at seq: Int64, verifierKey: String?, recordedSuite: String?) {
        if entry.seq != seq { report(seq, "the entry says seq \(entry.seq) but is stored at \(seq)") }
        if entry.prev != previous { report(seq, "prev does not match the leaf hash of the entry before it") }
        if seq == 0 {
            if entry.kind != .genesis { report(seq, "entry 0 is not genesis") }
            if entry.data["verifier_key"]?.stringValue != verifierKey { report(seq, "genesis names another verifier key than the database") }
            let named = entry.data["suite"]?.stringValue
            if named != range.suite.name {
                report(seq, "genesis names the hash suite \(named.map { "\"\($0)\"" } ?? "(none)"), but the ledger was read with \(range.suite.name)")
            }
            if named != recordedSuite { report(seq, "genesis names another hash suite than the database") }
        } else if entry.kind == .genesis {
            report(seq, "a second genesis")
        }
    }

    private mutating func apply(_ entry: Entry, _ facts: ReplayFacts) {
        if semantic, entry.kind == .award { reprice(entry) }
        touchSlots.removeAll(keepingCapacity: true)
        for i in 0..<facts.touchCount {
            let touch = facts.touch(i)
            let slot = replay.slot(of: touch.account)
            touchSlots.append(slot)
            guard touch.changed else { continue }
            let balance = Self.add(touch.delta, to: &replay[slot].totals)
            if touch.account.kind.isNonNegative, balance < 0 { report(entry.seq, "\(touch.account) goes below zero (\(balance))") }
            if replay[slot].opened == nil { report(entry.seq, "\(touch.account) is used before it is opened") }
        }
        switch entry.kind {
        case .accountOpen:
            if let opening = entry.opening {
                let slot = replay.slot(of: opening.account)
                if replay[slot].opened != nil { report(entry.seq, "\(opening.account) is opened twice") }
                replay[slot].opened = (entry.seq, opening.scope)
                replay[slot].facts = (opening.tags, opening.budget)
            } else {
                report(entry.seq, "account.open without a valid account and scope")
            }
        case .reverse:
            if let original = entry.data["seq"]?.integerValue {
                if reversals[original] != nil { report(entry.seq, "entry \(original) is reversed twice") }
                reversals[original] = entry.seq
            }
        case .rulesPublish:
            if let version = entry.data["version"]?.integerValue, let hash = entry.data["hash"]?.stringValue.flatMap(Hash.init(hex:)),
                let text = entry.data["text"]?.stringValue
            {
                if TreeHasher.sha256(Array(text.utf8)) != hash { report(entry.seq, "the rule set's hash does not match its text") }
                ruleSets[version] = (entry.seq, hash, text)
            }
        default: break
        }
        checkRedemption(entry)
        checkTransfer(entry)
        checkAccountUpdate(entry)
        checkCatalogueUpdate(entry)
        checkCataloguePrice(entry)
        checkExpiry(entry)
        checkSettlement(entry)
        replayUsageAndLots(entry, facts)
        replayTables(entry, facts, meta: genesisMeta)
    }

    /// Adds `delta` to `total`; the new balance.
    private static func add(_ delta: AccountDelta, to total: inout AccountDelta) -> Int64 {
        total.balance += delta.balance
        total.earned += delta.earned
        total.minutes += delta.minutes
        return total.balance
    }

    /// `signed`: what the checkpoint's note signs, or why it does not
    /// verify (`nil`: no verifier key to check it with).
    mutating func check(_ checkpoint: StoredCheckpoint, signed: Result<Checkpoint, LedgerError>?) {
        if checkpoint.size == range.size, checkpoint.root != range.root {
            report(checkpoint.size - 1, "the checkpoint at size \(checkpoint.size) signs another root than the entries give")
        }
        switch signed {
        case nil: break
        case .success(let signed):
            if signed.size != checkpoint.size || signed.root != checkpoint.root {
                report(checkpoint.size - 1, "the signed note at size \(checkpoint.size) says size \(signed.size) and another root")
            }
        case .failure(let error):
            report(checkpoint.size - 1, "the checkpoint at size \(checkpoint.size) does not verify: \(error.message)")
        }
    }

    private mutating func checkAccounts() throws {
        var seen = [Bool](repeating: false, count: replay.accounts.count)
        var sum: Int64 = 0
        try reader.forEachAccount { account in
            sum += account.balance
            guard let slot = replay.existingSlot(of: account.id), let open = replay[slot].opened else {
                report(nil, "\(account.id) is in the accounts table but no entry opens it")
                return
            }
            seen[slot] = true
            if open.seq != account.openedSeq || open.scope != account.scope.path {
                report(open.seq, "\(account.id): stored scope or opening seq differs from its account.open entry")
            }
            // Tags and budget are facts awards are priced with.
            if let facts = replay[slot].facts, facts.tags != account.tags || facts.budget != account.budget {
                report(open.seq, "\(account.id): stored tags or budget differ from its account.open entry")
            }
            let total = replay[slot].totals
            if total.balance != account.balance { report(nil, "\(account.id): stored balance \(account.balance), postings give \(total.balance)") }
            if total.earned != account.earned { report(nil, "\(account.id): stored earned \(account.earned), entries give \(total.earned)") }
            if total.minutes != account.minutes { report(nil, "\(account.id): stored minutes \(account.minutes), entries give \(total.minutes)") }
        }
        for (slot, account) in replay.accounts.enumerated() where !seen[slot] {
            if let open = account.opened { report(open.seq, "\(account.id) is opened by an entry but missing from the accounts table") }
        }
        if sum != 0 { report(nil, "the balances sum to \(sum), not zero") }
    }

    private mutating func checkIndexes() throws {
        if try reader.reversals() != reversals { report(nil, "the reversals table does not match the reverse entries") }
        for (version, published) in ruleSets {
            let stored = try reader.ruleSet(version: version)
            if stored?.seq != published.seq || stored?.hash != published.hash || stored?.text != published.text {
                report(published.seq, "rule set v\(version) differs from its rules.publish entry")
            }
        }
        if try reader.count("rulesets") != Int64(ruleSets.count) { report(nil, "the rulesets table holds rule sets that no entry publishes") }
    }
}

extension UInt64 {
    var asInt64: Int64 { Int64(self) }
}

extension LedgerService {
    /// Verifies the whole ledger; see ``LedgerVerifier``.
    public func verify(_ request: VerifyRequest, actor: AccountID) throws(LedgerError) -> VerifyReport {
        try read { reader in
            try Authorization(actor: actor, reader: reader).requireOperator("verify the ledger")
            var verifier = LedgerVerifier(reader: reader, verifier: signer.verifier, semantic: request.semantic ?? false)
            return try verifier.run()
        }
    }

    /// Verifies the ledger file at `path`, opened read-only and without its
    /// signing key (`jiazhou verify`, an auditor's copy).
    public static func verify(path: String, semantic: Bool) throws(LedgerError) -> VerifyReport {
        try verify(store: openStore(path: path, readonly: true), semantic: semantic)
    }

    /// Verifies a ledger file without its signing key (an auditor's copy).
    public static func verify(store: any LedgerStorage, semantic: Bool) throws(LedgerError) -> VerifyReport {
        try store.read { reader in
            var verifier = LedgerVerifier(reader: reader, verifier: nil, semantic: semantic)
            return try verifier.run()
        }
    }
}
