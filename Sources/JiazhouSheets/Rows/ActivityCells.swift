import JiazhouCore

/// Reads the per-row activity cells: id, category and tags, within the
/// limits `Activity.validate()` will hold them to.
enum ActivityCells {
    /// Longest category, in bytes: rule sets name categories in a word or two.
    static let categoryBytes = 64
    /// Longest activity id, in bytes (`Activity.validate()`).
    static let idBytes = 128
    /// Longest tag, in bytes (`Activity.validateTags`).
    static let tagBytes = 64

    static func isActivityID(_ text: String) -> Bool { isText(text, maxBytes: idBytes) }
    static func isCategory(_ text: String) -> Bool { isText(text, maxBytes: categoryBytes) }

    /// Whether `text` is 1…`maxBytes` bytes without control characters.
    static func isText(_ text: String, maxBytes: Int) -> Bool {
        (1...maxBytes).contains(text.utf8.count) && !text.unicodeScalars.contains { $0.value < 0x20 || $0.value == 0x7F }
    }

    /// Tags separated by `;`, `；` or `、`, trimmed, empty ones and repeats
    /// dropped; `nil` if there are more than ``JiazhouCore/Limits/tags`` or one is too long.
    static func tags(_ text: String) -> [String]? {
        var tags: [String] = []
        for part in text.split(whereSeparator: { $0 == ";" || $0 == "；" || $0 == "、" }) {
            let tag = part.trimmingSpaces
            guard !tag.isEmpty, !tags.contains(tag) else { continue }
            guard isText(tag, maxBytes: tagBytes) else { return nil }
            tags.append(tag)
        }
        return tags.count <= Limits.tags ? tags : nil
    }
}
