import JiazhouCore
import JiazhouStorage

/// Account statuses: replayed from the `account.update` entries and
/// compared with the `account_status` table.
extension LedgerVerifier {
    /// An `account.update` names an account opened before it, and a status
    /// of `active` or `suspended` if it sets one.
    mutating func checkAccountUpdate(_ entry: Entry) {
        guard entry.kind == .accountUpdate else { return }
        guard let id = entry.data["account"]?.stringValue.flatMap({ try? AccountID($0) }), replay.account(id)?.opened != nil else {
            report(entry.seq, "an account.update must name an account opened before it")
            return
        }
        guard let text = entry.data["status"]?.stringValue else { return }
        guard AccountStatus(rawValue: text) != nil else {
            report(entry.seq, "an account.update sets the unknown status \"\(text.prefix(40))\"")
            return
        }
        statuses[id] = (text, entry.seq)
    }

    mutating func checkAccountStatuses() throws {
        var stored: [String: (status: String, seq: Int64)] = [:]
        try reader.forEachAccountStatus { account, status, seq in stored[account] = (status, seq) }
        for (id, replayed) in statuses {
            let row = stored.removeValue(forKey: id.text)
            if row?.status != replayed.status || row?.seq != replayed.seq {
                report(replayed.seq, "\(id): the account_status table says \(row.map { "\($0.status) (entry \($0.seq))" } ?? "nothing"); the entries give \(replayed.status) (entry \(replayed.seq))")
            }
        }
        for (account, row) in stored { report(row.seq, "\(account): the account_status table holds \(row.status), which no account.update sets") }
    }
}
