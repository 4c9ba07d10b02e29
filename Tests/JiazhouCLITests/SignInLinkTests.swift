import Foundation
import JiazhouQR
import JiazhouTesting
import Testing

/// `jiazhou token create --link/--card`: the sign-in link the pages read, and
/// the card the office prints.
@Suite(.serialized) struct SignInLinkTests {
    @Test func aTokenIsPrintedAsASignInLinkAndItsCardHoldsTheLinksQRCode() throws {
        let directory = try CommandRunner.temporaryDirectory()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = directory + "/ledger.sqlite"
        #expect(try CommandRunner.run(["init", "--db", database]).status == 0)
        let card = directory + "/root.svg"
        let created = try CommandRunner.run(["token", "create", "--db", database, "--principal", "operator:root", "--link", "https://points.example/", "--card", card])
        #expect(created.status == 0, "\(created.stderr)")
        let link = created.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        #expect(link.hasPrefix("https://points.example/#t=jzt_"))
        let svg = try String(contentsOfFile: card, encoding: .utf8)
        #expect(svg.hasPrefix("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"85.6mm\""))
        #expect(svg.contains("d=\"\(try QRCode(encoding: link).pathData(offset: 4))\""), "the card draws the link's symbol")
        #expect(svg.contains("operator:root"))
    }

    @Test(arguments: [["--card", "x.svg"], ["--link", "points.example"], ["--link", "https://points.example/#t=old"]])
    func aCardNeedsALinkAndALinkNeedsAnHTTPAddress(arguments: [String]) throws {
        let outcome = try CommandRunner.run(["token", "create", "--principal", "operator:root"] + arguments)
        #expect(outcome.status != 0)
    }
}
