public import JiazhouCore
import JiazhouStorage

/// A scope's awards in a month, per volunteer, for the office's spreadsheet:
/// hours and points of every award whose activity was in the scope (or
/// below it) and in the month, less their reversals, with the volunteer's
/// name where the profile is kept. One pass over the ledger's entries
/// (awards read by the scanner): a report, not a hot path.
public struct ScopeReportRequest: Codable, Sendable, Equatable {
    public var scope: Scope
    /// `2026-12`: the month of the activities (in the rule set's zone).
    public var month: String
    public init(scope: Scope, month: String) {
        self.scope = scope
        self.month = month
    }
}

public struct ScopeReport: Codable, Sendable, Equatable {
    public struct Volunteer: Codable, Sendable, Equatable {
        public var volunteer: AccountID
        /// From the kept profile, when there is one with a name.
        public var name: String?
        public var awards: Int
        public var minutes: Int64
        public var points: Int64
    }

    public var scope: Scope
    public var month: String
    /// By volunteer id.
    public var volunteers: [Volunteer]
    public var minutes: Int64
    public var points: Int64
}

extension LedgerService {
    /// The report of ``ScopeReportRequest``, for an operator or a coordinator governing the scope.
    public func scopeReport(_ request: ScopeReportRequest, actor: AccountID) throws(LedgerError) -> ScopeReport {
        guard Self.isMonth(request.month) else { throw LedgerError(.invalid_request, "a month is written YYYY-MM, like 2026-12, not \(request.month)") }
        return try read { reader in
            let authorization = try Authorization(actor: actor, reader: reader)
            guard authorization.governs(request.scope) else {
                throw LedgerError(.forbidden, "\(actor) may not read the awards of \(request.scope)")
            }
            // Each counted award by seq, so that a reversal takes back exactly it.
            var counted: [Int64: (volunteer: AccountID, minutes: Int64, points: Int64)] = [:]
            var totals: [AccountID: ScopeReport.Volunteer] = [:]
            try reader.forEachEntry(in: 0..<Int64.max) { seq, bytes, _ in
                let entry = try Entry(canonicalBytes: bytes)
                switch entry.kind {
                case .award:
                    guard let award = entry.award, request.scope.contains(award.activity.scope), award.periods.month == request.month else { return }
                    let points = entry.postings.filter { $0.to == award.volunteer }.reduce(0) { $0 + $1.points }
                    counted[seq] = (award.volunteer, award.minutes, points)
                    totals[award.volunteer, default: .init(volunteer: award.volunteer, awards: 0, minutes: 0, points: 0)].add(1, award.minutes, points)
                case .reverse:
                    guard let original = entry.data["seq"]?.integerValue, let award = counted.removeValue(forKey: original) else { return }
                    totals[award.volunteer]?.add(-1, -award.minutes, -award.points)
                default: return
                }
            }
            var volunteers = totals.values.filter { $0.awards > 0 }.sorted { $0.volunteer < $1.volunteer }
            for i in volunteers.indices {
                if let profile = try reader.profile(of: volunteers[i].volunteer), let name = try? JSONParser.parse(profile.text)["name"]?.stringValue {
                    volunteers[i].name = name
                }
            }
            return ScopeReport(
                scope: request.scope, month: request.month, volunteers: volunteers, minutes: volunteers.reduce(0) { $0 + $1.minutes },
                points: volunteers.reduce(0) { $0 + $1.points })
        }
    }
}

extension ScopeReport.Volunteer {
    mutating func add(_ awards: Int, _ minutes: Int64, _ points: Int64) {
        self.awards += awards
        self.minutes += minutes
        self.points += points
    }
}
