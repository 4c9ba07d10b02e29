public import JiazhouCore

/// A service certificate (志愿服务证明) as stored: never its number, only
/// the number's SHA-256, so that a copy of the database does not let anyone
/// fetch certificates. Off the chain, like tokens (Ledger/SPEC.md §18).
public struct StoredCertificate: Sendable, Equatable {
    /// SHA-256 of the number's canonical text (`JZ-XXXX-…`).
    public var numberHash: Hash
    public var volunteer: AccountID
    public var issued: Timestamp
    /// The office named on the certificate as its issuer.
    public var office: String
    /// The principal who asked for it (the volunteer, a coordinator, an operator).
    public var issuedBy: AccountID
    /// The statement's canonical JSON bytes as made at `issued`: a snapshot
    /// that verifies against its own checkpoint for ever.
    public var statement: [UInt8]

    public init(numberHash: Hash, volunteer: AccountID, issued: Timestamp, office: String, issuedBy: AccountID, statement: [UInt8]) {
        self.numberHash = numberHash
        self.volunteer = volunteer
        self.issued = issued
        self.office = office
        self.issuedBy = issuedBy
        self.statement = statement
    }
}
