import Foundation

/// Text typed or uploaded by a user is refused when it holds control characters: a NUL cannot be
/// stored in PostgreSQL (so SQLite data with one could not move there), and escape sequences
/// could reach an operator's terminal. Line breaks and tabs are allowed where text may span
/// lines (comments, explanations, reasons). The check is the same on both databases.
public enum TextInput {
    /// Throws `.invalid` naming the first field (by its key) that holds a control character.
    public static func check(_ fields: [String: String], multiline: Set<String> = []) throws {
        for (name, text) in fields.sorted(by: { $0.key < $1.key }) where hasControlCharacters(text, multiline: multiline.contains(name)) {
            throw ServiceError.invalid(
                zh: "\(name) 含有不允许的控制字符（如 NUL 或转义符）", en: "\(name) contains a control character (such as NUL or ESC), which is not allowed")
        }
    }

    /// Whether `text` holds a C0 or C1 control character or DEL (tab, line feed and carriage
    /// return allowed when `multiline`).
    public static func hasControlCharacters(_ text: String, multiline: Bool) -> Bool {
        text.unicodeScalars.contains { scalar in
            let v = scalar.value
            if multiline, v == 0x09 || v == 0x0A || v == 0x0D { return false }
            return v < 0x20 || (0x7F...0x9F).contains(v)
        }
    }

    /// `text` with every control character shown as a visible escape (`\u{1B}`): for recording
    /// what a hostile client sent without storing the character itself.
    public static func visible(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            let v = scalar.value
            if v < 0x20 || (0x7F...0x9F).contains(v) {
                out += "\\u{\(String(v, radix: 16, uppercase: true))}"
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
