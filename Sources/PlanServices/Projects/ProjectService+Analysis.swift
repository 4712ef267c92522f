import Foundation
import PlanCore
import PlanStore

/// Plan versus actual: roll-ups with the lagging projects first, the indicators projects feed
/// (with every report behind a value), and an article's whole delivery picture.
extension ProjectService {
    /// A roll-up of the library's building projects (annual plan and started) by a dimension.
    public func rollup(_ dimension: ProjectRollup.Dimension, filter: Filter = Filter(), identity: Identity?) async throws -> (
        rows: [ProjectRollup.Row], year: Int, library: Library
    ) {
        let library = try await library()
        let items = try await projects(filter, identity: identity).filter { $0.project.stage.reportsMonthly || $0.project.stage == .completed }.map {
            ProjectRollup.Item(project: $0.project, standing: $0.standing, yearDone: library.yearDone($0.project.code))
        }
        return (ProjectRollup.rows(items, by: dimension, year: library.today.year), library.today.year, library)
    }

    // MARK: Feeds

    /// An indicator fed by the library, and how.
    public enum Feed: String, Sendable, CaseIterable {
        /// `key_project_investment` (亿元): the year's investment completed by the published
        /// library's projects (withdrawn ones for what they did before), from each one's latest
        /// approved report of the year, by city.
        case investment = "key_project_investment"
        /// `provincial_key_projects` (个): the projects of a published year's list that reached
        /// the annual plan (admitted to it or moved up to it) and are not withdrawn, by city.
        case count = "provincial_key_projects"
    }

    /// One project's part in a fed value.
    public struct FeedSource: Sendable, Hashable {
        public var code: String
        public var name: String
        public var cityCode: String
        /// The report it comes from (nil for a count).
        public var month: Period?
        /// Its part, in the indicator's unit.
        public var value: Double
    }

    /// The fed values of a year, per region (the province and each city), with their sources.
    public func feed(_ feed: Feed, year: Int) async throws -> [String: [FeedSource]] {
        let library = try await library()
        let root = try await reporting.tree().root
        var byRegion: [String: [FeedSource]] = [:]
        switch feed {
        case .investment:
            let latest = year == library.today.year ? library.latestThisYear : try await store.latestApprovedProjectReports(year: year)
            for (code, report) in latest {
                guard let p = library.byCode[code], isPublic(p, library) else { continue }
                let source = FeedSource(code: code, name: p.name, cityCode: p.cityCode, month: report.month, value: report.investmentYear / 10000)
                byRegion[p.cityCode, default: []].append(source)
                byRegion[root, default: []].append(source)
            }
        case .count:
            guard library.isPublished(year) else { return [:] }
            for p in library.projects where p.windowYear == year && [.annual, .started, .completed, .evaluated].contains(p.stage) {
                let source = FeedSource(code: p.code, name: p.name, cityCode: p.cityCode, month: nil, value: 1)
                byRegion[p.cityCode, default: []].append(source)
                byRegion[root, default: []].append(source)
            }
        }
        return byRegion.mapValues { $0.sorted { $0.code < $1.code } }
    }

    /// Writes the fed indicators' values for every year from the first window to this one as
    /// observations (only those that changed), each citing the library as its source; a region
    /// that had a value and has no source left gets 0. Called after reports are approved, lists
    /// published, projects withdrawn or moved; idempotent, so a failed run is made good by the next.
    @discardableResult
    public func feedTargets() async throws -> Int {
        let library = try await library()
        let plan = try await plans.current().plan
        let known = Set(plan.indicators.map(\.key))
        guard let first = library.windows.map(\.year).min() else { return 0 }
        let years = Array(first...max(first, library.today.year))
        var observations: [Observation] = []
        for feed in Feed.allCases where known.contains(feed.rawValue) {
            var existing: [String: Double] = [:]
            for o in try await store.observations(indicator: feed.rawValue, region: nil, offset: 0, limit: 100_000).items {
                existing["\(o.observation.regionCode)|\(o.observation.period)"] = o.observation.value
            }
            for year in years {
                var fed = try await self.feed(feed, year: year)
                for key in existing.keys where key.hasSuffix("|\(year)") {
                    let region = String(key.prefix { $0 != "|" })
                    if fed[region] == nil { fed[region] = [] }
                }
                for (region, sources) in fed {
                    let value = (sources.map(\.value).reduce(0, +) * 10000).rounded() / 10000
                    guard existing["\(region)|\(year)"] != value else { continue }
                    let partial = year == library.today.year && feed == .investment
                    observations.append(
                        Observation(
                            indicatorKey: feed.rawValue, regionCode: region, period: Period(year: year), value: value,
                            provenance: Provenance(
                                source: "PlanTrack 重大项目库（\(feed == .investment ? "审核通过的项目月度调度报告" : "已发布的年度计划名单")，\(sources.count) 个项目）",
                                link: "/projects/feeds/\(feed.rawValue)/\(region)/\(year)",
                                quote: sources.prefix(3).map { "\($0.code) \($0.month?.description ?? "") \(PlainNumber.format($0.value))" }.joined(
                                    separator: "；"),
                                qualifier: partial ? "partial_year|截至最近一次审核通过的月度报告" : "")))
                }
            }
        }
        guard !observations.isEmpty else { return 0 }
        _ = try await store.upsert(observations)
        return observations.count
    }

