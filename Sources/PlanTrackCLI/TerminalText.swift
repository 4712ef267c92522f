import Foundation

/// Terminal display of mixed Chinese and Latin text: CJK and full-width characters take two
/// columns, combining marks none.
enum TerminalText {
    /// The number of terminal columns `text` occupies.
    static func width(_ text: some StringProtocol) -> Int {
        text.reduce(0) { $0 + width(of: $1) }
    }

    static func width(of character: Character) -> Int {
        guard let scalar = character.unicodeScalars.first else { return 0 }
        return isWide(scalar.value) ? 2 : (scalar.properties.generalCategory == .nonspacingMark ? 0 : 1)
    }

    /// East Asian Wide and Fullwidth ranges (Unicode UAX #11), the ones Chinese text uses.
    private static func isWide(_ v: UInt32) -> Bool {
        switch v {
        case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF,
            0xA000...0xA4CF, 0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60,
            0xFFE0...0xFFE6, 0x1F300...0x1F64F, 0x20000...0x3FFFD:
            true
        default:
            false
        }
    }

    /// `text` padded with spaces to `columns` (left-aligned, or right-aligned for numbers).
    static func pad(_ text: String, to columns: Int, right: Bool = false) -> String {
        let fill = String(repeating: " ", count: max(0, columns - width(text)))
        return right ? fill + text : text + fill
    }

    /// `text` cut to at most `columns`, ending in … when cut.
    static func truncate(_ text: String, to columns: Int) -> String {
        guard width(text) > columns else { return text }
        var out = ""
        var used = 0
        for c in text {
            let w = width(of: c)
            if used + w > columns - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    /// `text` broken into lines of at most `columns`, each prefixed by `indent`.
    static func wrap(_ text: String, columns: Int, indent: String = "") -> [String] {
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            var used = 0
            for c in paragraph {
                let w = width(of: c)
                if used + w > columns, !line.isEmpty {
                    lines.append(indent + line)
                    line = ""
                    used = 0
                }
                line.append(c)
                used += w
            }
            lines.append(indent + line)
        }
        return lines
    }
}
