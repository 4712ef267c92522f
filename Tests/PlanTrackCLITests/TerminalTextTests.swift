import Testing

@testable import PlanTrackCLI

@Suite struct TerminalTextTests {
    @Test(arguments: [("abc", 3), ("山东", 4), ("R&D强度2.6%", 11), ("（一）", 6), ("", 0)])
    func widths(text: String, width: Int) {
        #expect(TerminalText.width(text) == width)
    }

    @Test func padAndTruncate() {
        #expect(TerminalText.pad("山东", to: 6) == "山东  ")
        #expect(TerminalText.pad("12", to: 4, right: true) == "  12")
        #expect(TerminalText.truncate("推动高水平科技自立自强", to: 9) == "推动高水…")
        #expect(TerminalText.width(TerminalText.truncate("推动高水平科技自立自强", to: 9)) <= 9)
    }

    @Test func wrapNeverSplitsACharacterOrExceedsTheWidth() {
        let lines = TerminalText.wrap("加快建设绿色低碳高质量发展先行区，abc def", columns: 10, indent: "  ")
        #expect(lines.allSatisfy { TerminalText.width($0) <= 12 })
        #expect(lines.map { $0.dropFirst(2) }.joined() == "加快建设绿色低碳高质量发展先行区，abc def")
    }
}
