import Foundation
import JiazhouCore
import JiazhouService

/// Plays the demo week against the service, as the district's people would:
/// many requests at once, so that the one writer commits them in groups.
struct DemoPlay {
    let service: LedgerService
    let world: DemoWorld
    let clock: SimulatedClock

    /// Award seqs by activity and volunteer, for the correction.
    private(set) var awards: [String: [AccountID: Int64]] = [:]
    private(set) var firstAward: (request: AwardRequest, actor: AccountID, key: String, result: AwardResult)?
    private(set) var sampleVolunteer: AccountID?
    /// The award whose explanation has the most steps: the one to show.
    private(set) var sampleExplanation: (activity: String, volunteer: AccountID, result: AwardResult)?
    /// An award that a cap or a budget trimmed, if the week had one.
    private(set) var sampleTrimmed: (activity: String, volunteer: AccountID, result: AwardResult)?
    private(set) var trimmedAwards = 0

    /// Requests kept in flight at once.
    static let window = 256

    func openAccounts() async throws {
        let started = Date()
        let all: [(DemoWorld.Person, AccountID)] =
            world.issuers.map { ($0, AccountID.rootOperator) } + world.coordinators.map { ($0, AccountID.rootOperator) }
            + world.merchants.map { ($0, AccountID.rootOperator) }
            + world.volunteers.map { ($0, AccountID(unchecked: .coordinator, "office-\($0.scope.segments[2])")) }
        _ = try await Self.concurrently(all) { person, actor in
            var profile: JSONValue? = nil
            if person.id.kind == .volunteer || person.id.kind == .merchant {
                profile = ["name": .string(person.name), "phone": person.phone.map(JSONValue.string) ?? .null]
            }
            _ = try await service.openAccount(
                AccountOpenRequest(account: person.id, scope: person.scope, tags: person.tags, profile: profile, budget: person.budget),
                actor: actor, key: "open:\(person.id.text)")
        }
        let seconds = Date().timeIntervalSince(started)
        print("opened \(world.issuers.count) issuers, \(world.coordinators.count) coordinators, \(world.merchants.count) merchants and \(world.volunteers.count) volunteers (names and phones kept off the chain) in \(String(format: "%.2f", seconds)) s")
    }

    mutating func playWeek() async throws {
        print("\nthe week of 2026-11-23:")
        let byDay = Dictionary(grouping: world.week.activities) { String($0.start.prefix(10)) }
        for day in byDay.keys.sorted() {
            var points: Int64 = 0
            var count = 0
            for activity in byDay[day]!.sorted(by: { $0.start < $1.start }) {
                let results = try await award(activity)
                points += results.reduce(0) { $0 + $1.points }
                count += results.count
            }
            print("  \(day)  \(byDay[day]!.count) activities, \(count) awards, \(points) points")
        }
    }

    private mutating func award(_ seed: DemoWorld.Week.Activity) async throws -> [AwardResult] {
        let actor = try AccountID(seed.coordinator)
        guard let start = Timestamp(rfc3339: seed.start) else { throw LedgerError(.invalid_request, "week.json: bad start \(seed.start)") }
        let longest = seed.participants.map(\.minutes).max() ?? 0
        clock.advance(to: Timestamp(millisecondsSince1970: start.millisecondsSince1970 + longest * 60_000))
        let requests = try seed.participants.map { participant in
            AwardRequest(
                volunteer: try AccountID("volunteer:\(participant.volunteer)"),
                activity: Activity(
                    id: seed.id, category: seed.category, minutes: participant.minutes, start: seed.start, scope: try Scope(seed.scope),
                    tags: seed.tags))
        }
        let service = self.service
        let results = try await Self.concurrently(requests) { request in
            (request, try await service.award(request, actor: actor, key: "\(seed.id)/\(request.volunteer.name)"))
        }
        for (request, result) in results {
            awards[seed.id, default: [:]][request.volunteer] = result.seq
            if firstAward == nil { firstAward = (request, actor, "\(seed.id)/\(request.volunteer.name)", result) }
            if result.explanation.count > sampleExplanation?.result.explanation.count ?? 0 { sampleExplanation = (seed.name, request.volunteer, result) }
            if result.explanation.contains(where: { $0["rule"]?.stringValue?.hasPrefix("cap.") == true || $0["rule"] == "budget" }) {
                trimmedAwards += 1
                if sampleTrimmed == nil { sampleTrimmed = (seed.name, request.volunteer, result) }
            }
        }
        return results.map(\.1)
    }

    func showIdempotency() async throws {
        guard let first = firstAward else { return }
        let sizeBefore = try service.info().size
        let again = try await service.award(first.request, actor: first.actor, key: first.key)
        let sizeAfter = try service.info().size
        print("\nre-sent award \(first.key) with the same key: seq \(again.seq) again, \(sizeAfter - sizeBefore) entries written")
    }

    mutating func correctMistake() async throws {
        for correction in world.week.corrections {
            let volunteer = try AccountID("volunteer:\(correction.volunteer)")
            guard let seq = awards[correction.activity]?[volunteer],
                let activity = world.week.activities.first(where: { $0.id == correction.activity })
            else { throw LedgerError(.invalid_request, "week.json: the correction names an award the week did not make") }
            let result = try await service.reverse(
                ReverseRequest(seq: seq, reason: correction.reason), actor: try AccountID(activity.coordinator), key: "reverse:\(seq)")
            print("mistaken award \(seq) (\(volunteer) in \(activity.name)) reversed by entry \(result.seq): \(result.points) points back — \(correction.reason)")
            sampleVolunteer = activity.participants.first.flatMap { try? AccountID("volunteer:\($0.volunteer)") }
        }
    }

    /// Runs `body` for every item with at most ``window`` in flight; results in input order.
    static func concurrently<T: Sendable, R: Sendable>(
        _ items: [T], window: Int = window, _ body: @escaping @Sendable (T) async throws -> R
    ) async throws -> [R] {
        try await withThrowingTaskGroup(of: (Int, R).self) { group in
            var results = [R?](repeating: nil, count: items.count)
            var next = 0
            while next < min(window, items.count) {
                let index = next
                group.addTask { (index, try await body(items[index])) }
                next += 1
            }
            while let (index, result) = try await group.next() {
                results[index] = result
                if next < items.count {
                    let index = next
                    group.addTask { (index, try await body(items[index])) }
                    next += 1
                }
            }
            return results.map { $0! }
        }
    }
}
