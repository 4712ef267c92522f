import Foundation

/// Changes to a scheme's parameters, tried on a frozen round and never saved: points per target,
/// the grades' minimums, the bonus and the veto.
public struct WhatIf: Sendable, Hashable {
    /// New points by target id (others keep theirs).
    public var points: [String: Double]
    /// New minimums of the grades, best first (as many as the scheme has).
    public var gradeMinimums: [Double]?
    public var bonusRate: Double?
    public var bonusCap: Double?
    public var veto: Bool?
    /// A unit's latest value for the assessed year, by `unit|target`, in place of the frozen one.
    public var values: [String: Double]

    public init(
        points: [String: Double] = [:], gradeMinimums: [Double]? = nil, bonusRate: Double? = nil, bonusCap: Double? = nil, veto: Bool? = nil,
        values: [String: Double] = [:]
    ) {
        self.values = values
        self.points = points
        self.gradeMinimums = gradeMinimums
        self.bonusRate = bonusRate
        self.bonusCap = bonusCap
        self.veto = veto
    }

    public var isEmpty: Bool { points.isEmpty && gradeMinimums == nil && bonusRate == nil && bonusCap == nil && veto == nil && values.isEmpty }

    /// What is wrong with these changes for `scheme`, in Chinese and English; empty when they apply.
    public func problems(for scheme: AssessmentScheme) -> [(zh: String, en: String)] {
        var out: [(zh: String, en: String)] = []
        let known = Set(scheme.items.map(\.targetID))
        for (id, p) in points.sorted(by: { $0.key < $1.key }) {
            if !known.contains(id) { out.append(("方案中没有目标 \(id)", "the scheme scores no target \(id)")) }
            if !(p >= 0 && p <= 100) { out.append(("目标 \(id) 的分值须在 0–100 之间", "the points of \(id) must be 0–100")) }
        }
        if let g = gradeMinimums {
            if g.count != scheme.grades.count || g != g.sorted(by: >) || g.contains(where: { !$0.isFinite }) {
                out.append(("等次分数线须与方案等次数相同并从高到低排列", "give one minimum per grade, from best to worst"))
            }
        }
        if let r = bonusRate, !(r >= 0 && r <= 1) { out.append(("超额奖励系数须在 0–1 之间", "the bonus rate must be 0–1")) }
        if let c = bonusCap, !(c >= 0 && c <= 1) { out.append(("超额奖励上限须在 0–1 之间", "the bonus cap must be 0–1")) }
        for (key, value) in values.sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: "|", maxSplits: 1).map(String.init)
            if parts.count != 2 || !known.contains(parts[1]) {
                out.append(("方案中没有目标 \(parts.last ?? key)", "the scheme scores no target \(parts.last ?? key)"))
            }
            if !value.isFinite { out.append(("\(key) 的数值无效", "the value of \(key) is not a number")) }
        }
        return out
    }

    /// The scheme with these changes.
    public func applied(to scheme: AssessmentScheme) -> AssessmentScheme {
        var s = scheme
        s.items = s.items.map { item in
            var i = item
            if let p = points[item.targetID] { i.points = p }
            return i
        }
        if let g = gradeMinimums, g.count == s.grades.count {
            s.grades = zip(s.grades, g).map { grade, minimum in
                var x = grade
                x.minimum = minimum
                return x
            }
        }
        if let r = bonusRate { s.bonusRate = r }
        if let c = bonusCap { s.bonusCap = c }
        if let v = veto { s.veto = v }
        return s
    }
}
