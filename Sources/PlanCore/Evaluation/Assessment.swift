import Foundation

/// An annual assessment scheme (年度考核方案, evaluation rules §8): points per target, grade
/// cut-offs, the veto on binding targets and the over-fulfilment bonus.
public struct AssessmentScheme: Sendable, Hashable {
    /// One scored target.
    public struct Item: Sendable, Hashable {
        public var targetID: String
        /// Points `w_i`; the quantitative part sums to 100.
        public var points: Double
        /// Official milestones `A_t` by year, replacing the planned trajectory.
        public var milestones: [Int: Double]
        /// Units' own target values (by region code), for a level the provincial value cannot
        /// stand for (see `SchemeTargets`).
        public var unitValues: [String: Double]

        public init(targetID: String, points: Double, milestones: [Int: Double] = [:], unitValues: [String: Double] = [:]) {
            self.targetID = targetID
            self.points = points
            self.milestones = milestones
            self.unitValues = unitValues
        }
    }

    /// A grade and the lowest total that earns it.
    public struct Grade: Sendable, Hashable {
        public var nameZh: String
        public var nameEn: String
        public var minimum: Double

        public init(nameZh: String, nameEn: String, minimum: Double) {
            self.nameZh = nameZh
            self.nameEn = nameEn
            self.minimum = minimum
        }
    }

    public var name: String
    public var items: [Item]
    /// From best to worst; the last is the grade a veto caps at.
    public var grades: [Grade]
    /// Whether a missed binding target caps the grade at the lowest (一票否决).
    public var veto: Bool
    /// The bonus rate and cap: `f(Q) = 1 + rate · min(Q − 1, cap)` for eligible targets.
    public var bonusRate: Double
    public var bonusCap: Double
    /// Qualitative points awarded per unit (region code), added to the quantitative score.
    public var qualitative: [String: Double]
    /// The qualitative items a round's assessors score per unit with a written reason (work
    /// tasks, supervision-order closure, …); their points are added to `qualitative`.
    public var qualitativeItems: [QualitativeItem]
    /// Points for reporting diligence (报送质量): each unit earns `points × score / 100` from its
    /// diligence score over the assessed year, taken when the round is frozen; `nil` for none.
    public var diligencePoints: Double?
    /// The units a round assesses: `cities` (the default, all 16) and reporting units' codes
    /// (departments, enterprises), which are scored against the province's targets and data.
    public var assessed: [String]
    /// A unit's own target set: the items it is scored on, their points scaled to 100.
    public var unitItems: [String: [String]]

    /// A qualitative item: its id, its name and the most points it gives.
    public struct QualitativeItem: Sendable, Hashable {
        public var id: String
        public var name: String
        public var maximum: Double

        public init(id: String, name: String, maximum: Double) {
            self.id = id
            self.name = name
            self.maximum = maximum
        }
    }

    public init(
        name: String, items: [Item], grades: [Grade] = AssessmentScheme.standardGrades, veto: Bool = true,
        bonusRate: Double = 0.3, bonusCap: Double = 0.3, qualitative: [String: Double] = [:], qualitativeItems: [QualitativeItem] = [],
        diligencePoints: Double? = nil, assessed: [String] = ["cities"], unitItems: [String: [String]] = [:]
    ) {
        self.qualitativeItems = qualitativeItems
        self.diligencePoints = diligencePoints
        self.assessed = assessed
        self.unitItems = unitItems
        self.name = name
        self.items = items
        self.grades = grades
        self.veto = veto
        self.bonusRate = bonusRate
        self.bonusCap = bonusCap
        self.qualitative = qualitative
    }

    /// The scheme as it applies to `unit`: only the items of its own target set, if it has one,
    /// with their points scaled so that they add up to 100.
    public func forUnit(_ unit: String) -> AssessmentScheme {
        guard let set = unitItems[unit] else { return self }
        var s = self
        s.items = items.filter { set.contains($0.targetID) }
        let total = s.items.reduce(0) { $0 + $1.points }
        if total > 0 {
            s.items = s.items.map {
                var i = $0
                i.points = i.points * 100 / total
                return i
            }
        }
        return s
    }

    /// 优秀 ≥ 90, 良好 80–90, 合格 60–80, 不合格 < 60.
    public static let standardGrades = [
        Grade(nameZh: "优秀", nameEn: "excellent", minimum: 90), Grade(nameZh: "良好", nameEn: "good", minimum: 80),
        Grade(nameZh: "合格", nameEn: "pass", minimum: 60), Grade(nameZh: "不合格", nameEn: "fail", minimum: 0),
    ]
}

/// The assessment of one unit for one year, with a line per target showing how each point was earned.
public struct AssessmentResult: Sendable, Hashable {
    public struct Line: Sendable, Hashable {
        public var targetID: String
        public var points: Double
        /// Completion ratio Q, or `nil` when the target is not assessable.
        public var completion: Double?
        /// The milestone `A_t` used (official, or the planned trajectory).
        public var milestone: Double?
        /// Score factor f(Q).
        public var factor: Double
        public var earned: Double
        /// Why: the rule applied, in words.
        public var reason: String
        /// A binding target missed (Q < 1).
        public var vetoes: Bool

        public init(
            targetID: String, points: Double, completion: Double?, milestone: Double?, factor: Double, earned: Double, reason: String, vetoes: Bool
        ) {
            self.targetID = targetID
            self.points = points
            self.completion = completion
            self.milestone = milestone
            self.factor = factor
            self.earned = earned
            self.reason = reason
            self.vetoes = vetoes
        }
    }

