import JiazhouCore
import JiazhouStorage

/// The usage that caps and budgets count, and the lots points are earned
/// in, replayed from the entries and compared with what the store keeps.
extension LedgerVerifier {
    mutating func replayUsageAndLots(_ entry: Entry, _ facts: ReplayFacts) {
        for usage in facts.usage where !replay.addUsage(slot: touchSlots[usage.touch], period: usage.period, usage.figures) {
            report(entry.seq, "the entry takes more from \(facts.touches[usage.touch].account)'s \(usage.period) than was counted there")
        }
        for change in facts.lots {
            switch change {
            case .open(let seq, let volunteer, let points, let available, let expires):
                lots[seq] = Lot(seq: seq, volunteer: volunteer, points: points, remaining: points, available: available, expires: expires)
            case .take(let seq, let points):
                guard var lot = lots[seq], points > 0, lot.remaining >= points else {
                    report(entry.seq, "the entry takes \(points) points from the lot of award \(seq), which does not hold them")
                    continue
                }
                lot.remaining -= points
                lots[seq] = lot
            case .restore(let seq, let points):
                guard var lot = lots[seq], points > 0, lot.remaining + points <= lot.points else {
                    report(entry.seq, "the entry puts \(points) points back into the lot of award \(seq), which never gave them")
                    continue
                }
                lot.remaining += points
                lots[seq] = lot
            }
        }
    }

    /// Each stored figure against the replay's. Rows are matched by
    /// counting, not by collecting their keys: only when fewer rows match
    /// than the replay counts are the tables read again to name what is
    /// missing (a set of every key was a fifth of `verify`).
    mutating func checkUsageAndLots() throws {
        var malformed = 0
        var matched = 0
        // Rows come grouped by account: its id is parsed and looked up once a run, not once a row.
        var account = RunKey()
        var slot: Int?
        var valid = false
        try reader.forEachUsageLent { accountBytes, periodBytes, stored in
            if !account.isCurrent(accountBytes) {
                account.begin(accountBytes)
                let id = account.text.flatMap { try? AccountID($0) }
                valid = id != nil
                slot = id.flatMap { replay.existingSlot(of: $0) }
            }
            guard valid else {
                malformed += 1
                return
            }
            let period = String(decoding: periodBytes, as: UTF8.self)
            let expected = slot.map { replay.usage(slot: $0, period: period) } ?? UsageFigures()
            if expected != UsageFigures() { matched += 1 }
            if expected != stored {
                report(nil, "\(account.text ?? "") \(period): stored usage \(stored.points) points and \(stored.minutes) min; the entries give \(expected.points) and \(expected.minutes)")
            }
        }
        if malformed > 0 { report(nil, "the usage table has \(malformed) rows for malformed account ids") }
        if matched < replay.nonZeroUsageCount { try reportMissingUsage() }
        var matchedLots = 0
        try reader.forEachLot { stored in
            guard let expected = lots[stored.seq] else {
                report(stored.seq, "the lots table holds a lot that no award opened")
                return
            }
            matchedLots += 1
            if expected != stored {
                report(stored.seq, "the lot of award \(stored.seq) is stored with \(stored.remaining) of \(stored.points) points left; the entries give \(expected.remaining) of \(expected.points)")
            }
        }
        if matchedLots < lots.count {
            var stored = Set<Int64>()
            try reader.forEachLot { stored.insert($0.seq) }
            for seq in lots.keys.sorted() where !stored.contains(seq) { report(seq, "the lot of award \(seq) is missing from the lots table") }
        }
        var heldInLots = [Int64](repeating: 0, count: replay.accounts.count)
        for lot in lots.values {
            if let slot = replay.existingSlot(of: lot.volunteer) { heldInLots[slot] += lot.remaining }
        }
        for (slot, account) in replay.accounts.enumerated() where account.id.kind == .volunteer && heldInLots[slot] != account.totals.balance {
            report(nil, "\(account.id): the postings give a balance of \(account.totals.balance), but its lots hold \(heldInLots[slot])")
        }
    }

    private mutating func reportMissingUsage() throws {
        var stored = Set<UsageDelta.Key>()
        try reader.forEachUsage { account, period, _ in
            if let id = try? AccountID(account) { stored.insert(UsageDelta.Key(account: id, period: period)) }
        }
        var missing: [(AccountID, String, UsageFigures)] = []
        replay.forEachNonZeroUsage { id, period, figures in
            if !stored.contains(UsageDelta.Key(account: id, period: period)) { missing.append((id, period, figures)) }
        }
        for (id, period, figures) in missing.sorted(by: { ($0.0, $0.1) < ($1.0, $1.1) }) {
            report(nil, "\(id) \(period): the entries count \(figures.points) points and \(figures.minutes) min, but the usage table has no row")
        }
    }
}

/// The key of the run of rows a scan is in (rows come grouped by it): tells
/// when the key changes by comparing bytes, so that the string, and what is
/// looked up by it, is made once a run rather than once a row.
struct RunKey {
    private var bytes: [UInt8] = []
    /// The current run's key (`nil` before the first row).
    private(set) var text: String?

    func isCurrent(_ key: UnsafeRawBufferPointer) -> Bool { text != nil && key.elementsEqual(bytes) }

    /// Starts the run of `key`.
    mutating func begin(_ key: UnsafeRawBufferPointer) {
        bytes = Array(key)
        text = String(decoding: key, as: UTF8.self)
    }
}
