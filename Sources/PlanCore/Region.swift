import Foundation

/// An administrative division: the province, a prefecture-level city or a county-level unit.
public struct Region: Sendable, Hashable, Identifiable, Codable {
    /// The 6-digit administrative division code, e.g. `370100`.
    public var code: String
    public var nameZh: String
    public var nameEn: String
    public var level: RegionLevel
    /// The code of the division it belongs to; `nil` for the province.
    public var parentCode: String?
    /// The key of the economic circle it lies in; `nil` for the province.
    public var circle: String?

    public var id: String { code }

    public init(
        code: String, nameZh: String, nameEn: String, level: RegionLevel, parentCode: String?,
        circle: String?
    ) {
        self.code = code
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.level = level
        self.parentCode = parentCode
        self.circle = circle
    }
}

/// The level of an administrative division.
public enum RegionLevel: String, Sendable, Hashable, Codable, CaseIterable, Comparable {
    case province
    case city
    case county

    private var rank: Int {
        switch self {
        case .province: 0
        case .city: 1
        case .county: 2
        }
    }

    public static func < (a: RegionLevel, b: RegionLevel) -> Bool { a.rank < b.rank }
}

/// A named group of cities, such as an economic circle (省会经济圈).
public struct RegionGroup: Sendable, Hashable, Identifiable, Codable {
    /// Stable key, e.g. `capital_circle`.
    public var key: String
    public var nameZh: String
    public var nameEn: String
    /// The codes of the cities in the group.
    public var memberCodes: [String]

    public var id: String { key }

    public init(key: String, nameZh: String, nameEn: String, memberCodes: [String]) {
        self.key = key
        self.nameZh = nameZh
        self.nameEn = nameEn
        self.memberCodes = memberCodes
    }
}
