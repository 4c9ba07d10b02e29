import Crypto
import JiazhouCore

/// Throughput of the national suite beside the default one: SM3 against
/// SHA-256, SM2 against Ed25519 (both from swift-crypto), on this machine.
///
/// A measurement, not a test: nothing here asserts a speed.
/// `jiazhou bench suites` prints it (a release build for real figures).
///
/// ```swift
/// for figure in try SuiteMeasurement.run(secondsEach: 1) {
///     print(figure.operation, Int(figure.operationsPerSecond))
/// }
/// ```
public enum SuiteMeasurement {
    /// One operation's rate.
    public struct Figure: Sendable {
        public var operation: String
        /// How many times it ran.
        public var count: Int
        public var seconds: Double
        public var operationsPerSecond: Double { seconds > 0 ? Double(count) / seconds : 0 }
    }

    /// Runs each operation repeatedly for about `secondsEach` seconds, on
    /// `messageBytes`-byte messages (100 by default: about one ledger entry
    /// for hashes, a checkpoint body for signatures), on one thread.
    ///
    /// The time is split into `rounds` and the fastest round is reported, as
    /// `timeit` does: on a machine shared with other work, the slower rounds
    /// measure the other work.
    public static func run(secondsEach: Double = 1, rounds: Int = 5, messageBytes: Int = 100) throws(NationalCryptoError) -> [Figure] {
        precondition(secondsEach > 0 && rounds > 0 && messageBytes >= 0, "a measurement needs time, rounds and a message")
        let message = (0..<messageBytes).map { UInt8(truncatingIfNeeded: $0 &* 131 &+ 7) }
        var figures: [Figure] = []
        var sink: UInt8 = 0
        func measure(_ operation: String, _ body: () throws(NationalCryptoError) -> UInt8) throws(NationalCryptoError) {
            let clock = ContinuousClock()
            var best: Figure?
            for _ in 0..<rounds {
                let start = clock.now
                var count = 0
                var elapsed = Duration.zero
                repeat {
                    for _ in 0..<batch { sink &+= try body() }
                    count += batch
                    elapsed = clock.now - start
                } while elapsed < .seconds(secondsEach / Double(rounds))
                let (seconds, attoseconds) = elapsed.components
                let round = Figure(operation: operation, count: count, seconds: Double(seconds) + Double(attoseconds) * 1e-18)
                if round.operationsPerSecond > best?.operationsPerSecond ?? 0 { best = round }
            }
            if let best { figures.append(best) }
        }

        var digest = [UInt8](repeating: 0, count: SM3.byteCount)
        try measure("SM3 into a buffer (no allocation), \(messageBytes) B") { () throws(NationalCryptoError) -> UInt8 in
            try message.withContiguousBytes { input throws(NationalCryptoError) in
                try digest.withUnsafeMutableBytes { output in
                    Result { () throws(NationalCryptoError) in try SM3.hash(input, into: output) }
                }.get()
            }
            return digest[0]
        }
        try measure("SM3 one-shot to [UInt8], \(messageBytes) B") { () throws(NationalCryptoError) -> UInt8 in try SM3.hash(message)[0] }
        try measure("SM3 leaf hash to Hash, \(messageBytes) B") { () throws(NationalCryptoError) -> UInt8 in try SM3.leafHash(message).bytes[0] }
        var hasher = try SM3.Hasher()
        try measure("SM3 reused Hasher, \(messageBytes) B") { () throws(NationalCryptoError) -> UInt8 in
            try hasher.update(message)
            return try hasher.finalize()[0]
        }
        try measure("SHA-256 swift-crypto, \(messageBytes) B") { () -> UInt8 in SHA256.hash(data: message).withUnsafeBytes { $0[0] } }
        try measure("SHA-256 leaf hash (Core TreeHasher), \(messageBytes) B") { () -> UInt8 in TreeHasher.leafHash(message).bytes[0] }

        let sm2 = try SM2.PrivateKey.generate()
        let sm2Signature = try sm2.sign(message)
        try measure("SM2 sign (libcrypto)") { () throws(NationalCryptoError) -> UInt8 in try sm2.sign(message)[0] }
        try measure("SM2 verify (libcrypto)") { () throws(NationalCryptoError) -> UInt8 in try sm2.publicKey.verify(sm2Signature, for: message) ? 1 : 0 }
        let ed25519 = Curve25519.Signing.PrivateKey()
        guard let ed25519Signature = try? ed25519.signature(for: message) else { throw NationalCryptoError(.library, "Ed25519 signing failed") }
        try measure("Ed25519 sign (swift-crypto)") { () throws(NationalCryptoError) -> UInt8 in
            guard let signature = try? ed25519.signature(for: message) else { throw NationalCryptoError(.library, "Ed25519 signing failed") }
            return signature.first ?? 0
        }
        try measure("Ed25519 verify (swift-crypto)") { () -> UInt8 in ed25519.publicKey.isValidSignature(ed25519Signature, for: message) ? 1 : 0 }
        keep(sink)
        return figures
    }

    /// Operations between clock readings.
    private static let batch = 200

    /// Keeps the optimiser from dropping work whose results are only summed.
    @inline(never)
    private static func keep(_ value: UInt8) {
        if value == 0x5A && batch == 0 { print(value) }
    }
}
