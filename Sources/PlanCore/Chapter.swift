import Foundation

/// A chapter of the plan (一、总体要求 … 十二、保障措施).
public struct Chapter: Sendable, Hashable, Codable {
    /// 1-based chapter number.
    public var number: Int
    /// The heading after the Chinese numeral, e.g. 推动高水平科技自立自强，建设全国区域创新中心.
    public var title: String
    /// The paragraph between the heading and the first section or article; empty when none.
    public var introduction: String
    /// Sections in order; empty when the chapter has none.
    public var sections: [Section]

    public init(number: Int, title: String, introduction: String, sections: [Section]) {
        self.number = number
        self.title = title
        self.introduction = introduction
        self.sections = sections
    }
}

/// A section inside a chapter ((一), (二) …).
public struct Section: Sendable, Hashable, Codable {
    /// 1-based number inside its chapter.
    public var number: Int
    /// The heading, e.g. 加强战略科技力量建设.
    public var title: String

    public init(number: Int, title: String) {
        self.number = number
        self.title = title
    }

    /// The numeral as printed in the plan: （一）, （二） …
    public var label: String { "（\(ChineseNumeral.string(number))）" }
}

/// Chinese numerals as the plan writes chapter and section numbers.
public enum ChineseNumeral {
    private static let digits = ["", "一", "二", "三", "四", "五", "六", "七", "八", "九"]

    /// 1 → 一, 10 → 十, 12 → 十二, 20 → 二十, 23 → 二十三 (1…99).
    public static func string(_ n: Int) -> String {
        precondition(n > 0 && n < 100, "numeral out of range")
        let tens = n / 10
        let ones = n % 10
        switch tens {
        case 0: return digits[ones]
        case 1: return "十" + digits[ones]
        default: return digits[tens] + "十" + digits[ones]
        }
    }
}
