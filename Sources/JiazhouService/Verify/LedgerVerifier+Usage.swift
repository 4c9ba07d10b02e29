import JiazhouCore
import JiazhouStorage

/// The usage that caps and budgets count, and the lots points are earned
/// in, replayed from the entries and compared with what the store keeps.
extension LedgerVerifier {
    mutating func replayUsageAndLots(_ entry: Entry) {
        for delta in entry.usageDeltas {
            // Added in place: one hash of the key, not two.
            if !Self.add(delta, to: &usage[delta.key, default: UsageFigures()]) {
                report(entry.seq, "the entry takes more from \(delta.account)'s \(delta.period) than was counted there")
            }
        }
        for change in entry.lotChanges {
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

    /// Adds `delta` to `figures`; whether they stay non-negative.
    private static func add(_ delta: UsageDelta, to figures: inout UsageFigures) -> Bool {
        figures.points += delta.points
        figures.minutes += delta.minutes
        return figures.points >= 0 && figures.minutes >= 0
    }

    mutating func checkUsageAndLots() throws {
        var seen = Set<UsageDelta.Key>()
        var malformed = 0
        try reader.forEachUsage { account, period, stored in
            guard let id = try? AccountID(account) else {
                malformed += 1
                return
            }
            let key = UsageDelta.Key(account: id, period: period)
            seen.insert(key)
            let expected = usage[key] ?? UsageFigures()
            if expected != stored {
                report(nil, "\(account) \(period): stored usage \(stored.points) points and \(stored.minutes) min; the entries give \(expected.points) and \(expected.minutes)")
            }
        }
        if malformed > 0 { report(nil, "the usage table has \(malformed) rows for malformed account ids") }
        for (key, figures) in usage where !seen.contains(key) && figures != UsageFigures() {
            report(nil, "\(key.account) \(key.period): the entries count \(figures.points) points and \(figures.minutes) min, but the usage table has no row")
        }
        var seenLots = Set<Int64>()
        try reader.forEachLot { stored in
            seenLots.insert(stored.seq)
            guard let expected = lots[stored.seq] else {
                report(stored.seq, "the lots table holds a lot that no award opened")
                return
            }
            if expected != stored {
                report(stored.seq, "the lot of award \(stored.seq) is stored with \(stored.remaining) of \(stored.points) points left; the entries give \(expected.remaining) of \(expected.points)")
            }
        }
        for seq in lots.keys.sorted() where !seenLots.contains(seq) { report(seq, "the lot of award \(seq) is missing from the lots table") }
        var heldInLots: [AccountID: Int64] = [:]
        for lot in lots.values { heldInLots[lot.volunteer, default: 0] += lot.remaining }
        for (id, total) in totals where id.kind == .volunteer && heldInLots[id, default: 0] != total.balance {
            report(nil, "\(id): the postings give a balance of \(total.balance), but its lots hold \(heldInLots[id, default: 0])")
        }
    }
}
