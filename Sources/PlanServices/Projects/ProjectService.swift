import Foundation
import Logging
import PlanCore
import PlanStore

/// The major-project library (Article 158): declaration windows and annual selection, the
/// registry with its versions and stage moves, dynamic adjustment, monthly dispatch with its
/// problems, and plan-versus-actual colours, roll-ups and the targets projects feed. It knows
/// nothing of HTTP; permissions go through the same `Access` rules as data collection.
///
/// - declaring, reporting and asking for adjustments: the project's unit (`reportProgress`);
/// - approving reports and closing problems: those who approve for the unit (`approve`: its
///   reviewers and those above, the office); scoring declarations likewise, but never the
///   unit's own users scoring their own projects;
/// - windows, admission, publication, stage moves, adjustments, rules: the office (`manageTasks`).
public struct ProjectService: Sendable {
    public let store: any PlanStore
    public let reporting: ReportingService
    public let plans: PlanService
    public let supervision: SupervisionService
    public let clock: PlanClock
    let cache = DayCache<Library>()
    let logger = Logger(label: "plantrack.projects")

    public init(store: any PlanStore, reporting: ReportingService, plans: PlanService, supervision: SupervisionService, clock: PlanClock) {
        self.store = store
        self.reporting = reporting
        self.plans = plans
        self.supervision = supervision
        self.clock = clock
    }

    func timestamp() -> String { Timestamp.string(clock.now()) }

    /// Writes the fed indicators again after a committed change; a failure is logged, not
    /// reported as the change's: the change stands and the next recompute writes the values.
    public func refeed() async {
        do { try await feedTargets() } catch { logger.error("the fed indicators were not written again: \(error)") }
    }

    /// Checks that `identity` is the office (or an administrator).
    @discardableResult
    public func authorizeOffice(_ identity: Identity?) async throws -> Identity {
        try await reporting.authorize(identity, .manageTasks, unit: try await reporting.tree().root).0
    }

    public func isOffice(_ identity: Identity?) async throws -> Bool {
        try await reporting.allows(identity, .manageTasks, unit: try await reporting.tree().root)
    }

    /// The library as read at one moment: every project with its colour, computed once per change
    /// of the library or of the day.
    public struct Library: Sendable {
        public let projects: [Project]
        public let byCode: [String: Project]
        /// Each project's latest approved report (any year).
        public let latest: [String: ProjectReport]
        /// Each project's latest approved report of the current year.
        public let latestThisYear: [String: ProjectReport]
        public let standings: [String: ProjectStanding]
        /// Every project with its standing, red first, then yellow, then by code: the order lists
        /// are shown in, sorted once per reading rather than per request.
        public let ordered: [(project: Project, standing: ProjectStanding)]
        public let rules: ProjectRules
        public let windows: [DeclarationWindow]
        public let today: Day
        public let version: Int

        /// The year's investment completed by a project (its latest approved report of the year).
        public func yearDone(_ code: String) -> Double { latestThisYear[code]?.investmentYear ?? 0 }

        /// Whether a year's list is published.
        public func isPublished(_ year: Int) -> Bool { windows.first { $0.year == year }?.publishedAt != nil }
    }

    /// The library as of now. Read again only when it changed or a day passed; while one reader
    /// reads it again the others get the same day's last reading rather than wait or read it too
    /// (they lag by at most that one reading, as alerts do).
    public func library() async throws -> Library {
        let today = clock.today()
        let version = try await store.projectsVersion()
        let key = "\(today)|\(version)"
        if let kept = await cache.kept(for: key, day: today.description) { return kept }
        return try await cache.compute(key: key) { try await readLibrary(today: today, version: version) }
    }

