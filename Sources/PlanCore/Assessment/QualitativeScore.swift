import Foundation

/// Points an assessor gave a unit on a qualitative item of a round, with the written reason.
public struct QualitativeScore: Sendable, Hashable {
    public var roundID: String
    public var unit: String
    public var item: String
    public var points: Double
    public var reason: String
    public var enteredBy: String
    public var enteredAt: String

    public init(roundID: String, unit: String, item: String, points: Double, reason: String, enteredBy: String = "", enteredAt: String = "") {
        self.roundID = roundID
        self.unit = unit
        self.item = item
        self.points = points
        self.reason = reason
        self.enteredBy = enteredBy
        self.enteredAt = enteredAt
    }
}

/// When qualitative points can be given and what they must be.
public enum QualitativeRules {
    /// Checks a score for `round` against the scheme's items: the round frozen (not published),
    /// a known item, points from 0 to the item's maximum, a reason.
    public static func check(_ score: QualitativeScore, round: AssessmentRound, items: [AssessmentScheme.QualitativeItem]) throws(RoundError) {
        switch round.state {
        case .open: throw RoundError(zh: "数据冻结后才能评定定性分", en: "Qualitative points are given once the data are frozen")
        case .published: throw RoundError(zh: "考核结果已发布，定性分不能再改", en: "The round is published: qualitative points can no longer change")
        case .frozen: break
        }
        try validate(score, items: items)
    }

    /// Checks a score's item, points and reason against the scheme's items.
    public static func validate(_ score: QualitativeScore, items: [AssessmentScheme.QualitativeItem]) throws(RoundError) {
        guard let item = items.first(where: { $0.id == score.item }) else {
            throw RoundError(zh: "方案中没有定性项目 \(score.item)", en: "The scheme has no qualitative item \(score.item)")
        }
        guard score.points.isFinite, score.points >= 0, score.points <= item.maximum + 1e-9 else {
            throw RoundError(
                zh: "「\(item.name)」的分值须在 0–\(PlainNumber.format(item.maximum)) 之间",
                en: "The points of “\(item.name)” must be 0–\(PlainNumber.format(item.maximum))")
        }
        guard !score.reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw RoundError(zh: "请写明评分理由", en: "Give the reason for the points")
        }
    }

    /// The scheme with each unit's qualitative points: those the scheme sets, those entered, and
    /// the diligence component's (`points × score / 100`; a unit with nothing due earns none).
    public static func applied(_ scores: [QualitativeScore], diligence: [String: Double] = [:], to scheme: AssessmentScheme)
        -> AssessmentScheme
    {
        var s = scheme
        for score in scores where scheme.qualitativeItems.contains(where: { $0.id == score.item }) {
            s.qualitative[score.unit, default: 0] += score.points
        }
        if let points = scheme.diligencePoints {
            for (unit, score) in diligence { s.qualitative[unit, default: 0] += diligencePoints(points, score: score) }
        }
        return s
    }

    /// What a diligence score (0–100) earns of the component's points.
    public static func diligencePoints(_ points: Double, score: Double) -> Double { points * min(max(score, 0), 100) / 100 }
}
