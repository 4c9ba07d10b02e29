import JiazhouCore

/// Settlements, checked as the chain replays them: the statement in `data`
/// is what the office pays, so it must say exactly what the posting moved.
extension LedgerVerifier {
    /// After the entry's postings are replayed: a settlement moves its
    /// merchant's whole balance to `sink:settled` (leaving 0), in one
    /// posting of `data.points`, and covers every entry before it.
    mutating func checkSettlement(_ entry: Entry) {
        guard entry.kind == .settle else { return }
        guard let merchant = entry.data["merchant"]?.stringValue.flatMap({ try? AccountID($0) }), merchant.kind == .merchant,
            entry.postings.count == 1, entry.postings[0].from == merchant, entry.postings[0].to == .settledSink,
            entry.data["points"]?.integerValue == entry.postings[0].points
        else {
            report(entry.seq, "a settlement must move data.points from its data.merchant to sink:settled in one posting")
            return
        }
        if replay.account(merchant)?.totals.balance ?? 0 != 0 { report(entry.seq, "the settlement leaves \(merchant) with points unsettled") }
        if entry.data["through_seq"]?.integerValue != entry.seq - 1 { report(entry.seq, "the settlement's through_seq is not the entry before it") }
    }
}
