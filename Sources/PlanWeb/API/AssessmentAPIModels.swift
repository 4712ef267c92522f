import Foundation
import PlanCore
import PlanServices
import PlanStore

/// JSON shapes of the assessment (snake_case on the wire).
extension API {
    struct QualitativeRequest: Decodable {
        var item: String
        var points: Double
        var reason: String
    }

    struct QualitativeItem: Encodable {
        var round, unit, item: String
        var points: Double
        var reason, enteredBy, enteredAt: String

        init(_ q: QualitativeScore) {
            (round, unit, item, points, reason, enteredBy, enteredAt) = (q.roundID, q.unit, q.item, q.points, q.reason, q.enteredBy, q.enteredAt)
        }
    }

    struct WhatIfRow: Encodable {
        var unit: String
        var frozenTotal: Double
        var frozenGrade: String
        var frozenRank: Int?
        var total: Double
        var grade: String
        var rank: Int?
    }

    struct WhatIfItem: Encodable {
        var round: String
        var snapshot: Int
        var veto: Bool
        var bonusRate, bonusCap: Double
        var gradeMinimums: [Double]
        var points: [String: Double]
        var units: [WhatIfRow]

        init(_ w: AssessmentService.WhatIfResult) {
            round = w.results.round.id
            snapshot = w.results.snapshot.seq
            (veto, bonusRate, bonusCap) = (w.changedScheme.veto, w.changedScheme.bonusRate, w.changedScheme.bonusCap)
            gradeMinimums = w.changedScheme.grades.map(\.minimum)
            points = Dictionary(w.changedScheme.items.map { ($0.targetID, $0.points) }, uniquingKeysWith: { a, _ in a })
            units = zip(w.results.results, w.changed).map { f, c in
                WhatIfRow(
                    unit: f.unit, frozenTotal: f.total, frozenGrade: f.grade.nameZh, frozenRank: w.frozenRanks[f.unit], total: c.total,
                    grade: c.grade.nameZh, rank: w.changedRanks[c.unit])
            }
        }
    }

    struct SchemeItem: Encodable {
        var id: String
        var version: Int
        var name, body, note, createdBy, createdAt: String
        /// The scheme check (one scheme read alone): levels without the assessed units' own values.
        var missingUnitValues: [String: [String]]?

        init(_ s: StoredScheme, missing: [String: [String]]? = nil) {
            (id, version, name, body, note, createdBy, createdAt) = (s.id, s.version, s.name, s.body, s.note, s.createdBy, s.createdAt)
            missingUnitValues = missing
        }
    }

    struct SchemeRequest: Decodable {
        var id: String
        var body: String
        var note: String?
    }

    struct RoundRequest: Decodable {
        var year: Int
        var scheme: String
        var version: Int
        var cutoff: String
    }

    struct ReasonRequest: Decodable {
        var reason: String?
    }

    struct SnapshotItem: Encodable {
        var seq, dataVersion, observations: Int
        var frozenBy, frozenAt, reason: String
    }

    struct RoundItem: Encodable {
        var id: String
        var year: Int
        var scheme: String
        var schemeVersion: Int
        var cutoff, state, createdBy, createdAt: String
        var publishedBy, publishedAt: String?
        var snapshots: [SnapshotItem]

        init(_ r: AssessmentRound) {
            (id, year, scheme, schemeVersion, cutoff, state) = (r.id, r.year, r.schemeID, r.schemeVersion, r.cutoff.description, r.state.rawValue)
            (createdBy, createdAt, publishedBy, publishedAt) = (r.createdBy, r.createdAt, r.publishedBy, r.publishedAt)
            snapshots = r.snapshots.map {
                SnapshotItem(
                    seq: $0.seq, dataVersion: $0.dataVersion, observations: $0.observations, frozenBy: $0.frozenBy, frozenAt: $0.frozenAt,
                    reason: $0.reason)
            }
        }
    }

    struct ResultItem: Encodable {
        var unit: String
        var total, quantitative, qualitative: Double
        var grade, gradeByScore: String
        var vetoes: [String]
        var rank: Int?
        var rankP5, rankP95: Double?
    }

    struct RoundResultsItem: Encodable {
        var round: RoundItem
        var snapshot: Int?
        var complete: Bool
        var changedSinceSnapshot: Int?
        var results: [ResultItem]

        init(round: AssessmentRound, results: AssessmentService.RoundResults?) {
            self.round = RoundItem(round)
            snapshot = results?.snapshot.seq
            complete = results?.complete ?? false
            changedSinceSnapshot = results?.changedSince
            let ranks = Dictionary(uniqueKeysWithValues: (results?.ranking ?? []).map { ($0.unit, $0) })
            self.results = (results?.results ?? []).map { r in
                ResultItem(
                    unit: r.unit, total: r.total, quantitative: r.quantitative, qualitative: r.qualitative, grade: r.grade.nameZh,
                    gradeByScore: r.scoreGrade.nameZh, vetoes: r.vetoReasons, rank: ranks[r.unit]?.rank, rankP5: ranks[r.unit]?.rankP5,
                    rankP95: ranks[r.unit]?.rankP95)
            }
        }
    }

    struct SheetLineItem: Encodable {
        var target: String
        var points: Double
        var baseValue: Double?
        var baseSource: String?
        var milestone: Double?
        var latestValue: Double?
        var latestPeriod: String?
        var latestSource: String?
        var completion: Double?
        var factor, earned: Double
        var rule: String
        var vetoes: Bool
    }

    struct SheetItem: Encodable {
        var round: String
        var snapshot: Int
        var unit: String
        var total, quantitative, qualitative: Double
        var grade: String
        var vetoes: [String]
        var lines: [SheetLineItem]

        init(_ s: AssessmentService.ScoreSheet) {
            round = s.results.round.id
            snapshot = s.results.snapshot.seq
            unit = s.result.unit
            (total, quantitative, qualitative) = (s.result.total, s.result.quantitative, s.result.qualitative)
            grade = s.result.grade.nameZh
            vetoes = s.result.vetoReasons
            lines = s.lines.map { l in
                SheetLineItem(
                    target: l.line.targetID, points: l.line.points, baseValue: l.evaluation?.baseValue, baseSource: l.base?.provenance.source,
                    milestone: l.line.milestone, latestValue: l.evaluation?.latestValue, latestPeriod: l.evaluation?.latestPeriod?.description,
                    latestSource: l.latest?.provenance.source, completion: l.line.completion, factor: l.line.factor, earned: l.line.earned,
                    rule: l.line.reason, vetoes: l.line.vetoes)
            }
        }
    }
}