    public var unit: String
    public var year: Int
    public var lines: [Line]
    public var quantitative: Double
    public var qualitative: Double
    public var total: Double
    /// The grade by score, before any veto.
    public var scoreGrade: AssessmentScheme.Grade
    /// The grade awarded (capped at the lowest when vetoed).
    public var grade: AssessmentScheme.Grade
    /// The binding targets that vetoed the grade.
    public var vetoReasons: [String]

    public init(
        unit: String, year: Int, lines: [Line], quantitative: Double, qualitative: Double, total: Double, scoreGrade: AssessmentScheme.Grade,
        grade: AssessmentScheme.Grade, vetoReasons: [String]
    ) {
        self.unit = unit
        self.year = year
        self.lines = lines
        self.quantitative = quantitative
        self.qualitative = qualitative
        self.total = total
        self.scoreGrade = scoreGrade
        self.grade = grade
        self.vetoReasons = vetoReasons
    }
}

/// Scores units against an assessment scheme.
public enum Assessor {
    /// Scores one unit from its evaluations as of `year` (keyed by target id).
    public static func score(
        scheme: AssessmentScheme, targets: [String: Target], evaluations: [String: TargetEvaluation], unit: String, year: Int
    ) -> AssessmentResult {
        let lines = scheme.items.map { item in
            line(item, target: targets[item.targetID], evaluation: evaluations[item.targetID], scheme: scheme, year: year)
        }
        let quantitative = lines.reduce(0) { $0 + $1.earned }
        let qualitative = scheme.qualitative[unit] ?? 0
        let total = quantitative + qualitative
        let byScore = scheme.grades.first { Tolerant.greaterOrEqual(total, $0.minimum) } ?? scheme.grades.last!
        let vetoes = lines.filter(\.vetoes).map(\.targetID)
        let grade = scheme.veto && !vetoes.isEmpty ? scheme.grades.last! : byScore
        return AssessmentResult(
            unit: unit, year: year, lines: lines, quantitative: quantitative, qualitative: qualitative, total: total,
            scoreGrade: byScore, grade: grade, vetoReasons: scheme.veto ? vetoes : [])
    }

    static func line(
        _ item: AssessmentScheme.Item, target: Target?, evaluation e: TargetEvaluation?, scheme: AssessmentScheme, year: Int
    ) -> AssessmentResult.Line {
        var line = AssessmentResult.Line(
            targetID: item.targetID, points: item.points, completion: nil, milestone: nil, factor: 0, earned: 0,
            reason: "", vetoes: false)
        guard let target, let e, e.status != .notAssessable, let y = e.latestValue else {
            line.reason = "not assessable: 0 points, no veto"
            return line
        }
        let compliant = e.status == .achieved || e.status == .compliantAtRisk
        let ceilingLike = target.kind == .ceiling || (target.kind == .about && target.direction == .lower)
        let band = target.kind == .about && target.direction == .band
        var q: Double
        if e.flags.contains(.maintain) && !band {
            q = compliant ? 1 : 0
            line.reason = "maintain: Q = 1 if attained, else 0"
        } else if ceilingLike && compliant {
            q = 1
            line.reason = "ceiling: Q = 1 when compliant"
        } else if band, let range = e.band {
            let x = (range.lowerBound + range.upperBound) / 2
            let tol = (range.upperBound - range.lowerBound) / 2
            let distance = abs(y - x)
            q = distance <= tol ? 1 : max(0, 1 - (distance - tol) / (2 * tol))
            line.reason = "band: Q = band score / 100"
        } else if target.kind == .annualCount {
            q = e.progress ?? 0
            line.reason = "annual count: Q = a_t / X"
        } else {
            guard let b = e.baseValue, let a = item.milestones[year] ?? e.trajectoryValue else {
                line.reason = "no milestone: 0 points"
                return line
            }
            line.milestone = a
            q = a == b ? (compliant ? 1 : 0) : (y - b) / (a - b)
            line.reason = item.milestones[year] != nil ? "Q = (y − B)/(A − B), official milestone" : "Q = (y − B)/(y* − B), planned trajectory"
        }
        line.completion = q
        let bonusEligible = !target.binding && !ceilingLike && !band && target.kind != .coverage
        if q < 0.5 && !Tolerant.equal(q, 0.5) {
            line.factor = 0
        } else if Tolerant.greaterOrEqual(q, 1) {
            line.factor = bonusEligible ? 1 + scheme.bonusRate * min(max(q - 1, 0), scheme.bonusCap) : 1
        } else {
            line.factor = q
        }
        line.earned = item.points * line.factor
        // A binding target missed: Q < 1, or a ceiling that is not complied with whatever its pace.
        line.vetoes = target.binding && (!Tolerant.greaterOrEqual(q, 1) || (ceilingLike && !compliant))
        return line
    }

    /// The supplementary rank-based variant: the best unit 100%, then 5% less per rank.
    public static func rankPercentages(_ results: [AssessmentResult]) -> [String: Double] {
        var out: [String: Double] = [:]
        for r in results {
            let rank = 1 + results.filter { $0.total > r.total && !Tolerant.equal($0.total, r.total) }.count
            out[r.unit] = max(0, 100 - 5 * Double(rank - 1))
        }
        return out
    }
}
