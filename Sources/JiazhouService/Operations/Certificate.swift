public import JiazhouCore
import JiazhouStorage

/// `certificate.issue`: a volunteer's service certificate (志愿服务证明) with
/// a number that anyone may use to fetch it (`certificate.get`), the office
/// that issued it and the statement of that moment (Ledger/SPEC.md §18).
///
/// Issuing writes no entry (a certificate is not points) but goes through
/// the one writer, so that the number exists before it is printed. It takes
/// no idempotency key: replaying a first result would mean keeping the
/// number in clear, which is what only hashing it prevents; asking twice
/// is harmless (two numbers, each a snapshot that verifies).
public struct CertificateIssueRequest: Codable, Sendable, Equatable {
    public var volunteer: AccountID

    public init(volunteer: AccountID) {
        self.volunteer = volunteer
    }
}

/// `certificate.get`: the certificate of a number, for anyone who holds it.
public struct CertificateGetRequest: Codable, Sendable, Equatable {
    public var number: CertificateNumber

    public init(number: CertificateNumber) {
        self.number = number
    }
}

/// A certificate as issued and as fetched.
public struct IssuedCertificate: Codable, Sendable, Equatable {
    public var number: CertificateNumber
    public var issued: Timestamp
    /// The office named as issuer (开具单位).
    public var office: String
    public var volunteer: AccountID
    /// The statement as made when the certificate was issued, without personal data.
    public var statement: Statement
}

extension LedgerService {
    /// The office named on certificates unless the ledger's meta
    /// `certificate_office` names another (`jiazhou init --office`): the
    /// district of SEED-FACTS, whose points programme is 嘉州积分.
    public static let defaultCertificateOffice = "乐山市市中区“嘉州积分”志愿服务平台"

    /// The meta field that names the issuing office.
    static let certificateOfficeMeta = "certificate_office"
    /// The longest office name (the table's CHECK).
    static let certificateOfficeCharacters = 200

    public func issueCertificate(_ request: CertificateIssueRequest, actor: AccountID, key: String?) async throws(LedgerError) -> IssuedCertificate {
        try await enqueueIssueCertificate(request, actor: actor, key: key).value
    }

    /// Makes the statement on a snapshot (with its authorization: the
    /// volunteer, or a principal governing its scope), then enqueues the row.
    /// The statement is made before the write, so that a long one never
    /// holds the one writer; it is of the latest checkpoint either way,
    /// since issuing appends nothing.
    public func enqueueIssueCertificate(_ request: CertificateIssueRequest, actor: AccountID, key: String?) -> Durable<IssuedCertificate> {
        guard key == nil else {
            return Durable(refused: LedgerError(.invalid_request, "certificate.issue takes no idempotency key: its number is a secret the ledger keeps only as a hash; ask again for a new certificate"))
        }
        let statement: Statement
        let bytes: [UInt8]
        do throws(LedgerError) {
            guard request.volunteer.kind == .volunteer else {
                throw LedgerError(.invalid_request, "certificates are of volunteers' service, not of \(request.volunteer)")
            }
            statement = try self.statement(StatementRequest(volunteer: request.volunteer), actor: actor)
            bytes = try JSONValue(encoding: statement).canonicalBytes
            guard bytes.count <= Limits.certificateStatementBytes else {
                throw LedgerError(.too_large, "\(request.volunteer)'s statement is \(bytes.count) bytes; a certificate keeps at most \(Limits.certificateStatementBytes)")
            }
        } catch {
            return Durable(refused: error)
        }
        return write("certificate.issue", actor: actor, key: nil, params: request) { context in
            let office = try context.reader.meta(Self.certificateOfficeMeta) ?? Self.defaultCertificateOffice
            // 140 bits never collide in practice; a collision draws again, and eight say the random source is broken.
            for _ in 0..<8 {
                let number = CertificateNumber(randomBytes: context.service.random.bytes(CertificateNumber.randomBytes))
                let row = StoredCertificate(
                    numberHash: number.hash, volunteer: statement.volunteer, issued: context.time, office: office, issuedBy: actor, statement: bytes)
                if try context.writer.insertCertificate(row) {
                    return IssuedCertificate(number: number, issued: context.time, office: office, volunteer: statement.volunteer, statement: statement)
                }
            }
            throw LedgerError(.storage_unavailable, "eight random certificate numbers in a row were already taken: the random source is broken")
        }
    }

    /// The certificate of `request.number`, for anyone: the number is the
    /// permission. An unknown number is `unknown_certificate`, whatever the
    /// reason (never issued, mistyped).
    public func certificate(_ request: CertificateGetRequest) throws(LedgerError) -> IssuedCertificate {
        try read { reader in
            guard let stored = try reader.certificate(numberHash: request.number.hash) else {
                throw LedgerError(.unknown_certificate, "no certificate has the number \(request.number); check it against the paper, or ask the office that issued it")
            }
            let statement: Statement
            do {
                statement = try JSONValueDecoder(root: "statement").decode(Statement.self, from: try JSONParser.parse(stored.statement))
            } catch {
                throw LedgerError(.ledger_invalid, "the statement kept for certificate \(request.number) is damaged", cause: "\(error)")
            }
            return IssuedCertificate(number: request.number, issued: stored.issued, office: stored.office, volunteer: stored.volunteer, statement: statement)
        }
    }
}