    // MARK: An article's delivery

    /// Everything that delivers an article: its targets with their status, its tasks with the
    /// owners' latest word, its policies, its projects with their colour, its open supervision
    /// orders — and whether the work reported and the data disagree.
    public struct ArticleDelivery: Sendable {
        public var article: Int
        public var targets: [(target: Target, evaluation: TargetEvaluation?)]
        public var tasks: [(task: WorkTask, latest: [ProgressReport])]
        public var policies: [Policy]
        public var projects: [(project: Project, standing: ProjectStanding)]
        /// The open orders about any of them that the reader may see (none without a login).
        public var orders: [SupervisionOrder]
        /// Tasks and projects say fine while a target is off track …
        public var workFineDataBad: Bool
        /// … or the targets are on track while tasks or projects lag.
        public var dataFineWorkBad: Bool
    }

    public func articleDelivery(_ number: Int, identity: Identity?) async throws -> ArticleDelivery {
        let (snapshot, evaluations) = try await plans.evaluations()
        guard snapshot.plan.article(number) != nil else { throw ServiceError.notFound(what: "article \(number)") }
        let targets = snapshot.plan.targets(inArticle: number)
        let byTarget = Dictionary(
            evaluations.filter { $0.regionCode == snapshot.plan.regions.first { $0.level == .province }?.code }.map { ($0.targetID, $0) },
            uniquingKeysWith: { a, _ in a })
        let tasks = try await supervision.tasks(year: nil, article: number)
        let latestYear = tasks.map(\.year).max()
        let current = tasks.filter { $0.year == latestYear }
        let progress = Dictionary(grouping: try await store.latestCountingProgress(taskIDs: current.map(\.id)), by: \.taskID)
        let policies = try await supervision.policies(article: number)
        let projects = try await self.projects(Filter(article: number), identity: identity).filter { $0.project.stage.isInLibrary }
        let subjects =
            Set(targets.map { "target:\($0.id)" }).union(current.map { "task:\($0.id)" }).union(policies.map { "policy:\($0.id)" })
            .union(projects.map { "project:\($0.project.code)" })
        // Orders are not public: the reader sees those of the units in their scope (the office all).
        var orders: [SupervisionOrder] = []
        if identity != nil {
            for o in try await store.orders(units: nil) where o.state != .closed && subjects.contains(o.subject.text) {
                if try await reporting.allows(identity, .viewStatus, unit: o.unitCode) { orders.append(o) }
            }
        }
        let statuses = targets.compactMap { byTarget[$0.id]?.status }
        let dataBad = statuses.contains { AlertRules.severity(of: $0) != nil }
        let dataKnown = !statuses.isEmpty
        let taskStatuses = current.flatMap { progress[$0.id] ?? [] }.map(\.status)
        let building = projects.filter { $0.standing.rag != .none }
        let workKnown = !taskStatuses.isEmpty || !building.isEmpty
        let workFine =
            workKnown && taskStatuses.allSatisfy { $0 == .onSchedule || $0 == .done } && building.allSatisfy { $0.standing.rag == .green }
        let workBad = taskStatuses.contains { $0 == .behind || $0 == .blocked } || building.contains { $0.standing.rag == .red }
        return ArticleDelivery(
            article: number, targets: targets.map { ($0, byTarget[$0.id]) }, tasks: current.map { ($0, progress[$0.id] ?? []) }, policies: policies,
            projects: projects, orders: orders, workFineDataBad: workFine && dataBad, dataFineWorkBad: dataKnown && !dataBad && workBad)
    }
}
