import Foundation
import NIOPosix
import PlanCore
import PlanStore

/// The library's files: the registry and the monthly reports as XLSX or CSV, and the public list
/// as an OC4IDS project package.
extension ProjectService {
    public enum ExportFormat: String, Sendable, CaseIterable {
        case xlsx
        case csv
    }

    func lookups() async throws -> (units: [String: ReportingUnit], regions: [String: Region]) {
        let units = Dictionary(try await store.units().map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        let regions = Dictionary(try await plans.current().plan.regions.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a })
        return (units, regions)
    }

    /// The projects `identity` may see under a filter, in the import layout.
    public func exportRegistry(_ filter: Filter, format: ExportFormat, identity: Identity?) async throws -> Data {
        let projects = try await self.projects(filter, identity: identity).map(\.project).sorted { $0.code < $1.code }
        let (units, regions) = try await lookups()
        let year = filter.year ?? clock.today().year
        switch format {
        case .xlsx:
            return try await NIOThreadPool.singleton.runIfActive { try ProjectFile.xlsx(projects, units: units, regions: regions, year: year) }
        case .csv: return ProjectFile.csv(projects, units: units, regions: regions, year: year)
        }
    }

    /// The approved reports of a month (or of one project) — with drafts for those who may read
    /// the units' drafts.
    public func exportReports(month: Period?, code: String?, format: ExportFormat, identity: Identity?) async throws -> Data {
        let library = try await library()
        var reports: [ProjectReport] = []
        var drafts: [String: Bool] = [:]
        for r in try await store.projectReports(code: code, month: month) {
            guard let p = library.byCode[r.code] else { continue }
            if r.status != .approved {
                if drafts[p.unitCode] == nil { drafts[p.unitCode] = try await reporting.allows(identity, .readDrafts, unit: p.unitCode) }
                guard drafts[p.unitCode] == true else { continue }
            } else if !isPublic(p, library), try await !canSeeUnpublished(p, identity) {
                continue
            }
            reports.append(r)
        }
        let kept = reports
        switch format {
        case .xlsx: return try await NIOThreadPool.singleton.runIfActive { try ProjectReportFile.xlsx(kept) }
        case .csv: return ProjectReportFile.csv(kept)
        }
    }

    /// The public list as an OC4IDS project package.
    public func oc4ids(base: String) async throws -> OC4IDSPackage {
        let library = try await library()
        let (units, regions) = try await lookups()
        let projects = library.projects.filter { isPublic($0, library) }.map { ($0, library.latest[$0.code]) }
        return OC4IDSPackage(projects: projects, regions: regions, units: units, published: Timestamp.string(clock.now()), base: base)
    }

    /// The rules as they stand.
    public func rules() async throws -> ProjectRules { try await store.projectRules() }

    /// Changes the red/yellow/green rules and the reports' due day (the office).
    public func saveRules(_ rules: ProjectRules, identity: Identity?, actor: Actor) async throws {
        try await authorizeOffice(identity)
        let problems = rules.problems
        guard problems.isEmpty else {
            throw ServiceError.invalid(zh: problems.map(\.zh).joined(separator: "；"), en: problems.map(\.en).joined(separator: "; "))
        }
        try await store.saveProjectRules(rules, actor: actor)
    }
}
