/// The error correction codewords of one block (ISO/IEC 18004:2015 §7.5.2):
/// the remainder of the data polynomial times x^n divided by the generator
/// polynomial (x − α^0)(x − α^1)…(x − α^(n−1)).
struct ReedSolomon {
    /// The generator's coefficients after the leading 1, highest degree first.
    let generator: [UInt8]

    init(degree: Int) {
        precondition((1...68).contains(degree), "QR blocks carry 7 to 68 error correction codewords")
        // Start from the polynomial 1 and multiply by (x − α^i) for each i;
        // in GF(2^8) subtraction is addition (xor).
        var coefficients: [UInt8] = [1]
        for power in 0..<degree {
            let root = GaloisField.exponents[power]
            var next = [UInt8](repeating: 0, count: coefficients.count + 1)
            for (index, coefficient) in coefficients.enumerated() {
                next[index] ^= coefficient
                next[index + 1] ^= GaloisField.multiply(coefficient, root)
            }
            coefficients = next
        }
        generator = Array(coefficients.dropFirst())
    }

    /// The `generator.count` error correction codewords of `data`.
    func remainder(of data: [UInt8]) -> [UInt8] {
        var remainder = [UInt8](repeating: 0, count: generator.count)
        for byte in data {
            let factor = byte ^ remainder[0]
            remainder.removeFirst()
            remainder.append(0)
            for index in remainder.indices { remainder[index] ^= GaloisField.multiply(generator[index], factor) }
        }
        return remainder
    }
}
