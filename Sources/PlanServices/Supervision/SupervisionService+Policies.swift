import Foundation
import NIOPosix
import PlanCore
import PlanStore

/// The policy list (政策清单): policies the plan's articles need, their issuing units, planned and
/// actual issue and document numbers. Read by anyone, like the plan; kept by the office.
extension SupervisionService {
    /// The policies, optionally only those of a status, an article or an issuing unit.
    public func policies(status: PolicyStatus? = nil, article: Int? = nil, unit: String? = nil) async throws -> [Policy] {
        try await store.policies().filter { p in
            (status.map { p.status == $0 } ?? true) && (article.map { p.articles.contains($0) } ?? true)
                && (unit.map { p.issuers.contains($0) } ?? true)
        }
    }

    public func policy(_ id: String) async throws -> Policy {
        guard let policy = try await store.policy(id: id) else { throw ServiceError.notFound(what: "policy \(id)") }
        return policy
    }

    /// What an import of a policy list did: every row's policy or problems and, when every row
    /// was valid, every row's outcome.
    public struct PolicyImport: Sendable {
        public var format: ReportFile.Format
        public var rows: [(row: PolicyFile.Row, policy: Policy?, problems: [RowProblem])]
        public var outcomes: [RowOutcome]?
        public var dryRun: Bool

        public var problemCount: Int { rows.reduce(0) { $0 + $1.problems.count } }
        public func count(_ outcome: RowOutcome) -> Int { outcomes?.filter { $0 == outcome }.count ?? 0 }
    }

    /// Reads a policy list and, when every row resolves, saves it in one transaction (or, with
    /// `dryRun`, reports what saving would do).
    public func importPolicies(
        _ data: Data, sheet: String?, fileName: String, identity: Identity?, actor: Actor, dryRun: Bool
    ) async throws -> PolicyImport {
        try await authorizeList(identity)
        try TextInput.check(["filename": fileName, "sheet": sheet ?? ""])
        let outcome = try await NIOThreadPool.singleton.runIfActive {
            () -> Result<(format: ReportFile.Format, rows: [PolicyFile.Row]), ReportFileError> in
            do throws(ReportFileError) { return .success(try PolicyFile.parse(data, sheet: sheet)) } catch { return .failure(error) }
        }
        let parsed: (format: ReportFile.Format, rows: [PolicyFile.Row])
        switch outcome {
        case .success(let value): parsed = value
        case .failure(let error): throw ServiceError.invalid(zh: error.zh, en: error.en, problems: [])
        }
        let rows = PolicyFile.policies(parsed.rows, units: try await store.units(), articleCount: try await plans.current().plan.articles.count)
        for (row, _, _) in rows {
            let cells = Dictionary(row.cells.map { ("line \(row.line) \($0.key)", $0.value) }, uniquingKeysWith: { a, _ in a })
            try TextInput.check(cells, multiline: Set(cells.keys))
        }
        guard rows.allSatisfy({ $0.problems.isEmpty }) else {
            return PolicyImport(format: parsed.format, rows: rows, outcomes: nil, dryRun: dryRun)
        }
        let summary = AuditEntry(
            at: timestamp(), actor: actor, action: "policies.import", unitCode: actor.unitCode, subject: String(fileName.prefix(100)),
            detail: "\(parsed.format.rawValue), \(rows.count) rows")
        let outcomes = try await store.savePolicies(rows.compactMap(\.policy), actor: actor, dryRun: dryRun, summary: summary)
        return PolicyImport(format: parsed.format, rows: rows, outcomes: outcomes, dryRun: dryRun)
    }

    /// The list as XLSX in the layout it is imported in.
    public func exportPolicies() async throws -> Data {
        let policies = try await store.policies()
        let units = try await store.units()
        return try await NIOThreadPool.singleton.runIfActive { try PolicyFile.xlsx(policies, units: units) }
    }

    /// One policy as the browser's form sends it: the same fields as a list row.
    public struct PolicyForm: Sendable {
        public var cells: [String: String]

        public init(cells: [String: String]) { self.cells = cells }

        public init(_ p: Policy, units: [String: ReportingUnit]) {
            cells = [
                "number": p.number, "title": p.title,
                "issuers": p.issuers.map { units[$0].map { $0.aliases.first ?? $0.nameZh } ?? $0 }.joined(separator: "、"),
                "documentNumber": p.documentNumber, "articles": p.articles.map(String.init).joined(separator: "、"), "planned": p.plannedText,
                "issued": p.issuedOn?.description ?? "", "status": p.status.rawValue, "link": p.link, "note": p.note,
            ]
        }
    }

    /// Adds a policy or changes one (`id` names the policy being edited: its number stays).
    public func savePolicy(_ form: PolicyForm, editing id: String?, identity: Identity?, actor: Actor) async throws -> Policy {
        try await authorizeList(identity)
        let cells = form.cells.mapValues { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
        try TextInput.check(cells, multiline: ["title", "issuers", "note"])
        let existing = try await store.policies()
        var old: Policy?
        if let id { old = try await policy(id) }
        if let old, old.number != cells["number"] {
            throw ServiceError.badParameter(name: "number", message: "the number of a policy stays as it is")
        }
        if old == nil, existing.contains(where: { $0.number == cells["number"] }) {
            throw ServiceError.conflict(zh: "已有序号 \(cells["number"] ?? "") 的政策", en: "A policy is already numbered \(cells["number"] ?? "")")
        }
        let resolved = PolicyFile.policies(
            [PolicyFile.Row(line: 1, cells: cells)], units: try await store.units(), articleCount: try await plans.current().plan.articles.count)[0]
        guard var policy = resolved.policy else {
            throw ServiceError.invalid(
                zh: resolved.problems.map(\.messageZh).joined(separator: "；"), en: resolved.problems.map(\.message).joined(separator: "; "),
                problems: resolved.problems)
        }
        policy.position = old?.position ?? ((existing.map(\.position).max() ?? 0) + 1)
        _ = try await store.savePolicies([policy], actor: actor, dryRun: false, summary: nil)
        return try await self.policy(policy.id)
    }

    public func deletePolicy(_ id: String, identity: Identity?, actor: Actor) async throws {
        try await authorizeList(identity)
        _ = try await policy(id)
        do {
            try await store.deletePolicy(id: id, actor: actor)
        } catch let error as SupervisionError {
            throw ServiceError.conflict(zh: error.zh, en: error.en)
        }
    }
}
