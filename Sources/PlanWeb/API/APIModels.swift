import Foundation
import PlanCore

/// JSON shapes of the API (snake_case keys on the wire).
enum API {
    struct Page<Item: Encodable>: Encodable {
        var items: [Item]
        var page: Int
        var perPage: Int
        var total: Int
    }

    struct PlanInfo: Encodable {
        var title, preamble: String
        var chapters, articles, targets, indicators, regions, dataVersion, latestYear: Int
    }

    struct ChapterItem: Encodable {
        var number: Int
        var title, introduction: String
        var sections: [SectionItem]
        var articles: [Int]
        var targets: [String]
    }

    struct SectionItem: Encodable {
        var number: Int
        var title: String
    }

    struct ArticleItem: Encodable {
        var number, chapter: Int
        var section: Int?
        var title, text: String
        var targets: [String]
    }

    struct TargetItem: Encodable {
        var targetId, article, indicatorKey, regionCode, kind, unit, deadline, form, bindingReason, quote: String
        var value: Double
        var valueHigh, baseValue, tolerance: Double?
        var baseYear: Int?
        var direction: Int
        var binding: Bool
        var note: String?
        var toleranceReason: String?
        /// What the reading assumes: `window_assumed`, `base_assumed`, `proxy_indicator`.
        var assumptions: [String]

        init(_ t: Target) {
            targetId = t.id
            article = t.source.code
            indicatorKey = t.indicatorKey
            regionCode = t.regionCode
            kind = t.kind.code
            unit = t.unit
            deadline = t.deadline.code
            form = t.form.rawValue
            bindingReason = t.bindingReason
            quote = t.quote
            value = t.value
            valueHigh = t.valueHigh
            baseValue = t.baseValue
            tolerance = t.tolerance
            baseYear = t.baseYear
            direction = t.direction.rawValue
            binding = t.binding
            note = t.note
            toleranceReason = t.toleranceReason
            assumptions = t.assumptions.map(\.rawValue)
        }
    }

    struct IndicatorItem: Encodable {
        var key, nameZh, nameEn, unit, form, aggregation, definitionZh, definitionEn: String
        var polarity: Int
        /// Whether values are computed from other indicators, and how.
        var computed: Bool
        var formula: String?

        init(_ i: Indicator) {
            key = i.key
            nameZh = i.nameZh
            nameEn = i.nameEn
            unit = i.unit
            form = i.form.rawValue
            aggregation = i.aggregation.rawValue
            definitionZh = i.definitionZh
            definitionEn = i.definitionEn
            polarity = i.polarity.rawValue
            computed = i.isComputed
            formula = i.formula?.description
        }
    }

    struct RegionItem: Encodable {
        var code, nameZh, nameEn, level: String
        var parentCode, circle: String?

        init(_ r: Region) {
            code = r.code
            nameZh = r.nameZh
            nameEn = r.nameEn
            level = r.level.rawValue
            parentCode = r.parentCode
            circle = r.circle
        }
    }

    struct ObservationItem: Encodable {
        var indicatorKey, regionCode, period, source, link, quote, qualifier: String
        var value: Double
        var revision: Int
        /// A computed value (revision 0, never stored) and the observations it was computed from.
        var computed: Bool
        var inputs: [ObservationReference]?
    }

    struct EvaluationItem: Encodable {
        var targetId, regionCode, status, likelihood: String
        var asOf, pointsUsed: Int
        var latestPeriod: String?
        var latestValue, baseValue, targetLevel, progress, timeElapsed, paceRatio, trajectoryValue: Double?
        var projection, projectionLow, projectionHigh: Double?
        var baseYear: Int?
        var flags: [String]
        var explanation: ExplanationItem?

        init(_ e: TargetEvaluation, explain: Bool) {
            targetId = e.targetID
            regionCode = e.regionCode
            status = e.status.code
            likelihood = e.likelihood.code
            asOf = e.asOf
            pointsUsed = e.pointsUsed
            latestPeriod = e.latestPeriod?.description
            latestValue = e.latestValue
            baseValue = e.baseValue
            targetLevel = e.targetLevel
            progress = e.progress
            timeElapsed = e.timeElapsed
            paceRatio = e.paceRatio
            trajectoryValue = e.trajectoryValue
            projection = e.projection
            projectionLow = e.projectionLow
            projectionHigh = e.projectionHigh
            baseYear = e.baseYear
            flags = e.flags.map(\.code)
            explanation = explain ? ExplanationItem(e.explanation) : nil
        }
    }

    struct ExplanationItem: Encodable {
        var formula: String
        var inputs: [Input]
        var steps: [Step]
        var notes: [String]

        struct Input: Encodable {
            var name, source: String
            var value: Double
            var period: String?
        }

        struct Step: Encodable {
            var name: String
            var value: Double
        }

        init(_ x: Explanation) {
            formula = x.formula
            inputs = x.inputs.map { Input(name: $0.name, source: $0.source, value: $0.value, period: $0.period?.description) }
            steps = x.steps.map { Step(name: $0.name, value: $0.value) }
            notes = x.notes
        }
    }

    struct Composite: Encodable {
        var regionCode: String?
        var asOf: Int
        var overall: Double?
        var chapters: [Theme]
        var sections: [Theme]
    }

    struct Theme: Encodable {
        var chapter: Int
        var section: Int?
        var targets, assessable: Int
        var reported: Bool
        var score: Double?
    }

    struct RankingResult: Encodable {
        var asOf, draws: Int
        var seed: UInt64
        var indicators: [String]
        var cities: [City]
    }

    struct City: Encodable {
        var rank: Int
        var regionCode: String
        var score, medianRank, rankP5, rankP95: Double
        var indicators: Int
    }

    struct Health: Encodable {
        var status: String
        var dataVersion: Int?
    }
}
