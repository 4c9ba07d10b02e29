import Hummingbird
import JiazhouCore
import JiazhouService
import JiazhouSheetAward

/// Every route of PROTOCOL.md that this version serves, in one table: the
/// router, the bearer authentication and `/openapi.json` are built from it.
/// Each ledger route calls exactly the service call that JSON-RPC's method
/// of the same name calls. An operation added to the service joins here
/// with one entry.
enum RouteTable {
    static let routes: [Route] = [
        .publicRead("/v1/info", "ledger.info", "The ledger's origin, size, root, head, verifier key, latest checkpoint (with the witnesses' cosignatures) and each witness's latest cosigned size and verifier key.", NoRequest.self) {
            service, _ throws(LedgerError) in try service.info()
        },
        .write(
            .post, "/v1/accounts", "account.open", "Open an account (volunteer, merchant, issuer) or a principal (coordinator, operator).",
            AccountOpenRequest.self, refusals: [.invalid_request, .too_large, .forbidden, .account_exists, .idempotency_conflict]
        ) { service, request, actor, key in service.enqueueOpenAccount(request, actor: actor, key: key) },
        .read(
            "/v1/accounts/{account}", "account.get", "An account's balance, earned points, service minutes and stars.", AccountGetRequest.self,
            refusals: [.invalid_request, .forbidden, .unknown_account]
        ) { service, request, actor throws(LedgerError) in try service.account(request, actor: actor) },
        .write(
            .patch, "/v1/accounts/{account}", "account.update",
            "Suspend a merchant or a volunteer, or make it active again (operators, and coordinators within their scope): a suspended account takes, spends, gives and receives no points. Or set a merchant's catalogue (also the merchant itself), so that a till redeems by item.",
            AccountUpdateRequest.self, refusals: [.invalid_request, .too_large, .forbidden, .unknown_account, .idempotency_conflict, .nothing_to_do, .not_applicable]
        ) { service, request, actor, key in service.enqueueUpdateAccount(request, actor: actor, key: key) },
        .read(
            "/v1/accounts/{account}/history", "account.history", "An account's entries, oldest first, a page at a time.", AccountHistoryRequest.self,
            refusals: [.invalid_request, .forbidden, .unknown_account]
        ) { service, request, actor throws(LedgerError) in try service.history(request, actor: actor) },
        .write(
            .post, "/v1/awards", "award", "Award points to one volunteer for one activity, priced by the rule set in force.", AwardRequest.self,
            refusals: [.invalid_request, .forbidden, .unknown_account, .idempotency_conflict, .unknown_category, .rules_invalid, .cap_exceeded, .budget_exhausted]
        ) { service, request, actor, key in service.enqueueAward(request, actor: actor, key: key) },
        .write(
            .post, "/v1/awards/batch", "award.batch",
            "Award one activity to many participants: all or nothing (a refusal lists every bad row in `error.rows`), or row by row with `atomic: false`.",
            AwardBatchRequest.self,
            refusals: [.invalid_request, .too_large, .forbidden, .unknown_account, .idempotency_conflict, .unknown_category, .rules_invalid, .cap_exceeded, .budget_exhausted]
        ) { service, request, actor, key in service.enqueueAwardBatch(request, actor: actor, key: key) },
        .sheet(
            "/v1/sheets", "award.sheet",
            "Award a coordinator's sheet whole, as `jiazhou award import` does: the body is the file (CSV or tab-separated, UTF-8, UTF-16 or GB18030), the query its defaults. Every row is checked and priced; any bad row and nothing is written (422 `sheet_invalid`, every problem in `error.sheet.problems`); `dry_run=true` writes nothing. The idempotency key defaults to `sheet:` and the sheet's SHA-256, so a sheet sent again is `already_imported`.",
            refusals: [.invalid_request, .too_large, .forbidden, .idempotency_conflict, .rules_invalid]
        ),
        .bodyRead(
            "/v1/awards/evaluate", "rules.evaluate", "Price an activity for a volunteer as an award would now, writing nothing.", AwardRequest.self,
            refusals: [.invalid_request, .forbidden, .unknown_account, .unknown_category, .rules_invalid, .cap_exceeded, .budget_exhausted]
        ) { service, request, actor throws(LedgerError) in try service.evaluate(request, actor: actor) },
        .publicRead(
            "/v1/rules", "rules.get", "A published rule set (default: the one in force), as published.", RulesGetRequest.self,
            refusals: [.invalid_request, .unknown_entry]
        ) {
            service, request throws(LedgerError) in try service.rules(request)
        },
        .write(
            .put, "/v1/rules", "rules.publish", "Publish a rule set (operators): validated whole, or refused with every problem and its line.",
            RulesPublishRequest.self, refusals: [.invalid_request, .too_large, .forbidden, .idempotency_conflict, .rules_invalid]
        ) { service, request, actor, key in service.enqueuePublishRules(request, actor: actor, key: key) },
        .write(
            .post, "/v1/redemption-codes", "redeem.code",
            "Issue a one-time code (`K7QD-3M9X`) that lets one merchant take the volunteer's points once, within the rule set's code lifetime. Takes no Idempotency-Key.",
            RedeemCodeRequest.self, refusals: [.invalid_request, .forbidden, .unknown_account, .rules_invalid, .account_suspended],
            takesIdempotencyKey: false
        ) { service, request, actor, key in service.enqueueRedeemCode(request, actor: actor, key: key) },
        .write(
            .post, "/v1/redemptions", "redeem",
            "Take a volunteer's spendable points with its one-time code, oldest lots first: whole or nothing, and each code once.", RedeemRequest.self,
            refusals: [
                .invalid_request, .forbidden, .unknown_account, .idempotency_conflict, .rules_invalid, .unknown_code, .code_used, .code_expired,
                .limit_exceeded, .insufficient_points, .account_suspended, .rate_limited, .unknown_item,
            ]
        ) { service, request, actor, key in service.enqueueRedeem(request, actor: actor, key: key) },
        .write(
            .post, "/v1/reversals", "reverse",
            "Reverse an award (a new entry moves its points back), a redemption (its points go back to the lots they came from) or, as an operator, a transfer whose recipient still holds it.",
            ReverseRequest.self,
            refusals: [
                .invalid_request, .forbidden, .unknown_entry, .idempotency_conflict, .not_reversible, .already_reversed, .insufficient_points,
                .account_suspended,
            ]
        ) { service, request, actor, key in service.enqueueReverse(request, actor: actor, key: key) },
        .write(
            .post, "/v1/transfers", "transfer",
            "Give a volunteer's spendable points (oldest first) to another volunteer, where the rule set's `transfer` policy allows it and within its daily limits. A volunteer gives only its own points; hours and stars never move.",
            TransferRequest.self,
            refusals: [
                .invalid_request, .forbidden, .unknown_account, .idempotency_conflict, .rules_invalid, .transfer_not_allowed, .limit_exceeded,
                .insufficient_points, .account_suspended,
            ]
        ) { service, request, actor, key in service.enqueueTransfer(request, actor: actor, key: key) },
        .write(
            .post, "/v1/settlements", "settle",
            "Settle a merchant (operators): one entry moves its whole balance to `sink:settled`, a statement of what the office pays.",
            SettleRequest.self, refusals: [.invalid_request, .forbidden, .unknown_account, .idempotency_conflict, .nothing_to_do]
        ) { service, request, actor, key in service.enqueueSettle(request, actor: actor, key: key) },
        .read(
            "/v1/entries/{seq}", "entry.get", "One entry, its leaf hash, and the reversal that undid it if any.", EntryGetRequest.self,
            refusals: [.invalid_request, .forbidden, .unknown_entry]
        ) { service, request, actor throws(LedgerError) in try service.entry(request, actor: actor) },
        .read(
            "/v1/entries/{seq}/proof", "proof.inclusion", "An RFC 9162 inclusion proof of one entry in the tree of `size` (default: the latest).",
            InclusionProofRequest.self, refusals: [.invalid_request, .forbidden, .unknown_entry]
        ) { service, request, actor throws(LedgerError) in try service.inclusionProof(request, actor: actor) },
        .read(
            "/v1/proofs/consistency", "proof.consistency", "An RFC 9162 proof that the tree of size `from` is a prefix of the tree of size `to`.",
            ConsistencyProofRequest.self, refusals: [.invalid_request, .forbidden, .unknown_entry]
        ) { service, request, actor throws(LedgerError) in try service.consistencyProof(request, actor: actor) },
        .publicText(
            "/v1/checkpoint", "checkpoint.get", "The signed C2SP checkpoint (a signed note) of size `size` (default: the latest), with the witnesses' cosignature lines kept for it (SPEC §16).",
            CheckpointGetRequest.self, contentType: "text/plain; charset=utf-8", refusals: [.invalid_request, .unknown_entry]
        ) { service, request throws(LedgerError) in try service.checkpoint(request).note },
        .report(
            "/v1/reports/merchant", "report.merchant",
            "A merchant's takings by day in a month, the total and the month's settlements (operators); `format=csv` or `xlsx` downloads it as `jiazhou report merchant` writes it.",
            MerchantReportQuery.self, refusals: [.invalid_request, .forbidden, .unknown_account]
        ) { service, query, actor throws(LedgerError) in try service.merchantReport(query.request, actor: actor) } table: { ReportTables.merchant($0) },
        .report(
            "/v1/reports/scope", "report.scope",
            "A scope's awards in a month per volunteer (name where kept, awards, minutes, points, less reversals), for an operator or a coordinator governing it; `format=csv` or `xlsx` downloads it.",
            ScopeReportQuery.self, refusals: [.invalid_request, .forbidden]
        ) { service, query, actor throws(LedgerError) in try service.scopeReport(query.request, actor: actor) } table: { ReportTables.scope($0) },
        .read(
            "/v1/session", "session", "Whom the bearer token acts as: its principal and the principal's kind (the pages ask this first).",
            NoRequest.self, refusals: []
        ) { _, _, actor throws(LedgerError) in Session(principal: actor, kind: actor.kind) },
        .read(
            "/v1/statements/{volunteer}", "statement",
            "A volunteer's record of service (志愿服务证明) that anyone can check offline: each entry's bytes with its inclusion proof against one signed checkpoint, the rule set that gives the stars, and the totals.",
            StatementRequest.self, refusals: [.invalid_request, .forbidden, .unknown_account, .unknown_entry, .rules_invalid, .too_large]
        ) { service, request, actor throws(LedgerError) in try service.statement(request, actor: actor) },
        .write(
            .post, "/v1/certificates", "certificate.issue",
            "Issue a service certificate (志愿服务证明) of a volunteer (the volunteer itself, or a principal governing its scope): a number that cannot be guessed (`JZ-` and 28 Crockford base32 characters in groups of four), the issuing office, the time, and the statement of this moment, kept as a snapshot. Only the number's SHA-256 is stored. Takes no Idempotency-Key.",
            CertificateIssueRequest.self, refusals: [.invalid_request, .too_large, .forbidden, .unknown_account, .unknown_entry, .rules_invalid],
            takesIdempotencyKey: false
        ) { service, request, actor, key in service.enqueueIssueCertificate(request, actor: actor, key: key) },
        .publicRead(
            "/v1/certificates/{number}", "certificate.get",
            "The certificate of a number, for anyone who holds it (no token): number, issued time, office, volunteer and the statement as issued, which verifies against its own checkpoint. A text that cannot be a number is 400; any other number not issued is 404 `unknown_certificate`.",
            CertificateGetRequest.self, refusals: [.invalid_request, .unknown_certificate]
        ) { service, request throws(LedgerError) in try service.certificate(request) },
        .publicText(
            "/v1/qr", "qr", "A QR code (ISO/IEC 18004, byte mode, level M) of `text`, up to 1024 bytes, as SVG: what the pages draw codes with.",
            QRImageRequest.self, contentType: "image/svg+xml", refusals: [.invalid_request]
        ) { _, request throws(LedgerError) in try request.svg() },
        .system("/healthz", "healthz", "Whether the server is up and answering.", output: .json(SchemaRecorder.schema(of: Health.self))) { _ in
            try encoded(Health(status: "ok"))
        },
        .system(
            "/metrics", "metrics", "Prometheus text: requests by route and status, latency, ledger and database size, commit group sizes.",
            output: .text(ServerMetrics.contentType)
        ) { services in .text(services.metrics.exposition(ledger: services.ledger), contentType: ServerMetrics.contentType) },
        .system("/openapi.json", "openapi", "This document: every route, built from the server's route table.", output: .json(.any)) { services in
            .json(services.openAPI)
        },
    ]
}

/// The request of an operation that takes none: an empty object, so that
/// any query parameter is refused.
struct NoRequest: Codable, Sendable {
    private enum NoKeys: CodingKey {}

    init() {}

    init(from decoder: any Decoder) throws {
        _ = try decoder.container(keyedBy: NoKeys.self)
    }

    func encode(to encoder: any Encoder) throws {
        _ = encoder.container(keyedBy: NoKeys.self)
    }
}

/// `/healthz`'s answer.
struct Health: Codable, Sendable {
    var status: String
}
