import JiazhouCore
import JiazhouStorage

/// Redemptions and their reversals, checked against the lots as the chain replays
/// them, and the used redemption codes against the redemptions that used them.
extension LedgerVerifier {
    /// Before the entry's lot changes are replayed: a redemption takes its
    /// points from the volunteer's own lots, spendable at the entry's time,
    /// and exactly as many as it pays; its reversal gives back exactly the
    /// lots it took.
    mutating func checkRedemption(_ entry: Entry) {
        if entry.kind == .redeem {
            if let typed = entry.redemption {
                redemptions[entry.seq] = (typed.codeHash, .typed(typed.lots))
            } else {
                redemptions[entry.seq] = (entry.data["code_hash"]?.stringValue.flatMap(Hash.init(hex:)), .json(entry.data["lots"]))
            }
            guard let volunteer = entry.serviceVolunteer, entry.postings.count == 1, entry.postings[0].from == volunteer,
                entry.postings[0].to.kind == .merchant
            else {
                report(entry.seq, "a redemption must move points from its volunteer to one merchant")
                return
            }
            let taken = entry.recordedLots
            if taken.reduce(0, { $0 + $1.points }) != entry.postings[0].points {
                report(entry.seq, "the redemption's lots do not add up to the points it pays")
            }
            for (seq, _) in taken {
                guard let lot = lots[seq], lot.volunteer == volunteer else {
                    report(entry.seq, "the redemption takes from lot \(seq), which is not \(volunteer)'s")
                    continue
                }
                if entry.time < lot.available || lot.expires.map({ $0 <= entry.time }) == true {
                    report(entry.seq, "the redemption spends lot \(seq), which was not spendable at \(entry.time.rfc3339)")
                }
            }
        } else if entry.isRedemptionReversal, let original = entry.data["seq"]?.integerValue {
            guard let redemption = redemptions[original] else {
                report(entry.seq, "a reversal of a redemption names entry \(original), which is not a redemption")
                return
            }
            if !redemption.lots.areGivenBack(by: entry.data["lots"]) { report(entry.seq, "the reversal does not give back the lots redemption \(original) took") }
        }
    }

    /// The lots a redemption took, which its reversal must give back exactly.
    enum TakenLots {
        /// A redemption of this version's shape.
        case typed([RedeemData.TakenLot])
        /// `data.lots` of a redemption of another shape, as it stands.
        case json(JSONValue?)

        /// Whether a reversal's `data.lots` are these lots, member for member.
        func areGivenBack(by reversed: JSONValue?) -> Bool {
            switch self {
            case .typed(let lots): RedeemData.takenLots(reversed) == lots
            case .json(let lots): reversed == lots
            }
        }
    }

    /// Codes are operational state, not derived from entries (`import` does
    /// not rebuild them), but a code marked used must name a redemption made
    /// with that very code. Keeps which code each redemption used, for
    /// ``checkTables(checkpoints:)``.
    mutating func checkRedemptionCodes() throws {
        var mismatched: [Int64] = []
        usedCodes.reserveCapacity(redemptions.count)
        try reader.forEachUsedRedemptionCode { code in
            guard let seq = code.usedSeq else {
                mismatched.append(-1)
                return
            }
            usedCodes[seq] = code.codeHash
            if redemptions[seq]?.codeHash != code.codeHash { mismatched.append(seq) }
        }
        for seq in mismatched { report(seq, "a redemption code is marked used by entry \(seq), which is not a redemption with that code") }
    }
}
