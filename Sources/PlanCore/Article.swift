import Foundation

/// One numbered measure of the plan ("3.完善四级实验室体系。…").
public struct Article: Sendable, Hashable, Codable {
    /// 1-based number, unique across the plan.
    public var number: Int
    /// The chapter it belongs to.
    public var chapter: Int
    /// The section inside the chapter, or `nil` for chapters without sections.
    public var section: Int?
    /// The heading phrase that opens the article, e.g. 完善四级实验室体系.
    public var title: String
    /// The full text as published (after the number), paragraphs separated by a newline.
    public var text: String

    public init(number: Int, chapter: Int, section: Int?, title: String, text: String) {
        self.number = number
        self.chapter = chapter
        self.section = section
        self.title = title
        self.text = text
    }
}
