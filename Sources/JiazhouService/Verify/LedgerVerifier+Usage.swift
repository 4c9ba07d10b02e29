import Foundation
import JiazhouCore
import JiazhouStorage

/// The usage that caps and budgets count, and the lots points are earned
/// in, replayed from the entries and compared with what the store keeps.
extension LedgerVerifier {
    mutating func replayUsageAndLots(_ entry: Entry, _ facts: ReplayFacts) {
        for usage in facts.usage {
            // Every delta's account is among the touches (``ReplayFacts``).
            guard let touch = facts.touchIndex(of: usage.account) else { continue }
            if !replay.addUsage(slot: touchSlots[touch], period: usage.period, UsageFigures(points: usage.points, minutes: usage.minutes)) {
                report(entry.seq, "the entry takes more from \(usage.account)'s \(usage.period) than was counted there")
            }
        }
        for change in facts.lots {
            switch change {
            case .open(let seq, let volunteer, let points, let available, let expires):
                let holder = replay.existingSlot(of: volunteer)
                // The replay's own id of the volunteer, shared by all its
                // lots, rather than each entry's copy: tens of thousands of
                // scattered strings otherwise stay alive to be compared with
                // the stored lots.
                let lot = Lot(
                    seq: seq, volunteer: holder.map { replay[$0].id } ?? volunteer, points: points, remaining: points, available: available, expires: expires)
                lots.open(lot, holder: holder)
            case .take(let seq, let points):
                let taken = lots.update(seq: seq) { lot in
                    guard points > 0, lot.remaining >= points else { return false }
                    lot.remaining -= points
                    return true
                }
                if !taken { report(entry.seq, "the entry takes \(points) points from the lot of award \(seq), which does not hold them") }
            case .restore(let seq, let points):
                let restored = lots.update(seq: seq) { lot in
                    guard points > 0, lot.remaining + points <= lot.points else { return false }
                    lot.remaining += points
                    return true
                }
                if !restored { report(entry.seq, "the entry puts \(points) points back into the lot of award \(seq), which never gave them") }
            }
        }
    }

    /// Each stored figure against the replay's. The store gives its rows
    /// in (account, period) order, bytes compared, so each account's run
    /// of rows is merged with the replay's figures for it in the same
    /// order: nothing is hashed or made a string a row (a string and two
    /// lookups a row were a tenth of `verify`).
    mutating func checkUsageAndLots() throws {
        var malformed = 0
        var missing: [MissingUsage] = []
        var seen = [Bool](repeating: false, count: replay.accounts.count)
        var account = RunKey()
        var run = UsageRun()
        // A copy held apart (its storage shared, not copied): read from
        // `self`, which the scan's body also reports to, the replay was
        // copied for every row handed on.
        let replayed = replay
        let periodOrder = replayed.periodOrder()
        try reader.forEachUsageLent { accountBytes, periodBytes, stored in
            if !account.isCurrent(accountBytes) {
                run.finish(replayed) { missing.append($0) }
                account.begin(accountBytes)
                let id = account.text.flatMap { try? AccountID($0) }
                let slot = id.flatMap { replayed.existingSlot(of: $0) }
                if let slot { seen[slot] = true }
                run = UsageRun(id: id, expected: slot.map { replayed.usage(inOrder: periodOrder, slot: $0) } ?? [])
            }
            guard run.id != nil else {
                malformed += 1
                return
            }
            let expected = run.take(periodBytes, replayed) { missing.append($0) }
            if expected != stored {
                report(nil, "\(account.text ?? "") \(String(decoding: periodBytes, as: UTF8.self)): stored usage \(stored.points) points and \(stored.minutes) min; the entries give \(expected.points) and \(expected.minutes)")
            }
        }
        run.finish(replayed) { missing.append($0) }
        for (slot, unseen) in replay.accounts.enumerated() where !seen[slot] {
            for usage in unseen.usage where usage.figures != UsageFigures() { missing.append((unseen.id, replay.period(usage.period), usage.figures)) }
        }
        if malformed > 0 { report(nil, "the usage table has \(malformed) rows for malformed account ids") }
        for (id, period, figures) in missing.sorted(by: { ($0.id, $0.period) < ($1.id, $1.period) }) {
            report(nil, "\(id) \(period): the entries count \(figures.points) points and \(figures.minutes) min, but the usage table has no row")
        }
        // Both in seq order: each stored lot is matched with the next of
        // the replay's, and the replay's it passes by are missing.
        let opened = lots.lots
        var next = 0
        var missingLots: [Int64] = []
        try reader.forEachLot { stored in
            while next < opened.count, opened[next].seq < stored.seq {
                missingLots.append(opened[next].seq)
                next += 1
            }
            guard next < opened.count, opened[next].seq == stored.seq else {
                report(stored.seq, "the lots table holds a lot that no award opened")
                return
            }
            let expected = opened[next]
            next += 1
            if expected != stored {
                report(stored.seq, "the lot of award \(stored.seq) is stored with \(stored.remaining) of \(stored.points) points left; the entries give \(expected.remaining) of \(expected.points)")
            }
        }
        missingLots += opened[next...].map(\.seq)
        for seq in missingLots { report(seq, "the lot of award \(seq) is missing from the lots table") }
        var heldInLots = [Int64](repeating: 0, count: replay.accounts.count)
        for (lot, holder) in zip(lots.lots, lots.holders) where holder >= 0 { heldInLots[Int(holder)] += lot.remaining }
        for (slot, account) in replay.accounts.enumerated() where account.id.kind == .volunteer && heldInLots[slot] != account.totals.balance {
            report(nil, "\(account.id): the postings give a balance of \(account.totals.balance), but its lots hold \(heldInLots[slot])")
        }
    }

}

