import Foundation

/// The national investment project code (项目代码) a project is registered under on the national
/// online approval platform: `YYYY-XXXXXX-XX-XX-XXXXXX` — the year it was coded, the 6-digit
/// administrative division, the industry code, the project type code and a serial number.
public struct ProjectCode: Sendable, Hashable, Comparable, CustomStringConvertible {
    public let year: Int
    /// The 6-digit administrative division code of the county (or city, or province) it is in.
    public let division: String
    public let industry: String
    public let type: String
    public let serial: String

    public var description: String { "\(year)-\(division)-\(industry)-\(type)-\(serial)" }

    /// What is wrong with a written code, in both languages.
    public struct Problem: Error, Sendable, Hashable {
        public let zh: String
        public let en: String
    }

    /// Reads a code: exactly 24 characters, digits in the five groups 4-6-2-2-6 separated by `-`,
    /// a year from 2000 to 2100. Whether the division exists is for `check(_:divisions:)`.
    public static func parse(_ text: String) -> Result<ProjectCode, Problem> {
        let trimmed = text.trimmingCharacters(in: .whitespacesAndNewlines)
        let groups = trimmed.split(separator: "-", omittingEmptySubsequences: false).map(String.init)
        let lengths = groups.map(\.count)
        guard trimmed.count == 24, lengths == [4, 6, 2, 2, 6], groups.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }) else {
            return .failure(
                Problem(
                    zh: "项目代码「\(trimmed.prefix(40))」格式不对：应为 24 位，形如 2024-370102-44-01-123456（年份-行政区划-行业-类型-流水号）",
                    en:
                        "Project code “\(trimmed.prefix(40))” is malformed: 24 characters like 2024-370102-44-01-123456 (year-division-industry-type-serial)"
                ))
        }
        let year = Int(groups[0]) ?? 0
        guard (2000...2100).contains(year) else {
            return .failure(Problem(zh: "项目代码的年份 \(groups[0]) 无效", en: "The code's year \(groups[0]) is not a year"))
        }
        return .success(ProjectCode(year: year, division: groups[1], industry: groups[2], type: groups[3], serial: groups[4]))
    }

    /// Reads a code and checks that its division is one of `divisions`.
    public static func check(_ text: String, divisions: Set<String>) -> Result<ProjectCode, Problem> {
        switch parse(text) {
        case .failure(let problem): return .failure(problem)
        case .success(let code):
            guard divisions.contains(code.division) else {
                return .failure(
                    Problem(
                        zh: "项目代码中的行政区划 \(code.division) 不是山东省的区划代码", en: "The code's division \(code.division) is not a division of Shandong"))
            }
            return .success(code)
        }
    }

    public static func < (a: ProjectCode, b: ProjectCode) -> Bool { a.description < b.description }
}
