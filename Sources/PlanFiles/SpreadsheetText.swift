import Foundation

/// Text written into a CSV file that people open in Excel or WPS: a cell that starts with `=`,
/// `+`, `-`, `@`, a tab or a carriage return would be read as a formula (CSV injection), so such a
/// cell gets a leading apostrophe, which spreadsheets show as text. Reading a file back removes
/// the apostrophe again, so a template round-trips.
public enum SpreadsheetText {
    static let formulaStarts: Set<Character> = ["=", "+", "-", "@", "\t", "\r"]

    /// `text` safe to open in a spreadsheet.
    public static func neutralized(_ text: String) -> String {
        guard let first = text.first, formulaStarts.contains(first) else { return text }
        return "'" + text
    }

    /// `text` as it was before ``neutralized(_:)``.
    public static func restored(_ text: String) -> String {
        guard text.hasPrefix("'"), let second = text.dropFirst().first, formulaStarts.contains(second) else { return text }
        return String(text.dropFirst())
    }
}
