import JiazhouCore
import JiazhouStorage

/// The tables beside the chain that readers rely on, checked against it:
/// the genesis facts copied into `meta`, the movements that account history
/// is read from, the kind column of accounts, the off-chain profiles
/// against their commitments, codes left unmarked by the redemption that
/// used them, and entries that no signed checkpoint covers.
extension LedgerVerifier {
    /// What the replay expects of those tables.
    struct TableReplay {
        /// Profile commitments by account, from `account.open`.
        var commitments: [String: String] = [:]
    }

    /// Mixes one movement into a 64-bit value (SplitMix64's finaliser).
    static func movementHash(seq: Int64, points: Int64) -> UInt64 {
        var z = UInt64(bitPattern: seq) &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(bitPattern: points) &* 0xC2B2_AE3D_27D4_EB4F
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func replayTables(_ entry: Entry, _ facts: ReplayFacts, meta: [String: String?]) {
        for i in 0..<facts.touchCount {
            guard let points = facts.touch(i).movement else { continue }
            let slot = touchSlots[i]
            replay[slot].movementCount += 1
            replay[slot].movementDigest &+= Self.movementHash(seq: entry.seq, points: points)
        }
        if let opening = entry.opening, let commitment = opening.profile {
            tables.commitments[opening.account.text] = commitment.hex
        }
        if entry.kind == .genesis {
            for (name, value) in meta where entry.data[name]?.stringValue != value {
                report(entry.seq, "meta.\(name) is \(value ?? "missing"), but genesis says \(entry.data[name]?.stringValue ?? "nothing")")
            }
        }
    }

    mutating func checkTables(checkpoints: [StoredCheckpoint]) throws {
        if let last = checkpoints.last, last.size < range.size.asInt64 {
            report(last.size, "entries \(last.size)..<\(range.size) are covered by no signed checkpoint: written behind the ledger's back, or their checkpoint was removed")
        }
        try checkMovements()
        try reader.forEachAccountKind { id, kind in
            if let account = try? AccountID(id), account.kind.rawValue != kind { report(replay.account(account)?.opened?.seq, "\(id) is stored with kind \(kind)") }
        }
        try reader.forEachProfile { account, salt, text in
            let commitment = TreeHasher.sha256(salt + Array(text.utf8)).hex
            if tables.commitments[account] != commitment {
                report((try? AccountID(account)).flatMap { replay.account($0)?.opened?.seq }, "the profile of \(account) does not open the commitment in its account.open")
            }
        }
        // One scan of the used codes (``checkRedemptionCodes()``'s) rather than a lookup per
        // redemption; only a redemption the scan does not show its code used by is looked up.
        for (seq, redemption) in redemptions.sorted(by: { $0.key < $1.key }) {
            guard let hash = redemption.codeHash, usedCodes[seq] != hash, let code = try reader.redemptionCode(hash: hash) else {
                continue
            }
            if code.usedSeq != seq { report(seq, "the code of redemption \(seq) is not marked used by it, so it could be spent again") }
        }
    }

    /// Compares each account's stored movements with the entries'; only
    /// for an account that differs are the entries read again, to name the
    /// first seq where its history goes wrong.
    private mutating func checkMovements() throws {
        // Rows come in account order: each account's run is summed, then
        // compared with the replay once.
        var seen = [Bool](repeating: false, count: replay.accounts.count)
        var differing: Set<String> = []
        var account = RunKey()
        var run: (count: Int64, digest: UInt64) = (0, 0)
        func finish(_ account: String, _ run: (count: Int64, digest: UInt64)) {
            guard let id = try? AccountID(account), let slot = replay.existingSlot(of: id) else {
                differing.insert(account)
                return
            }
            seen[slot] = true
            if replay[slot].movementCount != run.count || replay[slot].movementDigest != run.digest { differing.insert(account) }
        }
        try reader.forEachMovementLent { accountBytes, seq, points in
            if !account.isCurrent(accountBytes) {
                if let previous = account.text { finish(previous, run) }
                account.begin(accountBytes)
                run = (0, 0)
            }
            run.count += 1
            run.digest &+= Self.movementHash(seq: seq, points: points)
        }
        if let last = account.text { finish(last, run) }
        for (slot, replayed) in replay.accounts.enumerated() where replayed.movementCount > 0 && !seen[slot] {
            differing.insert(replayed.id.text)
        }
        guard !differing.isEmpty else { return }
        var wanted: [String: [(seq: Int64, points: Int64)]] = [:]
        try reader.forEachEntry(in: 0..<Int64.max) { _, bytes, _ in
            guard let entry = try? Entry.unseal(bytes, using: reader.suite).entry else { return }
            for (account, points) in ReplayFacts(entry).movements where differing.contains(account.text) {
                wanted[account.text, default: []].append((entry.seq, points))
            }
        }
        for account in differing.sorted() {
            let want = wanted[account] ?? [], have = try reader.movements(of: account)
            let first = zip(want, have).first { $0.seq != $1.seq || $0.points != $1.points }.map { min($0.seq, $1.seq) }
                ?? (want.count > have.count ? want[have.count].seq : have.count > want.count ? have[want.count].seq : nil)
            report(first, "\(account): the history (movements) differs from the entries")
        }
    }
}
