import Foundation
import JiazhouNationalCrypto
import Testing

/// Keys and the one-shot hash are shared by many tasks and threads at once.
@Suite("SM2 and SM3 under concurrent use")
struct ConcurrencyTests {
    @Test func manyTasksSignVerifyAndHashWithSharedKeys() async throws {
        let key = try SM2.PrivateKey.generate()
        let expectedABC = "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0"
        let failures = try await withThrowingTaskGroup(of: Int.self) { group in
            for task in 0..<8 {
                group.addTask {
                    var failures = 0
                    for round in 0..<25 {
                        let message = Array("task \(task) round \(round)".utf8)
                        let signature = try key.sign(message)
                        if try !key.publicKey.verify(signature, for: message) { failures += 1 }
                        if try key.publicKey.verify(signature, for: message + [0]) { failures += 1 }
                        for _ in 0..<40 where hex(try SM3.hash(Array("abc".utf8))) != expectedABC { failures += 1 }
                    }
                    return failures
                }
            }
            return try await group.reduce(0, +)
        }
        #expect(failures == 0)
    }

    /// Each thread hashes in its own context, freed when the thread ends.
    @Test func threadsThatComeAndGoHashCorrectly() async throws {
        let expected = try SM3.hash(Array("abcd".utf8))
        let results = await withCheckedContinuation { (continuation: CheckedContinuation<[[UInt8]], Never>) in
            let lock = NSLock()
            nonisolated(unsafe) var digests: [[UInt8]] = []
            let group = DispatchGroup()
            for _ in 0..<16 {
                group.enter()
                let thread = Thread {
                    let digest = (try? SM3.hash(Array("abcd".utf8))) ?? []
                    lock.withLock { digests.append(digest) }
                    group.leave()
                }
                thread.start()
            }
            group.notify(queue: .global()) { continuation.resume(returning: lock.withLock { digests }) }
        }
        #expect(results.count == 16)
        #expect(results.allSatisfy { $0 == expected })
    }
}
