import JiazhouCore
import JiazhouService

/// Every method of PROTOCOL.md, by name: the one table that maps the wire
/// to the service. Methods added by later issues join it here.
enum MethodTable {
    static let methods: [String: Method] = Dictionary(
        uniqueKeysWithValues: [
            Method.publicRead("ledger.info", NoParams.self) { service, _ throws(LedgerError) in try service.info() },
            Method.read("ledger.verify", VerifyRequest.self) { service, request, actor throws(LedgerError) in try service.verify(request, actor: actor) },
            Method.write("account.open", AccountOpenRequest.self) { service, request, actor, key in
                service.enqueueOpenAccount(request, actor: actor, key: key)
            },
            Method.write("account.update", AccountUpdateRequest.self) { service, request, actor, key in
                service.enqueueUpdateAccount(request, actor: actor, key: key)
            },
            Method.read("account.get", AccountGetRequest.self) { service, request, actor throws(LedgerError) in try service.account(request, actor: actor) },
            Method.read("account.history", AccountHistoryRequest.self) { service, request, actor throws(LedgerError) in
                try service.history(request, actor: actor)
            },
            Method.write("award", AwardRequest.self) { service, request, actor, key in service.enqueueAward(request, actor: actor, key: key) },
            Method.write("award.batch", AwardBatchRequest.self) { service, request, actor, key in
                service.enqueueAwardBatch(request, actor: actor, key: key)
            },
            Method.write("redeem.code", RedeemCodeRequest.self) { service, request, actor, key in
                service.enqueueRedeemCode(request, actor: actor, key: key)
            },
            Method.write("redeem", RedeemRequest.self) { service, request, actor, key in service.enqueueRedeem(request, actor: actor, key: key) },
            Method.write("transfer", TransferRequest.self) { service, request, actor, key in
                service.enqueueTransfer(request, actor: actor, key: key)
            },
            Method.write("expire", ExpireRequest.self) { service, request, actor, key in service.enqueueExpire(request, actor: actor, key: key) },
            Method.write("reverse", ReverseRequest.self) { service, request, actor, key in service.enqueueReverse(request, actor: actor, key: key) },
            Method.write("settle", SettleRequest.self) { service, request, actor, key in service.enqueueSettle(request, actor: actor, key: key) },
            Method.write("rules.publish", RulesPublishRequest.self) { service, request, actor, key in
                service.enqueuePublishRules(request, actor: actor, key: key)
            },
            Method.publicRead("rules.get", RulesGetRequest.self) { service, request throws(LedgerError) in try service.rules(request) },
            Method.read("rules.evaluate", AwardRequest.self) { service, request, actor throws(LedgerError) in try service.evaluate(request, actor: actor) },
            Method.read("report.merchant", MerchantReportRequest.self) { service, request, actor throws(LedgerError) in
                try service.merchantReport(request, actor: actor)
            },
            Method.read("report.scope", ScopeReportRequest.self) { service, request, actor throws(LedgerError) in
                try service.scopeReport(request, actor: actor)
            },
            Method.read("entry.get", EntryGetRequest.self) { service, request, actor throws(LedgerError) in try service.entry(request, actor: actor) },
            Method.write("certificate.issue", CertificateIssueRequest.self) { service, request, actor, key in
                service.enqueueIssueCertificate(request, actor: actor, key: key)
            },
            Method.publicRead("certificate.get", CertificateGetRequest.self) { service, request throws(LedgerError) in try service.certificate(request) },
            Method.publicRead("checkpoint.get", CheckpointGetRequest.self) { service, request throws(LedgerError) in try service.checkpoint(request) },
            Method.read("proof.inclusion", InclusionProofRequest.self) { service, request, actor throws(LedgerError) in
                try service.inclusionProof(request, actor: actor)
            },
            Method.read("proof.consistency", ConsistencyProofRequest.self) { service, request, actor throws(LedgerError) in
                try service.consistencyProof(request, actor: actor)
            },
        ].map { ($0.name, $0) })

    /// The method called `name` in `table`, or the −32601 error that says why there is none.
    static func method(_ name: String, in table: [String: Method]) -> Result<Method, RPCError> {
        if let method = table[name] { return .success(method) }
        return .failure(.methodNotFound("there is no method \"\(name.prefix(80))\"; the methods are \(table.keys.sorted().joined(separator: ", "))"))
    }
}

/// The params of a method that takes none besides `actor`: any other member is refused.
struct NoParams: Decodable, Sendable {
    private struct NoKeys: CodingKey {
        var stringValue: String { "" }
        var intValue: Int? { nil }
        init?(stringValue: String) { nil }
        init?(intValue: Int) { nil }
    }

    init(from decoder: any Decoder) throws {
        _ = try decoder.container(keyedBy: NoKeys.self)
    }
}
