/// What an entry adds to the figures that caps and budgets are checked
/// against: a volunteer's counted points and minutes in a day, ISO week
/// and month, an issuer's awarded points in a month.
public struct UsageDelta: Sendable, Hashable {
    public var account: AccountID
    /// `day:2026-11-23`, `week:2026-W48`, `month:2026-11`, `budget:2026-11`.
    public var period: String
    public var points: Int64
    public var minutes: Int64

    /// An account in a period.
    public struct Key: Sendable, Hashable {
        public var account: AccountID
        public var period: String

        public init(account: AccountID, period: String) {
            self.account = account
            self.period = period
        }
    }

    public var key: Key { Key(account: account, period: period) }
}

/// What an entry does to the lots points are earned in.
public enum LotChange: Sendable, Equatable {
    /// An award (or a transfer, for its recipient) opens a lot of its
    /// points, spendable from `available`.
    case open(seq: Int64, volunteer: AccountID, points: Int64, available: Timestamp, expires: Timestamp?)
    /// Points taken from the lot the award `seq` opened.
    case take(seq: Int64, points: Int64)
    /// Points a redemption's reversal puts back into the lot of award `seq` they were spent from.
    case restore(seq: Int64, points: Int64)
}

extension Entry {
    /// An award's usage, from the periods it records (`data.periods`); a
    /// reversal of an award takes the same back.
    public var usageDeltas: [UsageDelta] {
        let sign: Int64
        switch kind {
        case .award: sign = 1
        case .reverse where data["reversed_kind"]?.stringValue == Kind.award.rawValue: sign = -1
        case .redeem: return redemptionUsageDeltas
        case .reverse where isRedemptionReversal: return redemptionUsageDeltas
        case .transfer: return transferUsageDeltas
        case .reverse where isTransferReversal: return transferUsageDeltas
        default: return []
        }
        if let award { return Self.usageDeltas(award, sign: sign, postings: postings) }
        guard let periods = data["periods"], let volunteer = serviceVolunteer else { return [] }
        let points = postings.reduce(0) { $0 + $1.points }
        let minutes = data["minutes"]?.integerValue ?? 0
        var deltas: [UsageDelta] = []
        for (field, prefix) in [("day", "day:"), ("week", "week:"), ("month", "month:")] {
            if let period = periods[field]?.stringValue {
                deltas.append(UsageDelta(account: volunteer, period: prefix + period, points: sign * points, minutes: sign * minutes))
            }
        }
        let issuer = sign > 0 ? postings.first?.from : postings.first?.to
        if let issuer, let month = periods["budget_month"]?.stringValue {
            deltas.append(UsageDelta(account: issuer, period: "budget:" + month, points: sign * points, minutes: 0))
        }
        return deltas
    }

    /// A typed award's usage: the same deltas as the JSON path gives.
    private static func usageDeltas(_ award: AwardData, sign: Int64, postings: [Posting]) -> [UsageDelta] {
        var points: Int64 = 0
        for p in postings { points += p.points }
        let volunteer = award.volunteer
        var deltas = [
            UsageDelta(account: volunteer, period: "day:" + award.periods.day, points: sign * points, minutes: sign * award.minutes),
            UsageDelta(account: volunteer, period: "week:" + award.periods.week, points: sign * points, minutes: sign * award.minutes),
            UsageDelta(account: volunteer, period: "month:" + award.periods.month, points: sign * points, minutes: sign * award.minutes),
        ]
        if let issuer = postings.first?.from {
            deltas.append(UsageDelta(account: issuer, period: "budget:" + award.periods.budgetMonth, points: sign * points, minutes: 0))
        }
        return deltas
    }

    /// The lot an award opens (`data.lot`), the lots a redemption's reversal
    /// puts points back into (`data.lots`), what a transfer or its reversal moves
    /// (`Entry+Transfer.swift`), or the lots any other entry takes from
    /// (`data.lots`: a redemption, a reversal of an award, an expiry).
    public var lotChanges: [LotChange] {
        switch kind {
        case .award:
            if let award {
                guard let lot = award.lot else { return [] }
                var points: Int64 = 0
                for p in postings where p.to == award.volunteer { points += p.points }
                guard points > 0 else { return [] }
                return [.open(seq: seq, volunteer: award.volunteer, points: points, available: lot.available, expires: lot.expires)]
            }
            guard let lot = data["lot"], let volunteer = serviceVolunteer,
                let available = lot["available"]?.stringValue.flatMap(Timestamp.init(rfc3339:))
            else { return [] }
            let points = postings.filter { $0.to == volunteer }.reduce(0) { $0 + $1.points }
            guard points > 0 else { return [] }
            let expires = lot["expires"]?.stringValue.flatMap(Timestamp.init(rfc3339:))
            return [.open(seq: seq, volunteer: volunteer, points: points, available: available, expires: expires)]
        case .reverse where isRedemptionReversal:
            return recordedLots.map { .restore(seq: $0.seq, points: $0.points) }
        case .transfer:
            return transferLotChanges
        case .reverse where isTransferReversal:
            return transferLotChanges
        default:
            return recordedLots.map { .take(seq: $0.seq, points: $0.points) }
        }
    }

    /// `data.lots` as `[{seq, points}]`; malformed members are skipped (verify reports what they break).
    public var recordedLots: [(seq: Int64, points: Int64)] {
        switch payload {
        case .redeem(let redemption): return redemption.lots.map { ($0.seq, $0.points) }
        // Neither typed shape has `lots`: nothing to build their JSON for.
        case .award, .accountOpen: return []
        case .json: break
        }
        return (data["lots"]?.arrayValue ?? []).compactMap { lot in
            guard let seq = lot["seq"]?.integerValue, let points = lot["points"]?.integerValue else { return nil }
            return (seq, points)
        }
    }
}
