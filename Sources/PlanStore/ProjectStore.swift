import Foundation
import PlanCore

/// The major-project library: projects with their versions and dated stage moves, declaration
/// windows and reviewers' scores, adjustment requests, monthly dispatch reports and the problems
/// they raise, and the office's red/yellow/green rules. Every change writes its audit entry in
/// the same transaction and moves the projects version on (and the supervision version, since
/// late reports raise alerts) — but a report saved for review moves only the supervision
/// version: what the version stands for (projects, approved reports, windows, rules) is unchanged.
public protocol ProjectStore: Sendable {
    /// Changes whenever anything of the library changes.
    func projectsVersion() async throws -> Int
    func projects() async throws -> [Project]
    func project(code: String) async throws -> Project?
    /// Declares new projects or changes ones still declared, all or nothing; `check` sees each
    /// stored project the rows would replace (nil for a new one) and throws to refuse.
    func declareProjects(
        _ projects: [Project], actor: Actor, dryRun: Bool, summary: AuditEntry?, check: @escaping @Sendable (Project, Project?) throws -> Void
    ) async throws -> [RowOutcome]

    func declarationWindows() async throws -> [DeclarationWindow]
    func saveDeclarationWindow(_ window: DeclarationWindow, actor: Actor) async throws
    /// Marks a year's list as published.
    func publishDeclarationWindow(year: Int, actor: Actor) async throws

    func projectReviews(code: String?) async throws -> [ProjectReview]
    func saveProjectReview(_ review: ProjectReview, actor: Actor) async throws

    /// Admits declared projects at the tier they were declared for and marks others not
    /// selected, in one transaction; `check` sees each project as stored.
    func admitProjects(
        admitted: [String], rejected: [String], on day: Day, reason: String, actor: Actor, check: @escaping @Sendable (Project) throws -> Void
    ) async throws
    /// Moves a project to a stage on a day; `check` sees it as stored.
    func moveProject(
        code: String, to stage: ProjectStage, on day: Day, reason: String, actor: Actor, check: @escaping @Sendable (Project) throws -> Void
    ) async throws -> Project
    func projectTransitions(code: String) async throws -> [ProjectTransition]
    /// Every kept version, the first first, the current one last.
    func projectVersions(code: String) async throws -> [ProjectVersion]

    func projectAdjustments(code: String?) async throws -> [ProjectAdjustment]
    func requestAdjustment(
        code: String, kind: AdjustmentKind, proposed: Project, reason: String, actor: Actor,
        check: @escaping @Sendable (Project, [ProjectAdjustment]) throws -> Void
    ) async throws -> ProjectAdjustment
    /// Approves (a new version, or the withdrawal) or returns a pending request.
    func decideAdjustment(
        id: Int, approve: Bool, note: String, on day: Day, actor: Actor, check: @escaping @Sendable (ProjectAdjustment, Project) throws -> Void
    ) async throws -> ProjectAdjustment

    /// Reports of a project, or of a month, or every one when both are nil.
    func projectReports(code: String?, month: Period?) async throws -> [ProjectReport]
    /// Every report awaiting review.
    func submittedProjectReports() async throws -> [ProjectReport]
    /// Each project's latest approved report, optionally within a year.
    func latestApprovedProjectReports(year: Int?) async throws -> [String: ProjectReport]
    /// The months reported on per project (any status), for late-report alerts.
    func reportedMonths(since: Period) async throws -> [String: Set<String>]
    /// Saves reports (new, or replacing a submitted or returned one) with the problems they
    /// raise (only those of reports that are new or changed), all or nothing; `check` sees the
    /// stored reports the rows would replace.
    func saveProjectReports(
        _ reports: [ProjectReport], problems: [ProjectProblem], actor: Actor, dryRun: Bool, summary: AuditEntry?,
        check: @escaping @Sendable ([String: ProjectReport]) throws -> Void
    ) async throws -> [RowOutcome]
    /// Approves or returns submitted reports; returns how many changed.
    func reviewProjectReports(_ keys: [ProjectReportKey], approve: Bool, note: String, actor: Actor) async throws -> Int

    func projectProblems(code: String?) async throws -> [ProjectProblem]
    func closeProjectProblem(id: Int, note: String, on day: Day, actor: Actor) async throws

    func projectRules() async throws -> ProjectRules
    func saveProjectRules(_ rules: ProjectRules, actor: Actor) async throws
}

/// A report's key: its project and month.
public struct ProjectReportKey: Sendable, Hashable {
    public var code: String
    public var month: Period

    public init(code: String, month: Period) {
        self.code = code
        self.month = month
    }

    public var text: String { "\(code) \(month)" }
}

/// Why a project-library write was refused, in both languages.
public struct ProjectError: Error, Sendable {
    public var zh: String
    public var en: String

    public init(zh: String, en: String) {
        self.zh = zh
        self.en = en
    }
}