/// A usage figure the entries count but no row holds.
private typealias MissingUsage = (id: AccountID, period: String, figures: UsageFigures)

/// One account's run of stored usage rows, merged with the replay's
/// figures for the account, both in the order of the periods' UTF-8.
private struct UsageRun {
    /// The account (`nil`: a malformed id, or before the first run).
    var id: AccountID?
    var expected: [ReplayState.PeriodFigures] = []
    var next = 0

    /// The replayed figures for the stored row of `period` (zero if the
    /// replay counts none there); the replay's periods that sort before
    /// it have no row, and those that are not zero go to `missing`.
    mutating func take(_ period: UnsafeRawBufferPointer, _ replay: ReplayState, missing: (MissingUsage) -> Void) -> UsageFigures {
        while next < expected.count {
            let spelling = replay.periodSpellings[Int(expected[next].period)]
            if spelling.lexicographicallyPrecedes(period) {
                skip(replay, missing)
                continue
            }
            guard spelling.elementsEqual(period) else { break }
            next += 1
            return expected[next - 1].figures
        }
        return UsageFigures()
    }

    /// The replay's periods no row of the run matched: those not zero go to `missing`.
    mutating func finish(_ replay: ReplayState, _ missing: (MissingUsage) -> Void) {
        while next < expected.count { skip(replay, missing) }
    }

    private mutating func skip(_ replay: ReplayState, _ missing: (MissingUsage) -> Void) {
        let unmatched = expected[next]
        next += 1
        if let id, unmatched.figures != UsageFigures() { missing((id, replay.period(unmatched.period), unmatched.figures)) }
    }
}

/// The key of the run of rows a scan is in (rows come grouped by it): tells
/// when the key changes by comparing bytes, so that the string, and what is
/// looked up by it, is made once a run rather than once a row.
struct RunKey {
    private var bytes: [UInt8] = []
    /// The current run's key (`nil` before the first row).
    private(set) var text: String?

    func isCurrent(_ key: UnsafeRawBufferPointer) -> Bool {
        guard text != nil, key.count == bytes.count else { return false }
        guard key.count > 0, let theirs = key.baseAddress else { return true }
        return bytes.withUnsafeBytes { ours in ours.baseAddress.map { memcmp($0, theirs, key.count) == 0 } ?? false }
    }

    /// Starts the run of `key`.
    mutating func begin(_ key: UnsafeRawBufferPointer) {
        bytes = Array(key)
        text = String(decoding: key, as: UTF8.self)
    }
}
