public import JiazhouCore
import JiazhouStorage
import Foundation

/// `account.update`: suspends a merchant or a volunteer, or makes it active
/// again, by an operator or a coordinator whose scope contains the account;
/// or sets a merchant's catalogue (item → price in points, replacing the
/// last one; `[]` clears it), which the merchant may also do itself, so
/// that a till redeems by item.
///
/// A suspended merchant takes no redemptions (its reversals are the
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
    public var status: AccountStatus?
    /// A merchant's whole catalogue; at most ``maxCatalogueItems``.
    public var catalogue: [CatalogueItem]?
    /// Why, for the record (1–1024 bytes), optional.
    public var reason: String?

    public init(account: AccountID, status: AccountStatus? = nil, catalogue: [CatalogueItem]? = nil, reason: String? = nil) {
        self.account = account
        self.status = status
        self.catalogue = catalogue
        self.reason = reason
    }

    /// Most items in one catalogue: it is one entry, within its size limit.
    public static let maxCatalogueItems = 200
}

/// One item of a merchant's catalogue.
public struct CatalogueItem: Codable, Sendable, Equatable {
    /// 1–``maxItemBytes`` bytes on one line, as the till names it (`拿铁`).
    public var item: String
    public static let maxItemBytes = 64
    public var points: Int64

    public init(item: String, points: Int64) {
        self.item = item
        self.points = points
    }
}

public struct AccountUpdateResult: Codable, Sendable, Equatable {
    public var seq: Int64
    public var account: AccountID
    /// The account's status after the update.
    public var status: AccountStatus
}

extension LedgerService {
    public func updateAccount(_ request: AccountUpdateRequest, actor: AccountID, key: String?) async throws(LedgerError) -> AccountUpdateResult {
        try await enqueueUpdateAccount(request, actor: actor, key: key).value
    }

    /// Validates and enqueues; requests enqueued one after another commit in that order.
    public func enqueueUpdateAccount(_ request: AccountUpdateRequest, actor: AccountID, key: String?) -> Durable<AccountUpdateResult> {
        do throws(LedgerError) {
            try Self.validateUpdate(request)
        } catch {
            return Durable(refused: error)
        }
        return write("account.update", actor: actor, key: key, params: request) { context in
            let reader = context.reader
            guard let account = try reader.account(request.account) else { throw LedgerError(.unknown_account, "\(request.account) is not open") }
            try Self.validateKind(request)
            let authorization = try Authorization(actor: actor, reader: reader)
            // A shop prices its own goods; only the office suspends.
            guard authorization.governs(account.scope) || (request.status == nil && actor == request.account) else {
                throw LedgerError(.forbidden, "\(actor) may not update \(request.account); an operator or a coordinator of \(account.scope) may\(request.status == nil ? ", or the merchant itself" : "")")
            }
            let current = try reader.status(of: request.account)
            if let status = request.status, status == current, request.catalogue == nil {
                throw LedgerError(.nothing_to_do, "\(request.account) is already \(status.rawValue); nothing to write")
            }
            var data: [String: JSONValue] = ["account": .string(request.account.text)]
            if let status = request.status { data["status"] = .string(status.rawValue) }
            if let catalogue = request.catalogue {
                data["catalogue"] = .array(catalogue.map { ["item": .string($0.item), "points": .integer($0.points)] })
            }
            if let reason = request.reason { data["reason"] = .string(reason) }
            let sealed = try context.append(.accountUpdate, data: .object(data))
            return AccountUpdateResult(seq: sealed.entry.seq, account: request.account, status: request.status ?? current)
        }
    }

    static func validateUpdate(_ request: AccountUpdateRequest) throws(LedgerError) {
        guard request.status != nil || request.catalogue != nil else { throw LedgerError(.invalid_request, "give a status, a catalogue or both") }
        if let catalogue = request.catalogue {
            guard catalogue.count <= AccountUpdateRequest.maxCatalogueItems else {
                throw LedgerError(.too_large, "a catalogue has at most \(AccountUpdateRequest.maxCatalogueItems) items")
            }
            for entry in catalogue {
                // One line of text: a till shows it, and SQLite's length() stops at a NUL.
                guard (1...CatalogueItem.maxItemBytes).contains(entry.item.utf8.count), !entry.item.unicodeScalars.contains(where: { $0.value < 0x20 }),
                    entry.points > 0, entry.points <= Int64(Limits.maxSafeInteger)
                else {
                    throw LedgerError(.invalid_request, "a catalogue item is a name of 1–\(CatalogueItem.maxItemBytes) bytes on one line and a price of 1 to 2^53 points")
                }
            }
            guard Set(catalogue.map(\.item)).count == catalogue.count else { throw LedgerError(.invalid_request, "an item is listed twice in the catalogue") }
        }
        if let reason = request.reason, reason.trimmingCharacters(in: .whitespaces).isEmpty || reason.utf8.count > Limits.textBytes {
            throw LedgerError(.invalid_request, "a reason is 1–\(Limits.textBytes) bytes of text")
        }
    }

    /// What the account's kind allows (`not_applicable`), checked once the
    /// account is known to be open, so that an id no one opened is
    /// `unknown_account` whatever the body.
    static func validateKind(_ request: AccountUpdateRequest) throws(LedgerError) {
        if request.status != nil, request.account.kind != .merchant, request.account.kind != .volunteer {
            throw LedgerError(.not_applicable, "only merchants and volunteers are suspended, not \(request.account); a principal's access ends by revoking its tokens")
        }
        if request.catalogue != nil, request.account.kind != .merchant {
            throw LedgerError(.not_applicable, "only merchants have a catalogue, not \(request.account)")
        }
    }

    /// Refuses with `account_suspended` if `account` is suspended; `role`
    /// says what it would have done, for the message.
    static func requireActive(_ account: AccountID, _ role: String, reader: any LedgerReading) throws {
        guard try reader.status(of: account) == .active else {
            throw LedgerError(.account_suspended, "\(account) is suspended and may not \(role); the office (an operator or its coordinator) can make it active again")
        }
    }
}
