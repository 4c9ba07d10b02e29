import JiazhouCore
import JiazhouStorage

/// Transfers and their reversals, checked against the lots as the chain replays them.
extension LedgerVerifier {
    /// Before the entry's lot changes are replayed: a transfer moves points
    /// from one volunteer to another, takes exactly them from the giver's own
    /// lots, spendable at the entry's time, and opens the recipient's lot
    /// spendable from its own time, expiring with the earliest of the lots it
    /// took from; the reversal of a transfer gives back exactly its lots.
    mutating func checkTransfer(_ entry: Entry) {
        if entry.kind == .transfer {
            transfers[entry.seq] = entry.data["lots"]
            guard let parties = entry.transferParties, parties.giver.kind == .volunteer, parties.recipient.kind == .volunteer,
                parties.giver != parties.recipient
            else {
                report(entry.seq, "a transfer must move points from one volunteer to another in one posting")
                return
            }
            let taken = entry.recordedLots
            if taken.reduce(0, { $0 + $1.points }) != entry.postings[0].points {
                report(entry.seq, "the transfer's lots do not add up to the points it gives")
            }
            var earliest: Timestamp?
            for (seq, _) in taken {
                guard let lot = lots[seq], lot.volunteer == parties.giver else {
                    report(entry.seq, "the transfer takes from lot \(seq), which is not \(parties.giver)'s")
                    continue
                }
                if entry.time < lot.available || lot.expires.map({ $0 <= entry.time }) == true {
                    report(entry.seq, "the transfer gives lot \(seq), which was not spendable at \(entry.time.rfc3339)")
                }
                if let expires = lot.expires, earliest.map({ expires < $0 }) ?? true { earliest = expires }
            }
            let lot = entry.data["lot"]
            if lot?["available"]?.stringValue != entry.time.rfc3339 || lot?["expires"]?.stringValue != earliest?.rfc3339 {
                report(entry.seq, "the transfer's new lot must be spendable from the entry's time and expire with the earliest lot it took from")
            }
        } else if entry.isTransferReversal, let original = entry.data["seq"]?.integerValue {
            guard let given = transfers[original] else {
                report(entry.seq, "a reversal of a transfer names entry \(original), which is not a transfer")
                return
            }
            if entry.data["lots"] != given { report(entry.seq, "the reversal does not give back the lots transfer \(original) took") }
        }
    }
}
