import JiazhouCore
import JiazhouStorage

/// Merchants' catalogues: replayed from `account.update` entries, compared
/// with the `catalogue` table, and every redemption priced by one checked
/// against the catalogue in force when it was written.
extension LedgerVerifier {
    mutating func checkCatalogueUpdate(_ entry: Entry) {
        guard entry.kind == .accountUpdate, let list = entry.data["catalogue"] else { return }
        guard let id = entry.data["account"]?.stringValue.flatMap({ try? AccountID($0) }), id.kind == .merchant, let items = list.arrayValue else {
            report(entry.seq, "a catalogue belongs to a merchant and is a list of {item, points}")
            return
        }
        var prices: [String: Int64] = [:]
        for value in items {
            guard let item = value["item"]?.stringValue, let points = value["points"]?.integerValue, points > 0, prices[item] == nil else {
                report(entry.seq, "a catalogue item must be a distinct {item, points} with points above 0")
                continue
            }
            prices[item] = points
        }
        catalogues[id] = (entry.seq, prices)
    }

    /// Before the redemption is replayed: one priced by the catalogue
    /// (`data.catalogue_seq`) names the catalogue in force and pays its price.
    mutating func checkCataloguePrice(_ entry: Entry) {
        guard entry.kind == .redeem else { return }
        let priced: (seq: Int64?, item: String?) =
            entry.redemption.map { ($0.catalogueSeq, $0.item) } ?? (entry.data["catalogue_seq"]?.integerValue, entry.data["item"]?.stringValue)
        guard let seq = priced.seq, let merchant = entry.postings.first?.to else { return }
        guard let catalogue = catalogues[merchant], catalogue.seq == seq else {
            report(entry.seq, "the redemption is priced by catalogue entry \(seq), which is not \(merchant)'s catalogue in force")
            return
        }
        guard let item = priced.item, catalogue.prices[item] == entry.postings[0].points else {
            report(entry.seq, "the redemption does not pay the catalogue's price of its item")
            return
        }
    }

    mutating func checkCatalogues() throws {
        var stored: [String: [String: (points: Int64, seq: Int64)]] = [:]
        try reader.forEachCatalogueItem { merchant, row in stored[merchant, default: [:]][row.item] = (row.points, row.seq) }
        for (id, replayed) in catalogues {
            let rows = stored.removeValue(forKey: id.text) ?? [:]
            if rows.mapValues(\.points) != replayed.prices || rows.values.contains(where: { $0.seq != replayed.seq }) {
                report(replayed.seq, "\(id): the catalogue table does not hold the catalogue its last account.update set")
            }
        }
        for merchant in stored.keys.sorted() { report(nil, "\(merchant): the catalogue table holds items that no account.update sets") }
    }
}
