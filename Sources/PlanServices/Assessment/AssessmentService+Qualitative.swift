import Foundation
import PlanCore
import PlanStore

/// The qualitative part: assessors (the office) give each unit points on the scheme's qualitative
/// items with a written reason, while the round is frozen; the points count with the snapshot's.
extension AssessmentService {
    public func setQualitative(
        _ roundID: String, unit: String, item: String, points: Double, reason: String, identity: Identity?, actor: Actor
    ) async throws -> QualitativeScore {
        try await authorizeManage(identity)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        try TextInput.check(["reason": reason], multiline: ["reason"])
        let round = try await round(roundID, identity: identity)
        guard let snapshot = round.current else {
            throw ServiceError.conflict(zh: "数据冻结后才能评定定性分", en: "Qualitative points are given once the data are frozen")
        }
        let scored = try await scored(round, snapshot: snapshot)
        guard scored.results.contains(where: { $0.unit == unit }) else { throw ServiceError.notFound(what: "unit \(unit) in round \(roundID)") }
        let items = scored.parsed.qualitativeItems
        let score = QualitativeScore(roundID: roundID, unit: unit, item: item, points: points, reason: reason)
        do {
            try QualitativeRules.validate(score, items: items)
        } catch {
            throw ServiceError.invalid(zh: error.zh, en: error.en)
        }
        do {
            return try await store.setQualitative(score, actor: actor) { round in try QualitativeRules.check(score, round: round, items: items) }
        } catch let error as RoundError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
    }
}
