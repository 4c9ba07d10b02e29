import JiazhouCore

/// Finds the exact text of a member's value in a line already known to be
/// valid JSON, without parsing it again. The envelope uses it for one
/// thing: to echo an id of `-0` as written (see ``ResponseID``).
///
/// Every index is checked, so even a line that is not valid JSON gives
/// `nil` rather than a trap.
enum RawMember {
    /// The text of member `name` of the object that is the line.
    static func text(of name: String, in line: [UInt8]) -> ArraySlice<UInt8>? {
        var scanner = Scanner(bytes: line)
        scanner.skipWhitespace()
        return member(name, of: &scanner, in: line)
    }

    /// The text of member `name` of each object of the batch array that is
    /// the line, in one pass (a batch of 4096 `-0` ids costs one scan, not 4096).
    static func texts(of name: String, inBatch line: [UInt8]) -> [ArraySlice<UInt8>?] {
        var scanner = Scanner(bytes: line)
        var texts: [ArraySlice<UInt8>?] = []
        scanner.skipWhitespace()
        guard scanner.take(UInt8(ascii: "[")) else { return [] }
        repeat {
            scanner.skipWhitespace()
            var probe = scanner
            texts.append(probe.peek == UInt8(ascii: "{") ? member(name, of: &probe, in: line) : nil)
            scanner.skipValue()
            scanner.skipWhitespace()
        } while scanner.take(UInt8(ascii: ","))
        return texts
    }

    /// Scans the object at the scanner for member `name`.
    private static func member(_ name: String, of scanner: inout Scanner, in line: [UInt8]) -> ArraySlice<UInt8>? {
        guard scanner.take(UInt8(ascii: "{")) else { return nil }
        while true {
            scanner.skipWhitespace()
            let keyStart = scanner.index
            guard scanner.peek == UInt8(ascii: "\"") else { return nil }
            scanner.skipValue()
            let key = line[keyStart..<scanner.index]
            scanner.skipWhitespace()
            guard scanner.take(UInt8(ascii: ":")) else { return nil }
            scanner.skipWhitespace()
            let valueStart = scanner.index
            scanner.skipValue()
            if Self.key(key, is: name) { return line[valueStart..<scanner.index] }
            scanner.skipWhitespace()
            guard scanner.take(UInt8(ascii: ",")) else { return nil }
        }
    }

    /// Whether the quoted `key` spells `name`, escapes and all.
    private static func key(_ key: ArraySlice<UInt8>, is name: String) -> Bool {
        if !key.contains(UInt8(ascii: "\\")) { return key.dropFirst().dropLast().elementsEqual(name.utf8) }
        return (try? JSONParser.parse(Array(key))) == .string(name)
    }

    private struct Scanner {
        let bytes: [UInt8]
        var index = 0

        var peek: UInt8? { index < bytes.count ? bytes[index] : nil }

        mutating func take(_ byte: UInt8) -> Bool {
            guard peek == byte else { return false }
            index += 1
            return true
        }

        mutating func skipWhitespace() {
            while let byte = peek, byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D { index += 1 }
        }

        /// Skips one value: a string, a nested object or array, or a bare word or number.
        mutating func skipValue() {
            guard let first = peek else { return }
            if first == UInt8(ascii: "\"") { return skipString() }
            guard first == UInt8(ascii: "{") || first == UInt8(ascii: "[") else {
                let ends: [UInt8] = [UInt8(ascii: ","), UInt8(ascii: "}"), UInt8(ascii: "]"), 0x20, 0x09, 0x0A, 0x0D]
                while let byte = peek, !ends.contains(byte) { index += 1 }
                return
            }
            var depth = 0
            repeat {
                guard let byte = peek else { return }
                switch byte {
                case UInt8(ascii: "\""): skipString()
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1; index += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"): depth -= 1; index += 1
                default: index += 1
                }
            } while depth > 0
        }

        private mutating func skipString() {
            index += 1
            while let byte = peek, byte != UInt8(ascii: "\"") { index = min(index + (byte == UInt8(ascii: "\\") ? 2 : 1), bytes.count) }
            index = min(index + 1, bytes.count)
        }
    }
}
