import Foundation

/// What a pool hands out (Article 159: support in funds, land and energy use).
public enum IncentiveResource: String, Sendable, Hashable, CaseIterable, Codable {
    case funds
    case land
    case energy

    public var nameZh: String {
        switch self {
        case .funds: "资金"
        case .land: "用地"
        case .energy: "能耗"
        }
    }

    public var nameEn: String {
        switch self {
        case .funds: "Funds"
        case .land: "Land"
        case .energy: "Energy use"
        }
    }

    /// The unit amounts are given in.
    public var unitZh: String {
        switch self {
        case .funds: "万元"
        case .land: "亩"
        case .energy: "万吨标准煤"
        }
    }

    public var unitEn: String {
        switch self {
        case .funds: "10,000 yuan"
        case .land: "mu"
        case .energy: "10,000 tce"
        }
    }
}

/// How a pool is shared among the units that earn a share.
public enum IncentiveRule: Sendable, Hashable, Codable {
    /// In proportion to the total above the pass mark (units at or below it earn nothing).
    case aboveMark(mark: Double)
    /// In proportion to a weight per grade (by the grade's Chinese name, e.g. 优秀 3, 良好 2).
    case tiers([String: Double])
    /// In proportion to the total above the pass mark times a unit attribute (e.g. population in
    /// 万人), given for every unit.
    case attribute(name: String, mark: Double, values: [String: Double])

    public var kind: String {
        switch self {
        case .aboveMark: "above-mark"
        case .tiers: "tiers"
        case .attribute: "attribute"
        }
    }

    /// The rule in words, for the calculation's heading.
    public func text(zh: Bool) -> String {
        switch self {
        case .aboveMark(let mark):
            zh ? "按总分超出及格线 \(PlainNumber.format(mark)) 分的部分分配" : "in proportion to the total above the pass mark of \(PlainNumber.format(mark))"
        case .tiers(let weights):
            (zh ? "按等次权重分配：" : "by grade weights: ")
                + weights.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { grade, weight in
                    let name = zh ? grade : AssessmentScheme.standardGrades.first { $0.nameZh == grade }?.nameEn ?? grade
                    return "\(name) \(PlainNumber.format(weight))"
                }.joined(separator: zh ? "，" : ", ")
        case .attribute(let name, let mark, _):
            zh
                ? "按（总分 − \(PlainNumber.format(mark))）×\(name) 分配"
                : "in proportion to (total − \(PlainNumber.format(mark))) × \(name)"
        }
    }
}

/// What a vetoed unit gets: nothing, or the floor alone.
public enum VetoedShare: String, Sendable, Hashable, CaseIterable, Codable {
    case nothing
    case floorOnly = "floor-only"
}

/// A pool of support (激励资金、用地、能耗指标) allocated by a round's results.
public struct IncentivePool: Sendable, Hashable, Identifiable {
    public enum State: String, Sendable, Hashable, Codable {
        case draft
        /// Computed from the published results and kept: never changes again.
        case confirmed
    }

    public var roundID: String
    /// A slug within the round, such as `funds`.
    public var id: String
    public var name: String
    public var resource: IncentiveResource
    /// The whole pool, in the resource's unit.
    public var amount: Double
    public var rule: IncentiveRule
    /// The least a unit that earns a share gets; 0 for none.
    public var floor: Double
    /// The most any unit gets; `nil` for no cap.
    public var cap: Double?
    public var vetoed: VetoedShare
    /// Decimal places amounts are rounded to (0–2).
    public var decimals: Int
    public var state: State
    public var createdBy: String
    public var createdAt: String
    public var confirmedBy: String?
    public var confirmedAt: String?

    public init(
        roundID: String, id: String, name: String, resource: IncentiveResource, amount: Double, rule: IncentiveRule, floor: Double = 0,
        cap: Double? = nil, vetoed: VetoedShare = .nothing, decimals: Int = 0, state: State = .draft, createdBy: String = "",
        createdAt: String = "", confirmedBy: String? = nil, confirmedAt: String? = nil
    ) {
        self.roundID = roundID
        self.id = id
        self.name = name
        self.resource = resource
        self.amount = amount
        self.rule = rule
        self.floor = floor
        self.cap = cap
        self.vetoed = vetoed
        self.decimals = decimals
        self.state = state
        self.createdBy = createdBy
        self.createdAt = createdAt
        self.confirmedBy = confirmedBy
        self.confirmedAt = confirmedAt
    }
}

/// One unit's part of a pool, with how it was reached.
public struct AllocationLine: Sendable, Hashable {
    public var unit: String
    public var total: Double
    public var grade: String
    public var vetoed: Bool
    /// The rule's weight (0 for a unit that earns no share).
    public var weight: Double
    /// The floor the unit got first.
    public var floorPart: Double
    /// The exact amount before rounding (floor plus share, capped).
    public var exact: Double
    /// The amount allocated, rounded so that the pool adds up exactly.
    public var amount: Double
    /// Whether the cap held the unit back.
    public var capped: Bool
    /// Why, in words (Chinese and English).
    public var noteZh: String
    public var noteEn: String

    public init(
        unit: String, total: Double, grade: String, vetoed: Bool, weight: Double, floorPart: Double, exact: Double, amount: Double, capped: Bool,
        noteZh: String, noteEn: String
    ) {
        self.unit = unit
        self.total = total
        self.grade = grade
        self.vetoed = vetoed
        self.weight = weight
        self.floorPart = floorPart
        self.exact = exact
        self.amount = amount
        self.capped = capped
        self.noteZh = noteZh
        self.noteEn = noteEn
    }
}
