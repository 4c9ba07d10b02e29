// Prints SuiteMeasurement's figures: `swift run -c release JiazhouNationalCryptoBench [seconds-each]`.
import Foundation
import JiazhouNationalCrypto

let secondsEach = CommandLine.arguments.dropFirst().first.flatMap(Double.init) ?? 1
do {
    for figure in try SuiteMeasurement.run(secondsEach: secondsEach) {
        let rate = String(format: "%12.0f", figure.operationsPerSecond)
        print("\(rate) /s  \(figure.operation)")
    }
} catch {
    FileHandle.standardError.write(Data("\(error)\n".utf8))
    exit(1)
}
