import Foundation

/// A project in the major-project library (重大项目库): what it is, who builds it, where, what
/// plan measures and targets it serves, what it costs and when it is to be built. Amounts are in
/// 万元 (ten thousand yuan), as project lists write them.
public struct Project: Sendable, Hashable, Codable {
    /// The national investment project code, as written (`ProjectCode.description`).
    public var code: String
    public var name: String
    /// 项目单位: the legal person building it.
    public var owner: String
    /// The reporting unit that declared it and reports on it (a city, department or enterprise).
    public var unitCode: String
    /// The county-level division it is in (from the code, or given), and its city.
    public var countyCode: String
    public var cityCode: String
    public var sector: String
    public var articles: [Int]
    public var targetIDs: [String]
    /// 总投资, 万元.
    public var totalInvestment: Double
    /// 年度计划投资 by year, 万元.
    public var annualInvestment: [Int: Double]
    public var plannedStart: Day
    public var plannedCompletion: Day
    /// 建设内容及规模.
    public var content: String
    /// 建设地点.
    public var location: String
    /// 联系人及电话.
    public var contact: String
    public var stage: ProjectStage
    /// The tier it was declared for (reserve, rolling or annual).
    public var requestedStage: ProjectStage
    /// The declaration window's year it came in through.
    public var windowYear: Int
    /// 1 when declared; every approved adjustment adds one.
    public var version: Int
    public var actualStart: Day?
    public var actualCompletion: Day?
    /// The day it entered the annual plan (admitted at that tier or moved up to it): monthly
    /// reports are owed from that month.
    public var annualSince: Day?

    public init(
        code: String, name: String, owner: String, unitCode: String, countyCode: String, cityCode: String, sector: String, articles: [Int],
        targetIDs: [String], totalInvestment: Double, annualInvestment: [Int: Double], plannedStart: Day, plannedCompletion: Day,
        content: String, location: String, contact: String, stage: ProjectStage = .declared, requestedStage: ProjectStage = .annual,
        windowYear: Int, version: Int = 1, actualStart: Day? = nil, actualCompletion: Day? = nil, annualSince: Day? = nil
    ) {
        self.code = code
        self.name = name
        self.owner = owner
        self.unitCode = unitCode
        self.countyCode = countyCode
        self.cityCode = cityCode
        self.sector = sector
        self.articles = articles
        self.targetIDs = targetIDs
        self.totalInvestment = totalInvestment
        self.annualInvestment = annualInvestment
        self.plannedStart = plannedStart
        self.plannedCompletion = plannedCompletion
        self.content = content
        self.location = location
        self.contact = contact
        self.stage = stage
        self.requestedStage = requestedStage
        self.windowYear = windowYear
        self.version = version
        self.actualStart = actualStart
        self.actualCompletion = actualCompletion
        self.annualSince = annualSince
    }

    /// The first month a dispatch report is owed. A project admitted to a year's annual plan owes
    /// the whole year from January (the year's investment is counted from its first month, as
    /// provincial dispatch counts 1–2月 together); one moved up to the annual plan later owes from
    /// the month it moved.
    public var reportsFrom: Period {
        if requestedStage != .annual, let d = annualSince { return Period(year: d.year, span: .month(d.month)) }
        return Period(year: windowYear, span: .month(1))
    }

    /// The year's planned investment, 0 when none is planned.
    public func planned(in year: Int) -> Double { annualInvestment[year] ?? 0 }

    /// The fields an adjustment may change, each with its value as text: what versions are
    /// compared on.
    public var comparable: [(key: String, zh: String, en: String, value: String)] {
        [
            ("name", "项目名称", "Name", name),
            ("owner", "项目单位", "Owner", owner),
            ("content", "建设内容及规模", "Scope", content),
            ("location", "建设地点", "Location", location),
            ("sector", "所属领域", "Sector", ProjectSector.byCode[sector]?.nameZh ?? sector),
            ("articles", "对应条款", "Articles", articles.map(String.init).joined(separator: "、")),
            ("targets", "服务目标", "Targets", targetIDs.joined(separator: "、")),
            ("totalInvestment", "总投资（万元）", "Total investment (10k yuan)", PlainNumber.format(totalInvestment)),
            (
                "annualInvestment", "年度计划投资（万元）", "Annual planned investment (10k yuan)",
                annualInvestment.sorted { $0.key < $1.key }.map { "\($0.key):\(PlainNumber.format($0.value))" }.joined(separator: "；")
            ),
            ("plannedStart", "计划开工", "Planned start", plannedStart.description),
            ("plannedCompletion", "计划竣工", "Planned completion", plannedCompletion.description),
            ("contact", "联系人", "Contact", contact),
        ]
    }

    /// The fields whose values differ between two versions, old value then new.
    public static func differences(_ a: Project, _ b: Project) -> [(key: String, zh: String, en: String, old: String, new: String)] {
        zip(a.comparable, b.comparable).compactMap { x, y in x.value == y.value ? nil : (x.key, x.zh, x.en, x.value, y.value) }
    }
}

/// One kept version of a project: every approved change leaves the one before.
public struct ProjectVersion: Sendable, Hashable {
    public var project: Project
    public var at: String
    public var by: String
    public var reason: String

    public init(project: Project, at: String, by: String, reason: String) {
        self.project = project
        self.at = at
        self.by = by
        self.reason = reason
    }
}
