/// Whether an account may take part in the points economy: a suspended
/// merchant takes no redemptions, a suspended volunteer asks for no codes,
/// spends and gives nothing and receives no gifts. Its service record
/// (awards, hours, stars) goes on: suspension is about points changing
/// hands, not about what someone did. Set by `account.update` entries.
public enum AccountStatus: String, Sendable, Codable, CaseIterable {
    case active, suspended
}
