/// Recognises the rows of a sign-in sheet that are not participants: a
/// totals row (`合计`, `总计`, `小计`, `total`) and the notes that grid workers
/// write under the table (`备注：…`, `制表人：…`). They are skipped with a
/// note, never awarded and never a problem: the coordinator should not have
/// to edit the sheet to import it.
///
/// Only the row's first non-empty cell is looked at, and only its label is
/// named in the note: what follows `制表人：` is a person's name.
enum NonParticipantRow {
    enum Kind: Equatable {
        case totals(label: String)
        case note(label: String)
    }

    private static let totals: Set<String> = ["合计", "总计", "小计", "共计", "total", "totals"]
    private static let notes: Set<String> = [
        "备注", "注", "说明", "制表人", "制表", "填表人", "审核人", "负责人", "联系人", "制表日期", "填表日期", "note", "notes", "remark", "remarks",
    ]

    /// What the row is, if not a participant; `nil` for any other row.
    static func kind(_ record: Record) -> Kind? {
        record.bytes.withUnsafeBufferPointer { bytes -> Kind? in
            for cell in 0..<record.keptCells {
                let range = CellText.trimmed(bytes, record.range(ofCell: cell))
                guard let first = range.first.map({ bytes[$0] }) else { continue }
                // The common row starts with an id (V000123) or a number: not worth a string.
                guard first >= 0x80 || "tTnNrR".utf8.contains(first) else { return nil }
                return kind(of: String(decoding: CellText.foldingFullWidth(bytes[range]), as: UTF8.self))
            }
            return nil
        }
    }

    static func kind(of text: String) -> Kind? {
        let colon = text.firstIndex { $0 == ":" }
        let label = String((colon.map { text[..<$0] } ?? text[...]).filter { $0 != " " }).lowercased()
        if totals.contains(label) { return .totals(label: label) }
        if colon != nil, notes.contains(label) { return .note(label: label) }
        return nil
    }

    /// The note that says the row was skipped.
    static func note(_ kind: Kind, row: Int) -> String {
        switch kind {
        case .totals(let label): "row \(row) (\(label)) is a totals row: skipped, its figures are not checked"
        case .note(let label): "row \(row) (\(label)：…) is a note, not a participant: skipped"
        }
    }
}
