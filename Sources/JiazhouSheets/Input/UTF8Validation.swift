/// Checks UTF-8 (The Unicode Standard, Table 3-7: well-formed byte
/// sequences), with a word-at-a-time path over ASCII, which is most of any
/// sheet.
enum UTF8Validation {
    enum Outcome: Equatable {
        case valid
        /// Valid up to a character cut off by the end of the bytes at `offset`.
        case truncated(at: Int)
        /// Not UTF-8 from `offset`.
        case invalid(at: Int)
    }

    static func check(_ bytes: UnsafeBufferPointer<UInt8>) -> Outcome {
        let count = bytes.count
        var i = 0
        while i < count {
            if i + 8 <= count,
                UnsafeRawPointer(bytes.baseAddress! + i).loadUnaligned(as: UInt64.self) & 0x8080_8080_8080_8080 == 0
            {
                i += 8
                continue
            }
            let lead = bytes[i]
            if lead < 0x80 {
                i += 1
                continue
            }
            let length: Int
            var secondRange: ClosedRange<UInt8> = 0x80...0xBF
            switch lead {
            case 0xC2...0xDF: length = 2
            case 0xE0: length = 3; secondRange = 0xA0...0xBF
            case 0xE1...0xEC, 0xEE...0xEF: length = 3
            case 0xED: length = 3; secondRange = 0x80...0x9F  // no surrogates
            case 0xF0: length = 4; secondRange = 0x90...0xBF
            case 0xF1...0xF3: length = 4
            case 0xF4: length = 4; secondRange = 0x80...0x8F  // nothing past U+10FFFF
            default: return .invalid(at: i)
            }
            for k in 1..<length {
                guard i + k < count else { return .truncated(at: i) }
                let range = k == 1 ? secondRange : 0x80...0xBF
                guard range.contains(bytes[i + k]) else { return .invalid(at: i) }
            }
            i += length
        }
        return .valid
    }

    static func isValid(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool { check(bytes) == .valid }
}
