import JiazhouStorage

/// The lots `verify` replays, in seq order: awards and transfers open them
/// in chain order, so opening is an append, finding one is a binary search,
/// and the stored lots, which come in seq order too, are compared by
/// walking both (no hashing; a dictionary of them was a twentieth of the
/// checks after the replay).
struct LotBook {
    private(set) var lots: [Lot] = []
    /// The replay's slot of each lot's volunteer (-1: one the replay has
    /// not met), beside `lots`: what its lots hold is summed by slot.
    private(set) var holders: [Int32] = []

    mutating func reserve(_ count: Int) {
        lots.reserveCapacity(count)
        holders.reserveCapacity(count)
    }

    var count: Int { lots.count }

    /// The lot award `seq` opened.
    subscript(seq: Int64) -> Lot? {
        let i = index(of: seq)
        return i < lots.count && lots[i].seq == seq ? lots[i] : nil
    }

    /// Opens `lot`, held by the volunteer in replay slot `holder` (or
    /// replaces the lot of the same seq, as an entry stored out of order
    /// could).
    mutating func open(_ lot: Lot, holder: Int?) {
        let holder = Int32(holder ?? -1)
        if lots.last.map({ $0.seq < lot.seq }) ?? true {
            lots.append(lot)
            holders.append(holder)
            return
        }
        let i = index(of: lot.seq)
        if i < lots.count, lots[i].seq == lot.seq {
            lots[i] = lot
            holders[i] = holder
        } else {
            lots.insert(lot, at: i)
            holders.insert(holder, at: i)
        }
    }

    /// Changes what is left in the lot of award `seq`, if there is one and
    /// `change` accepts it (returns `true`); whether it did.
    mutating func update(seq: Int64, _ change: (inout Lot) -> Bool) -> Bool {
        let i = index(of: seq)
        guard i < lots.count, lots[i].seq == seq else { return false }
        return change(&lots[i])
    }

    /// The index of the first lot whose seq is not below `seq`.
    private func index(of seq: Int64) -> Int {
        // Most lookups are for the last lot opened.
        if let last = lots.last, last.seq < seq { return lots.count }
        var low = 0, high = lots.count
        while low < high {
            let middle = (low + high) / 2
            if lots[middle].seq < seq { low = middle + 1 } else { high = middle }
        }
        return low
    }
}
