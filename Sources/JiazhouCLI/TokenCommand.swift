import ArgumentParser
import Foundation
import JiazhouCore
import JiazhouHTTP
import JiazhouQR
import JiazhouService

/// `jiazhou token create | list | revoke`: the HTTP API's bearer tokens.
struct TokenCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "token",
        abstract: "Issue, list and revoke the bearer tokens of the HTTP API.",
        discussion: """
            A token acts as one principal (operator, coordinator, volunteer or merchant), with that principal's \
            role and scope. Only its SHA-256 is stored: the token is printed once, at create.
            """,
        subcommands: [Create.self, List.self, Revoke.self]
    )

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "create",
            abstract: "Issue a token for an open principal; print it (once) on stdout.",
            discussion: """
                TOKEN=$(jiazhou token create --principal coordinator:office-baiyang --expires 30d)
                curl -H "Authorization: Bearer $TOKEN" http://127.0.0.1:8080/v1/accounts/volunteer:V000123

                With --link, prints the pages' sign-in link instead (BASE_URL/#t=TOKEN: the fragment never \
                reaches a server's logs); --card also writes a printable card with that link as a QR code.
                jiazhou token create --principal volunteer:V000123 --link https://points.example --card V000123.svg
                """)

        @OptionGroup var ledger: LedgerOptions

        @Option(help: "The principal the token acts as, e.g. operator:root or coordinator:office-baiyang.")
        var principal: AccountID

        @Option(help: "When it expires: a lifetime (30d, 12h, 90m) or an RFC 3339 time; default never.")
        var expires: String?

        @Option(help: "The address of `jiazhou serve`'s pages, e.g. https://points.example: print the sign-in link BASE_URL/#t=TOKEN.")
        var link: String?

        @Option(help: "Also write a printable sign-in card (SVG, bank-card size) with the link as a QR code; needs --link.")
        var card: String?

        func validate() throws {
            if card != nil && link == nil { throw ValidationError("--card needs --link: the card's QR code is the sign-in link") }
            if let link, !(link.hasPrefix("http://") || link.hasPrefix("https://")) || link.contains("#") {
                throw ValidationError("--link must be an http:// or https:// address without a fragment")
            }
        }

        func run() async throws {
            try await reportingErrors {
                let service = try ledger.open()
                let tokens = BearerTokens(service: service)
                let expiry = try expires.map { text throws(LedgerError) in try TokenExpiry.parse(text, now: SystemClock().now()) }
                let issued = try tokens.issue(principal: principal, expires: expiry)
                let signIn = link.map { SignInLink.make(base: $0, token: issued.token) }
                print(signIn ?? issued.token)
                if let card, let signIn {
                    let svg: String
                    do throws(QRError) { svg = try SignInCard(link: signIn, principal: principal).svg() } catch {
                        throw LedgerError(.invalid_request, "the link is too long for a card: \(error)")
                    }
                    do { try Data(svg.utf8).write(to: URL(fileURLWithPath: card)) } catch {
                        throw LedgerError(.invalid_request, "cannot write \(card): \(error.localizedDescription)")
                    }
                    Terminal.note("wrote the sign-in card \(card)")
                }
                Terminal.note("token \(issued.id) acts as \(issued.principal), \(expiry.map { "until \($0)" } ?? "without expiry"); it is shown only now")
            }
        }
    }

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(commandName: "list", abstract: "List the tokens issued (never their text).")

        @OptionGroup var ledger: LedgerOptions

        func run() async throws {
            try await reportingErrors {
                let tokens = try BearerTokens(service: ledger.open()).list()
                print(Self.table(tokens))
            }
        }

        static func table(_ tokens: [TokenRecord]) -> String {
            let rows = [["id", "principal", "created", "expires", "revoked"]]
                + tokens.map { [String($0.id), $0.principal.text, $0.created.rfc3339, $0.expires?.rfc3339 ?? "never", $0.revoked?.rfc3339 ?? "no"] }
            let widths = (0..<5).map { column in rows.map { $0[column].count }.max() ?? 0 }
            return rows.map { row in
                zip(row, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined(separator: "  ")
                    .trimmingCharacters(in: .whitespaces)
            }.joined(separator: "\n")
        }
    }

    struct Revoke: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "revoke", abstract: "Revoke a token by its id (from `token list`); a running server refuses it within a second.")

        @OptionGroup var ledger: LedgerOptions

        @Argument(help: "The token's id.")
        var id: Int64

        func run() async throws {
            try await reportingErrors {
                let token = try BearerTokens(service: ledger.open()).revoke(id: id)
                print("token \(token.id) of \(token.principal) revoked at \(token.revoked?.rfc3339 ?? "?")")
            }
        }
    }
}
