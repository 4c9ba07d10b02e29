public import JiazhouCore
import JiazhouRules
import JiazhouStorage

/// A merchant's month for the office: takings by day, the total, and the
/// settlements written in the month. Read from the merchant's movements, so
/// it costs one pass over that merchant's entries, not the ledger's.
public struct MerchantReportRequest: Codable, Sendable, Equatable {
    public var merchant: AccountID
    /// `2026-12`.
    public var month: String
    public init(merchant: AccountID, month: String) {
        self.merchant = merchant
        self.month = month
    }
}

public struct MerchantReport: Codable, Sendable, Equatable {
    public struct Day: Codable, Sendable, Equatable {
        /// `2026-12-05`, in the rule set's zone.
        public var day: String
        public var redeemed: Int64
        public var reversed: Int64
        /// Redeemed less reversed.
        public var takings: Int64
    }

    public struct Settlement: Codable, Sendable, Equatable {
        public var seq: Int64
        public var day: String
        public var points: Int64
        public var throughSeq: Int64

        enum CodingKeys: String, CodingKey {
            case seq, day, points
            case throughSeq = "through_seq"
        }
    }

    public var merchant: AccountID
    public var month: String
    /// Only days with a redemption or a reversal of one, oldest first.
    public var days: [Day]
    public var total: Int64
    public var settlements: [Settlement]
}

extension LedgerService {
    public func merchantReport(_ request: MerchantReportRequest, actor: AccountID) throws(LedgerError) -> MerchantReport {
        guard request.merchant.kind == .merchant else { throw LedgerError(.invalid_request, "a merchant report is of a merchant, not \(request.merchant)") }
        guard Self.isMonth(request.month) else { throw LedgerError(.invalid_request, "a month is written YYYY-MM, like 2026-12, not \(request.month)") }
        return try read { reader in
            try Authorization(actor: actor, reader: reader).requireOperator("read a merchant's monthly report")
            guard try reader.account(request.merchant) != nil else { throw LedgerError(.unknown_account, "\(request.merchant) is not open") }
            let rules = try currentRuleSet(reader: reader)
            var days: [String: MerchantReport.Day] = [:]
            var settlements: [MerchantReport.Settlement] = []
            var after: Int64? = nil
            while true {
                let page = try reader.movements(of: request.merchant, after: after, limit: 1000)
                for movement in page {
                    guard let entry = try reader.entry(movement.seq)?.entry else { throw LedgerError(.ledger_invalid, "entry \(movement.seq) is missing") }
                    if entry.kind == .settle {
                        let day = rules.redemptionDay(at: entry.time)
                        guard day.hasPrefix(request.month + "-") else { continue }
                        settlements.append(
                            .init(seq: entry.seq, day: day, points: -movement.points, throughSeq: entry.data["through_seq"]?.integerValue ?? entry.seq - 1))
                        continue
                    }
                    // A redemption's reversal counts on the redemption's day (it copies `periods.day`), as the daily limit and `takings_today` do.
                    guard entry.kind == .redeem || entry.isRedemptionReversal, let day = entry.redemptionDay,
                        day.hasPrefix(request.month + "-")
                    else { continue }
                    var figures = days[day] ?? .init(day: day, redeemed: 0, reversed: 0, takings: 0)
                    if entry.kind == .redeem { figures.redeemed += movement.points } else { figures.reversed -= movement.points }
                    figures.takings = figures.redeemed - figures.reversed
                    days[day] = figures
                }
                guard page.count == 1000, let last = page.last else { break }
                after = last.seq
            }
            let sorted = days.values.sorted { $0.day < $1.day }
            return MerchantReport(
                merchant: request.merchant, month: request.month, days: sorted, total: sorted.reduce(0) { $0 + $1.takings }, settlements: settlements)
        }
    }

    static func isMonth(_ text: String) -> Bool {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        // Digits only: Int("+1") is 1, and "2026-+1" is no month.
        guard parts.count == 2, parts[0].count == 4, parts[1].count == 2, text.utf8.allSatisfy({ $0 == UInt8(ascii: "-") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
            let year = Int(parts[0]), let month = Int(parts[1])
        else { return false }
        return year >= 1970 && (1...12).contains(month)
    }
}
