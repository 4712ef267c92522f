import Foundation

/// Where in the plan a target is stated: an article, or a chapter's introduction.
public enum TargetSource: Sendable, Hashable, Comparable {
    case article(Int)
    case chapterIntroduction(Int)

    /// The catalog and CSV spelling: `3` for article 3, `ch2-intro` for chapter 2's introduction.
    public var code: String {
        switch self {
        case .article(let n): String(n)
        case .chapterIntroduction(let n): "ch\(n)-intro"
        }
    }

    /// Parses `code`; `nil` for anything else.
    public init?(code: String) {
        let trimmed = code.first?.isWhitespace == true || code.last?.isWhitespace == true ? code.trimmingCharacters(in: .whitespaces) : code
        if let n = Int(trimmed), n > 0 {
            self = .article(n)
        } else if trimmed.hasPrefix("ch"), trimmed.hasSuffix("-intro"),
            let n = Int(trimmed.dropFirst(2).dropLast(6)), n > 0
        {
            self = .chapterIntroduction(n)
        } else {
            return nil
        }
    }
}
