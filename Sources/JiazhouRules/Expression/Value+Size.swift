/// The size of a value in steps: what reading all of it costs.
///
/// Lists share their elements, so `l.map(x, [x, x])` chained a few times
/// builds, in a few steps, a value whose full size is exponential. Whatever
/// reads a value whole — equality, `in`, concatenation, returning it — is
/// charged its size, so such a value runs out of steps instead of hanging the
/// reader (CEL's langdef, "Performance": time is proportional to the sizes of
/// the values involved).
extension Value {
    /// One per value, plus one per 16 bytes of each string, counting stops
    /// once past `limit` (so that measuring costs no more than the budget left).
    func size(upTo limit: Int) -> Int {
        var total = 0
        accumulateSize(into: &total, limit: limit)
        return total
    }

    private func accumulateSize(into total: inout Int, limit: Int) {
        total += 1
        guard total <= limit else { return }
        switch self {
        case .string(let s): total += s.utf8.count / 16
        case .list(let items):
            for item in items where total <= limit { item.accumulateSize(into: &total, limit: limit) }
        case .map(let map):
            for key in map.keys where total <= limit {
                total += 1
                map[key]!.accumulateSize(into: &total, limit: limit)
            }
        default: break
        }
    }

    /// Whether reading this value whole costs more than one step.
    var isAggregate: Bool {
        switch self {
        case .list, .map: true
        default: false
        }
    }
}