    func readLibrary(today: Day, version: Int) async throws -> Library {
        let projects = try await store.projects()
        let latest = try await store.latestApprovedProjectReports(year: nil)
        let thisYear = try await store.latestApprovedProjectReports(year: today.year)
        let rules = try await store.projectRules()
        var standings: [String: ProjectStanding] = [:]
        for p in projects { standings[p.code] = ProjectStanding.judge(p, latest: latest[p.code], today: today, rules: rules) }
        let ordered = projects.map { ($0, standings[$0.code]!) }.sorted { ($0.1.rag, $0.0.code) < ($1.1.rag, $1.0.code) }
        return Library(
            projects: projects, byCode: Dictionary(projects.map { ($0.code, $0) }, uniquingKeysWith: { a, _ in a }), latest: latest,
            latestThisYear: thisYear, standings: standings, ordered: ordered, rules: rules, windows: try await store.declarationWindows(),
            today: today, version: version)
    }

    /// What a list of projects is filtered by.
    public struct Filter: Sendable, Hashable {
        public var city: String?
        public var sector: String?
        public var stage: ProjectStage?
        public var rag: ProjectRAG?
        public var article: Int?
        public var target: String?
        public var unit: String?
        public var year: Int?
        public var text: String?

        public init(
            city: String? = nil, sector: String? = nil, stage: ProjectStage? = nil, rag: ProjectRAG? = nil, article: Int? = nil,
            target: String? = nil,
            unit: String? = nil, year: Int? = nil, text: String? = nil
        ) {
            self.city = city
            self.sector = sector
            self.stage = stage
            self.rag = rag
            self.article = article
            self.target = target
            self.unit = unit
            self.year = year
            self.text = text
        }

        func matches(_ p: Project, rag r: ProjectRAG?) -> Bool {
            (city.map { p.cityCode == $0 } ?? true) && (sector.map { p.sector == $0 } ?? true) && (stage.map { p.stage == $0 } ?? true)
                && (rag.map { r == $0 } ?? true) && (article.map { p.articles.contains($0) } ?? true)
                && (target.map { p.targetIDs.contains($0) } ?? true) && (unit.map { p.unitCode == $0 } ?? true)
                && (year.map { p.windowYear == $0 } ?? true)
                && (text.map { p.name.localizedCaseInsensitiveContains($0) || p.code.contains($0) || p.owner.contains($0) } ?? true)
        }
    }

    /// Whether a person may see a project that is not on the published list: its unit's users,
    /// those above it, the office.
    func canSeeUnpublished(_ project: Project, _ identity: Identity?) async throws -> Bool {
        try await reporting.allows(identity, .viewStatus, unit: project.unitCode)
    }

    /// Projects matching a filter that `identity` may see, red first, then yellow, then by code.
    /// The public sees the library (admitted, on a published list or built); units also see
    /// what they declared.
    public func projects(_ filter: Filter, identity: Identity?) async throws -> [(project: Project, standing: ProjectStanding)] {
        let library = try await library()
        let office = try await isOffice(identity)
        let tree = try await reporting.tree()
        var out: [(project: Project, standing: ProjectStanding)] = []
        for (p, standing) in library.ordered {
            guard filter.matches(p, rag: standing.rag) else { continue }
            if !isPublic(p, library) {
                guard let identity, office || tree.contains(p.unitCode, within: identity.account.unitCode) else { continue }
            }
            out.append((p, standing))
        }
        return out
    }

    /// On the public list: admitted at a tier and its year's list published, or built since.
    public func isPublic(_ p: Project, _ library: Library) -> Bool {
        guard p.stage.isInLibrary || p.stage == .withdrawn else { return false }
        return library.isPublished(p.windowYear) || [.started, .completed, .evaluated].contains(p.stage)
    }

    /// One project, if `identity` may see it.
    public func project(_ code: String, identity: Identity?) async throws -> Project {
        let library = try await library()
        guard let p = library.byCode[code] else { throw ServiceError.notFound(what: "project \(code)") }
        if !isPublic(p, library), try await !canSeeUnpublished(p, identity) { throw ServiceError.notFound(what: "project \(code)") }
        return p
    }
}
