public import JiazhouCore
import JiazhouStore
import Foundation

/// `account.update`: suspends a merchant or a volunteer, or makes it active
/// again, by an operator or a coordinator whose scope contains the account.
///
/// A suspended merchant takes no redemptions (its refunds are the
/// operator's to make); a suspended volunteer asks for no codes, spends and
/// gives nothing and receives no gifts. Awards go on: the service record is
/// not points changing hands. Settlement goes on: the office still pays
/// what a merchant took before. Coordinators and operators are not
/// suspended: their access ends by revoking their tokens.
///
/// ```swift
/// try await ledger.updateAccount(AccountUpdateRequest(account: cafe, status: .suspended, reason: "核销异常，暂停待查"), actor: office, key: "suspend-1")
/// ```
public struct AccountUpdateRequest: Codable, Sendable, Equatable {
    public var account: AccountID
    public var status: AccountStatus
    /// Why, for the record (1–1024 bytes), optional.
    public var reason: String?

    public init(account: AccountID, status: AccountStatus, reason: String? = nil) {
        self.account = account
        self.status = status
        self.reason = reason
    }
}

public struct AccountUpdateResult: Codable, Sendable, Equatable {
    public var seq: Int64
    public var account: AccountID
    public var status: AccountStatus
}

extension LedgerService {
    public func updateAccount(_ request: AccountUpdateRequest, actor: AccountID, key: String?) async throws(LedgerError) -> AccountUpdateResult {
        try await enqueueUpdateAccount(request, actor: actor, key: key).value
    }

    /// Validates and enqueues; requests enqueued one after another commit in that order.
    public func enqueueUpdateAccount(_ request: AccountUpdateRequest, actor: AccountID, key: String?) -> Durable<AccountUpdateResult> {
        guard request.account.kind == .merchant || request.account.kind == .volunteer else {
            return Durable(refused: LedgerError(
                .invalid_request, "only merchants and volunteers are suspended, not \(request.account); a principal's access ends by revoking its tokens"))
        }
        if let reason = request.reason, reason.trimmingCharacters(in: .whitespaces).isEmpty || reason.utf8.count > Limits.textBytes {
            return Durable(refused: LedgerError(.invalid_request, "a reason is 1–\(Limits.textBytes) bytes of text"))
        }
        return write("account.update", actor: actor, key: key, params: request) { context in
            let reader = context.reader
            guard let account = try reader.account(request.account) else { throw LedgerError(.unknown_account, "\(request.account) is not open") }
            let authorization = try Authorization(actor: actor, reader: reader)
            guard authorization.governs(account.scope) else {
                throw LedgerError(.forbidden, "\(actor) may not suspend or reactivate \(request.account); an operator or a coordinator of \(account.scope) may")
            }
            guard try reader.status(of: request.account) != request.status else {
                throw LedgerError(.invalid_request, "\(request.account) is already \(request.status.rawValue); nothing to write")
            }
            var data: [String: JSONValue] = ["account": .string(request.account.text), "status": .string(request.status.rawValue)]
            if let reason = request.reason { data["reason"] = .string(reason) }
            let sealed = try context.append(.accountUpdate, data: .object(data))
            return AccountUpdateResult(seq: sealed.entry.seq, account: request.account, status: request.status)
        }
    }

    /// Refuses with `account_suspended` if `account` is suspended; `role`
    /// says what it would have done, for the message.
    static func requireActive(_ account: AccountID, _ role: String, reader: StoreReader) throws {
        guard try reader.status(of: account) == .active else {
            throw LedgerError(.account_suspended, "\(account) is suspended and may not \(role); the office (an operator or its coordinator) can make it active again")
        }
    }
}
