import Foundation

/// Matching as a reader types: case, full- and half-width forms, sub- and superscript characters
/// and the plan text's `_{…}` / `^{…}` markup, and spaces make no difference, so that `PM2.5`,
/// `PM₂.₅`, `ＰＭ２．５` and `PM_{2.5}` all find one another.
public enum SearchText {
    /// `text` folded for matching.
    public static func fold(_ text: String) -> String {
        String(folded(text).characters)
    }

    /// The range of `text` where `needle` matches once both are folded, if it does.
    public static func range(of needle: String, in text: String) -> Range<String.Index>? {
        let pattern = fold(needle)
        guard !pattern.isEmpty else { return nil }
        let (characters, origins) = folded(text)
        let wanted = Array(pattern)
        guard wanted.count <= characters.count else { return nil }
        var i = 0
        while i + wanted.count <= characters.count {
            if characters[i] == wanted[0], Array(characters[i..<(i + wanted.count)]) == wanted {
                let end = i + wanted.count < origins.count ? origins[i + wanted.count] : text.endIndex
                // The end runs to the next kept character: markup closing the match stays inside it.
                return origins[i]..<end
            }
            i += 1
        }
        return nil
    }

    /// Whether `needle` matches somewhere in `text`.
    public static func matches(_ needle: String, in text: String) -> Bool {
        range(of: needle, in: text) != nil
    }

    /// The folded characters of `text`, each with the index of the character it came from.
    static func folded(_ text: String) -> (characters: [Character], origins: [String.Index]) {
        var characters: [Character] = []
        var origins: [String.Index] = []
        var depth = 0
        var i = text.startIndex
        while i < text.endIndex {
            let c = text[i]
            let next = text.index(after: i)
            // `_{` and `^{` open markup, and the `}` that closes one is dropped.
            if c == "_" || c == "^", next < text.endIndex, text[next] == "{" {
                depth += 1
                i = text.index(after: next)
                continue
            }
            if c == "}", depth > 0 {
                depth -= 1
                i = next
                continue
            }
            if c.isWhitespace {
                i = next
                continue
            }
            for f in String(c).precomposedStringWithCompatibilityMapping.lowercased() where !f.isWhitespace {
                characters.append(f)
                origins.append(i)
            }
            i = next
        }
        return (characters, origins)
    }
}
