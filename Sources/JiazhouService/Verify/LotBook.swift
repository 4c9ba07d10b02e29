import JiazhouStorage

/// The lots `verify` replays, in seq order: awards and transfers open them
/// in chain order, so opening is an append, finding one is a binary search,
/// and the stored lots, which come in seq order too, are compared by
/// walking both (no hashing; a dictionary of them was a twentieth of the
/// checks after the replay).
struct LotBook {
    private(set) var lots: [Lot] = []

    mutating func reserve(_ count: Int) { lots.reserveCapacity(count) }

    var count: Int { lots.count }

    /// The lot award `seq` opened; setting one opens it (or replaces the
    /// lot of the same seq, as an entry stored out of order could).
    subscript(seq: Int64) -> Lot? {
        get {
            let i = index(of: seq)
            return i < lots.count && lots[i].seq == seq ? lots[i] : nil
        }
        set {
            guard let newValue else { return }
            if let last = lots.last, last.seq < seq {
                lots.append(newValue)
                return
            }
            let i = index(of: seq)
            if i < lots.count, lots[i].seq == seq { lots[i] = newValue } else { lots.insert(newValue, at: i) }
        }
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
