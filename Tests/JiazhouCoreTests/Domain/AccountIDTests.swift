import JiazhouCore
import Testing

@Suite("AccountID")
struct AccountIDTests {
    @Test(arguments: [
        ("volunteer:V000001", AccountID.Kind.volunteer, "V000001"),
        ("merchant:jiulongxiang-cafe", .merchant, "jiulongxiang-cafe"),
        ("issuer:shizhong", .issuer, "shizhong"),
        ("issuer:shizhong/tongjiang/baiyang", .issuer, "shizhong/tongjiang/baiyang"),
        ("sink:settled", .sink, "settled"),
        ("coordinator:gw-baiyang-g01", .coordinator, "gw-baiyang-g01"),
        ("operator:root", .operator, "root"),
        ("volunteer:a.B_c-9", .volunteer, "a.B_c-9"),
    ])
    func aValidIDParsesIntoKindAndName(text: String, kind: AccountID.Kind, name: String) throws {
        let id = try AccountID(text)
        #expect(id.kind == kind)
        #expect(id.name == name)
        #expect(id.text == text)
    }

    @Test(arguments: [
        "V000001",  // no colon
        "member:V000001",  // unknown kind
        "Volunteer:V000001",  // kinds are lowercase
        ":V000001",
        "volunteer:",  // empty name
        "volunteer:V 1", "volunteer:V:1", "volunteer:张三", "volunteer:V+1",
        "volunteer:shizhong/g01",  // '/' only in issuers' scope paths
        "issuer:Shizhong",  // an issuer's name is a scope: lowercase
        "issuer:shizhong//baiyang", "issuer:shizhong/", "issuer:a/b/c/d/e/f",
        "volunteer:" + String(repeating: "v", count: 119),  // 129 bytes: over Limits.accountIDBytes
        "sink:" + String(repeating: "s", count: 121),  // name over 120 bytes
    ])
    func aMalformedIDIsRejected(_ text: String) {
        let error = #expect(throws: LedgerError.self) { try AccountID(text) }
        #expect(error?.reason == .invalid_request)
    }

    @Test(arguments: [
        "volunteer:" + String(repeating: "v", count: 118),  // exactly 128 bytes
        "sink:" + String(repeating: "s", count: 120),  // a 120-byte name
    ])
    func anIDAtTheLengthLimitIsAccepted(_ text: String) throws {
        #expect(try AccountID(text).text == text)
    }

    @Test func onlyAccountsHoldPointsAndPrincipalsDoNot() {
        #expect(AccountID.Kind.allCases.filter(\.holdsPoints) == [.volunteer, .merchant, .issuer, .sink])
        #expect(AccountID.Kind.allCases.filter(\.isNonNegative) == [.volunteer, .merchant, .sink])
    }

    @Test func theIssuerForAScopeIsNamedByItsPath() throws {
        let issuer = AccountID.issuer(for: try Scope("shizhong/tongjiang/baiyang"))
        #expect(issuer == (try AccountID("issuer:shizhong/tongjiang/baiyang")))
    }
}
