/// An open-addressing hash table (linear probing) from (name packed in 8
/// bytes, activity number) to a first row, in one array of 16-byte slots so
/// that a probe touches one cache line. A million inserts into Swift's
/// `Dictionary<String, Int>` took half the reader's time, mostly hashing
/// strings and rehashing them as it grew.
struct FirstRowTable {
    private struct Slot {
        /// 0: empty. A packed name is never 0: names have at least one byte, none of them 0.
        var name: UInt64
        var activity: UInt32
        /// The row, or `UInt32.max` for a row past it.
        var row: UInt32
    }

    private var slots = [Slot](repeating: Slot(name: 0, activity: 0, row: 0), count: 1024)
    private(set) var count = 0
    /// A seed from the system's random source, so that no sheet can be made
    /// of names that all land in one run of slots (what Swift's own
    /// `Hasher` does for the same reason). It changes where names sit in
    /// the table, never what the reader reports.
    private let seed = UInt64.random(in: .min ... .max)

    /// The name's bytes in a UInt64, if it has at most 8.
    static func pack(_ name: String) -> UInt64? {
        var packed: UInt64 = 0
        var shift: UInt64 = 0
        for byte in name.utf8 {
            guard shift < 64 else { return nil }
            packed |= UInt64(byte) << shift
            shift += 8
        }
        return packed
    }

    mutating func earlierRow(name: UInt64, activity: UInt32, row: Int) -> Int? {
        precondition(name != 0, "a packed name is not empty")
        if (count + 1) * 4 > slots.count * 3 { grow() }
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: hash(name, activity)) & mask
        while true {
            let slot = slots[index]
            if slot.name == 0 {
                slots[index] = Slot(name: name, activity: activity, row: UInt32(clamping: row))
                count += 1
                return nil
            }
            if slot.name == name, slot.activity == activity { return Int(slot.row) }
            index = (index + 1) & mask
        }
    }

    /// SplitMix64's finaliser over the name, the activity and the seed.
    @inline(__always)
    private func hash(_ name: UInt64, _ activity: UInt32) -> UInt64 {
        var x = name ^ seed ^ (UInt64(activity) &* 0x9E37_79B9_7F4A_7C15)
        x = (x ^ (x >> 30)) &* 0xBF58_476D_1CE4_E5B9
        x = (x ^ (x >> 27)) &* 0x94D0_49BB_1331_11EB
        return x ^ (x >> 31)
    }

    private mutating func grow() {
        let old = slots
        slots = [Slot](repeating: Slot(name: 0, activity: 0, row: 0), count: old.count * 2)
        let mask = slots.count - 1
        for slot in old where slot.name != 0 {
            var index = Int(truncatingIfNeeded: hash(slot.name, slot.activity)) & mask
            while slots[index].name != 0 { index = (index + 1) & mask }
            slots[index] = slot
        }
    }
}
