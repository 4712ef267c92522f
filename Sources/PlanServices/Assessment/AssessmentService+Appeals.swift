import Foundation
import PlanCore
import PlanStore

/// Appeals (申诉): a unit appeals a line of its score sheet within the window, with a reason and
/// evidence; the office accepts (the line's latest value corrected, the round scored again from
/// its snapshot with the correction) or rejects, with a reason. Every step is audited.
extension AssessmentService {
    /// The round's appeals `identity` may see: every one for the office, the unit's own for its
    /// reporters and reviewers, none for others.
    public func appeals(_ roundID: String, identity: Identity?) async throws -> [Appeal] {
        guard let identity else { throw ServiceError.notAuthenticated }
        _ = try await round(roundID, identity: identity)
        if try await manages(identity) { return try await store.appeals(round: roundID, unit: nil) }
        let unit = identity.account.unitCode
        guard try await reporting.allows(identity, .appealAssessment, unit: unit) else { return [] }
        return try await store.appeals(round: roundID, unit: unit)
    }

    /// One appeal, to the office and the unit that filed it.
    public func appeal(_ roundID: String, seq: Int, identity: Identity?) async throws -> Appeal {
        guard let found = try await appeals(roundID, identity: identity).first(where: { $0.seq == seq }) else {
            throw ServiceError.notFound(what: "appeal \(roundID)-\(seq)")
        }
        return found
    }

    /// Files an appeal against the line of `targetID` on `unit`'s score sheet, with evidence files
    /// (the rules of task evidence: types, 10 MB each, 5 at most).
    public func fileAppeal(
        _ roundID: String, unit: String, targetID: String, reason: String, files: [(name: String, data: Data)], identity: Identity?,
        actor: Actor
    ) async throws -> Appeal {
        let identity = try await reporting.authorize(identity, .appealAssessment, unit: unit).0
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        try TextInput.check(["reason": reason], multiline: ["reason"])
        guard files.count <= EvidenceRules.maxFiles else {
            throw ServiceError.invalid(zh: "证明材料最多 \(EvidenceRules.maxFiles) 个", en: "At most \(EvidenceRules.maxFiles) evidence files")
        }
        let evidence = try files.map { try EvidenceRules.check(fileName: $0.name, data: $0.data) }
        let round = try await round(roundID, identity: identity)
        guard let snapshot = round.current else {
            throw ServiceError.conflict(zh: "数据冻结后才能申诉", en: "Appeals open once the data are frozen")
        }
        let scored = try await scored(round, snapshot: snapshot)
        guard scored.results.contains(where: { $0.unit == unit }) else { throw ServiceError.notFound(what: "unit \(unit) in round \(roundID)") }
        let targets = Set(scored.parsed.items.map(\.targetID))
        let today = clock.today()
        do {
            return try await store.fileAppeal(round: roundID, unit: unit, targetID: targetID, reason: reason, evidence: evidence, actor: actor) {
                round, appeals in
                try AppealRules.file(round: round, appeals: appeals, unit: unit, targetID: targetID, scored: targets, reason: reason, today: today)
                return round.current?.seq ?? 0
            }
        } catch let error as RoundError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
    }

    /// The office accepts an appeal with the corrected latest value, or rejects it; a reason
    /// either way. Accepting scores the round again from its snapshot with the correction.
    public func decideAppeal(
        _ roundID: String, seq: Int, accept: Bool, correctedValue: Double?, reason: String, identity: Identity?, actor: Actor
    ) async throws -> Appeal {
        try await authorizeManage(identity)
        let reason = reason.trimmingCharacters(in: .whitespacesAndNewlines)
        try TextInput.check(["reason": reason], multiline: ["reason"])
        _ = try await appeal(roundID, seq: seq, identity: identity)
        do {
            return try await store.decideAppeal(
                round: roundID, seq: seq, accept: accept, correctedValue: accept ? correctedValue : nil, reason: reason, actor: actor
            ) { round, appeal in
                try AppealRules.decide(appeal, round: round, accept: accept, correctedValue: correctedValue, reason: reason)
            }
        } catch let error as RoundError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
    }

    /// An appeal's evidence file, to the office and the unit that filed it.
    public func appealFile(_ id: String, identity: Identity?) async throws -> StoredAppealFile {
        guard let file = try await store.appealFile(id: id) else { throw ServiceError.notFound(what: "file \(id)") }
        guard try await appeals(file.roundID, identity: identity).contains(where: { $0.seq == file.appealSeq }) else {
            throw ServiceError.forbidden(zh: "只有申诉单位和领导小组办公室可以查看申诉材料", en: "Only the appealing unit and the office see an appeal's files")
        }
        return file
    }
}
