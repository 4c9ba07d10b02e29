import Foundation
import JiazhouCore
import JiazhouRules
import JiazhouQR
import JiazhouService

/// The printable service certificate (志愿服务证明): what the statement
/// proves, for a person to read, with a short fingerprint of the checkpoint
/// so that anyone can match the paper to the signed record.
struct Certificate {
    let statement: Statement
    /// The numbered certificate, once issued (`jiazhou statement --issue`).
    var issued: IssuedCertificate?
    /// The public check page for its number, printed as a QR code.
    var checkLink: String?

    /// The day of `time` in China Standard Time (UTC+8), the programme's zone.
    static func day(_ time: Timestamp) -> String { String(time.format(offsetMinutes: 480).prefix(10)) }

    /// First 16 hex digits of SHA-256 of the signed checkpoint, in groups of four.
    var fingerprint: String {
        let hex = TreeHasher.sha256(Array(statement.checkpoint.utf8)).hex.prefix(16)
        return stride(from: 0, to: 16, by: 4).map { i in String(hex.dropFirst(i).prefix(4)) }.joined(separator: " ")
    }

    private struct Row {
        var date: String
        var activity: String
        var category: String
        var minutes: Int64
        var points: Int64
        var reversed: Bool
    }

    private var rows: [Row] {
        let entries = statement.entries.compactMap { try? Entry(canonicalBytes: Array($0.entry.utf8)) }
        let reversed = Set(entries.filter { $0.kind == .reverse }.compactMap { $0.data["seq"]?.integerValue })
        let labels = (try? Entry(canonicalBytes: Array(statement.rules.entry.utf8)).data["text"]?.stringValue.map { try RuleSet(yaml: $0) })??
            .categories.mapValues(\.label) ?? [:]
        return entries.filter { $0.kind == .award }.map { entry in
            let activity = entry.data["activity"]
            let category = activity?["category"]?.stringValue ?? ""
            return Row(
                date: String((activity?["start"]?.stringValue ?? "").prefix(10)), activity: activity?["title"]?.stringValue ?? activity?["id"]?.stringValue ?? "",
                category: labels[category] ?? category, minutes: entry.data["minutes"]?.integerValue ?? 0,
                points: entry.postings.reduce(0) { $0 + $1.points }, reversed: reversed.contains(entry.seq))
        }
    }

    /// 开具单位, date and number, with the check link's QR code: what makes
    /// the paper a certificate rather than a printout.
    private func issueFacts() throws(QRError) -> String {
        guard let issued else { return "" }
        let qr = try checkLink.map { link throws(QRError) in
            "<figure class=\"qr\">" + (try QRCode(encoding: link)).svg(title: "核验二维码 \(issued.number)") + "<figcaption>扫码核验</figcaption></figure>"
        }
        return """
            <div class="seal"><dl>
            <dt>开具单位</dt><dd>\(escape(issued.office))</dd>
            <dt>开具日期</dt><dd>\(Self.day(issued.issued))</dd>
            <dt>证明编号</dt><dd class="number">\(escape(issued.number.description))</dd>
            </dl>\(qr ?? "")</div>
            """
    }

    func html() throws(QRError) -> String {
        let name = statement.profile?["name"]?.stringValue
        let stars = String(repeating: "★", count: statement.stars) + String(repeating: "☆", count: max(0, 5 - statement.stars))
        let lines = rows.map { row in
            "<tr\(row.reversed ? " class=\"reversed\"" : "")><td>\(escape(row.date))</td><td>\(escape(row.activity))</td><td>\(escape(row.category))</td><td class=\"n\">\(row.minutes)</td><td class=\"n\">\(row.points)</td></tr>"
        }.joined(separator: "\n")
        return """
            <!doctype html>
            <html lang="zh-CN"><head><meta charset="utf-8"><title>志愿服务证明 — \(escape(statement.volunteer.name))</title>
            <style>
            body { font-family: "Noto Serif CJK SC", "Songti SC", serif; max-width: 46em; margin: 2em auto; color: #222; }
            h1 { text-align: center; letter-spacing: .5em; } .lead { font-size: 1.15em; line-height: 1.8; }
            table { width: 100%; border-collapse: collapse; margin: 1em 0; } td, th { border-bottom: 1px solid #ccc; padding: .3em .5em; text-align: left; }
            .n { text-align: right; } .reversed td { text-decoration: line-through; color: #999; }
            .proof { font-family: monospace; font-size: .85em; color: #555; border-top: 2px solid #222; padding-top: 1em; }
            .seal { display: flex; justify-content: space-between; align-items: center; margin: 1.5em 0; }
            .seal dl { display: grid; grid-template-columns: auto 1fr; gap: .3em 1em; margin: 0; } .seal dt { font-weight: bold; }
            .seal .number { font-family: monospace; } .qr { margin: 0; text-align: center; } .qr svg { width: 32mm; height: 32mm; }
            </style></head><body>
            <h1>志愿服务证明</h1>
            <p class="lead">兹证明 <strong>\(escape(name ?? statement.volunteer.name))</strong>（志愿者编号 \(escape(statement.volunteer.name))）
            累计志愿服务 <strong>\(statement.minutes / 60) 小时 \(statement.minutes % 60) 分钟</strong>，星级 <strong>\(stars)</strong>，
            获得积分 <strong>\(statement.earned)</strong>，当前积分余额 \(statement.balance)。</p>
            <table><tr><th>日期</th><th>活动</th><th>类别</th><th class="n">时长（分钟）</th><th class="n">积分</th></tr>
            \(lines)
            </table>
            \(try issueFacts())
            <p class="proof">Verifiable record: \(statement.entries.count) ledger entries proven in checkpoint \(escape(statement.origin)) at size \(statement.size).<br>
            Checkpoint fingerprint: <strong>\(fingerprint)</strong><br>
            \(checkLink.map { "Check online: <code>\(escape($0))</code><br>" } ?? "")\
            Check: <code>jiazhou verify-statement statement.json --key &lt;verifier key&gt;</code></p>
            </body></html>

            """
    }

    private func escape(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\"", with: "&quot;")
    }
}
