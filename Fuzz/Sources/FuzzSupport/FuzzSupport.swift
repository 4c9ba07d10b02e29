import CFuzzDriver
import Glibc

/// Runs libFuzzer with this process's arguments (`-max_total_time=30`, a
/// corpus folder, …), calling `callback` with each input; `Fuzz/run.sh`
/// says which arguments each target gets.
public func runFuzzer(_ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt) -> Never {
    var argc = CommandLine.argc
    var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
    exit(LLVMFuzzerRunDriver(&argc, &argv, callback))
}

/// The input as an array (libFuzzer passes `nil` for the empty input).
public func inputBytes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> [UInt8] {
    guard let data, size > 0 else { return [] }
    return Array(UnsafeBufferPointer(start: data, count: size))
}

/// A property that must hold for every input: when it does not, the target
/// stops with the message, and libFuzzer keeps the input as a crash.
public func require(_ condition: @autoclosure () -> Bool, _ message: @autoclosure () -> String, file: StaticString = #fileID, line: UInt = #line) {
    if !condition() { fatalError("property violated: \(message())", file: file, line: line) }
}

/// The text of `bytes` if they are valid UTF-8 (what the CLI and the
/// transports accept as text), else `nil`.
public func validText(_ bytes: some Collection<UInt8>) -> String? {
    String(validating: bytes, as: UTF8.self)
}

/// Seconds on a monotonic clock, for properties about time.
public func monotonicSeconds() -> Double {
    var now = timespec()
    clock_gettime(CLOCK_MONOTONIC, &now)
    return Double(now.tv_sec) + Double(now.tv_nsec) / 1e9
}

/// Splits `bytes` at the first `separator`: the part before and, if the
/// separator occurs, the part after.
public func split(_ bytes: [UInt8], at separator: UInt8) -> ([UInt8], [UInt8]?) {
    guard let cut = bytes.firstIndex(of: separator) else { return (bytes, nil) }
    return (Array(bytes[..<cut]), Array(bytes[(cut + 1)...]))
}
