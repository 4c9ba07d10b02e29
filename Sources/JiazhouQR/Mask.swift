/// The eight data masks (ISO/IEC 18004:2015 Table 10), with `x` the column
/// and `y` the row: a mask breaks up patterns in the data that a reader
/// could mistake for a finder, or large areas of one colour.
struct Mask: Sendable, Equatable {
    /// The mask's reference, 0 to 7, as the format information states it.
    let reference: Int

    init(_ reference: Int) {
        precondition((0...7).contains(reference), "QR masks are 0 to 7")
        self.reference = reference
    }

    static let all = (0...7).map(Mask.init)

    func flips(x: Int, y: Int) -> Bool {
        switch reference {
        case 0: (y + x) % 2 == 0
        case 1: y % 2 == 0
        case 2: x % 3 == 0
        case 3: (y + x) % 3 == 0
        case 4: (y / 2 + x / 3) % 2 == 0
        case 5: (y * x) % 2 + (y * x) % 3 == 0
        case 6: ((y * x) % 2 + (y * x) % 3) % 2 == 0
        default: ((y + x) % 2 + (y * x) % 3) % 2 == 0
        }
    }
}
