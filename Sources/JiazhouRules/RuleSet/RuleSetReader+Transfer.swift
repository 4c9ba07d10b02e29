import JiazhouCore
import Yams

/// The `transfer` section: whether volunteers may give points to each other.
extension RuleSetReader {
    static let transferKeys: Set<String> = ["allowed", "giver_day_points", "recipient_day_points", "to_tags"]

    mutating func readTransfer(_ node: Node) -> TransferPolicy {
        var policy = TransferPolicy()
        guard let fields = node.mapping else {
            problems.add("transfer: expected allowed (true or false), giver_day_points, recipient_day_points and to_tags", at: node)
            return policy
        }
        checkKeys(fields, allowed: Self.transferKeys, context: "transfer")
        switch fields["allowed"]?.scalar?.string {
        case "true"?: policy.allowed = true
        case "false"?: policy.allowed = false
        case nil where fields["allowed"] == nil:
            // Said out loud, not implied by the section's presence: gifting is a decision.
            problems.add("transfer.allowed is missing (true or false)", at: node)
        default:
            problems.add("transfer.allowed must be true or false, not \(Self.describe(fields["allowed"]))", at: fields["allowed"])
        }
        policy.giverDayPoints = integer(fields["giver_day_points"], "transfer.giver_day_points", atLeast: 0, required: false, parent: node)
        policy.recipientDayPoints = integer(fields["recipient_day_points"], "transfer.recipient_day_points", atLeast: 0, required: false, parent: node)
        if let tagsNode = fields["to_tags"] {
            let tags = tagsNode.sequence?.compactMap { $0.scalar?.string } ?? []
            if tagsNode.sequence == nil || tags.count != tagsNode.sequence?.count || tags.isEmpty || tags.count > Limits.tags
                || !tags.allSatisfy({ (1...64).contains($0.utf8.count) })
            {
                problems.add("transfer.to_tags must be a list of 1–\(Limits.tags) tags of 1–64 bytes, like [silver_age, 银龄]", at: tagsNode)
            } else {
                policy.toTags = tags
            }
        }
        return policy
    }

    static func describe(_ node: Node?) -> String {
        guard let node else { return "nothing" }
        return node.scalar.map { "\"\($0.string)\"" } ?? "a \(node.kindName)"
    }
}
