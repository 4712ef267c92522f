import Foundation
import PlanCore

/// The library's public fields as an Open Contracting for Infrastructure Data Standard (OC4IDS
/// 0.9) project package: one project per published project, amounts in CNY, dates as ISO 8601,
/// status (`projectStatus`) and sector (`projectSector`) from the standard's codelists, the
/// project unit as the `publicAuthority` party; the plan's articles and targets it serves, its
/// stage in the library and the unit that declared it go under `additionalClassifications`.
public struct OC4IDSPackage: Encodable, Sendable {
    public var uri: String
    public var publishedDate: String
    public var publisher: Publisher
    public var license: String
    public var version = "0.9"
    public var projects: [OCProject]

    public struct Publisher: Encodable, Sendable {
        public var name: String
    }

    public struct Amount: Encodable, Sendable {
        public var amount: Double
        public var currency = "CNY"
    }

    public struct Budget: Encodable, Sendable {
        public var amount: Amount
    }

    public struct DatePeriod: Encodable, Sendable {
        public var startDate: String
        public var endDate: String
    }

    public struct Address: Encodable, Sendable {
        public var locality: String
        public var region: String
        public var countryName = "中国"
    }

    public struct Location: Encodable, Sendable {
        public var description: String
        public var address: Address
    }

    public struct Party: Encodable, Sendable {
        public var id: String
        public var name: String
        public var roles: [String]
    }

    public struct Classification: Encodable, Sendable {
        public var scheme: String
        public var id: String
        public var description: String
    }

    public struct Completion: Encodable, Sendable {
        public var endDate: String
        public var finalValue: Amount?
    }

    public struct OCProject: Encodable, Sendable {
        public var id: String
        public var title: String
        public var description: String
        public var status: String
        public var type: String
        public var sector: [String]
        public var purpose: String
        public var additionalClassifications: [Classification]
        public var locations: [Location]
        public var budget: Budget
        public var period: DatePeriod
        public var parties: [Party]
        public var completion: Completion?
        public var updated: String
    }

    /// The OC4IDS project status of a library stage.
    public static func status(_ stage: ProjectStage) -> String {
        switch stage {
        case .declared, .notSelected, .reserve: "identification"
        case .rolling, .annual: "preparation"
        case .started: "implementation"
        case .completed: "completion"
        case .evaluated: "completed"
        case .withdrawn: "cancelled"
        }
    }

    /// The OC4IDS `projectSector` codes of a library sector.
    public static func sectors(_ code: String) -> [String] {
        switch code {
        case "transport": ["transport"]
        case "energy", "energy_materials": ["energy"]
        case "water": ["waterAndWaste"]
        case "ecology": ["naturalResources"]
        case "health": ["health"]
        case "culture", "tourism": ["cultureSportsAndRecreation"]
        case "new_infrastructure", "ict": ["communications"]
        case "public_services": ["education", "health"]
        default: ["economy"]
        }
    }

    public init(
        projects: [(project: Project, latest: ProjectReport?)], regions: [String: Region], units: [String: ReportingUnit], published: String,
        base: String
    ) {
        uri = base + "/api/v1/projects/export.oc4ids.json"
        publishedDate = published
        publisher = Publisher(name: "山东省绿色低碳高质量发展先行区建设领导小组办公室")
        license = "https://creativecommons.org/licenses/by/4.0/"
        self.projects = projects.map { p, latest in
            let county = regions[p.countyCode]
            let city = regions[p.cityCode]
            let unit = units[p.unitCode]
            var classes = [Classification(scheme: "PlanTrack-stage", id: p.stage.rawValue, description: p.stage.nameZh)]
            classes += p.articles.map { Classification(scheme: "Shandong-GLHQ-2023-2025-article", id: String($0), description: "第\($0)条") }
            classes += p.targetIDs.map { Classification(scheme: "Shandong-GLHQ-2023-2025-target", id: $0, description: $0) }
            classes.append(Classification(scheme: "PlanTrack-sector", id: p.sector, description: ProjectSector.byCode[p.sector]?.nameZh ?? p.sector))
            classes.append(Classification(scheme: "PlanTrack-declaring-unit", id: p.unitCode, description: unit?.nameZh ?? p.unitCode))
            return OCProject(
                id: p.code, title: p.name, description: p.content, status: Self.status(p.stage), type: "construction", sector: Self.sectors(p.sector),
                purpose: "山东省绿色低碳高质量发展先行区三年行动计划（2023—2025年）重大项目", additionalClassifications: classes,
                locations: [
                    Location(description: p.location, address: Address(locality: county?.nameZh ?? p.countyCode, region: city?.nameZh ?? p.cityCode))
                ], budget: Budget(amount: Amount(amount: p.totalInvestment * 10000)),
                period: DatePeriod(startDate: p.plannedStart.description, endDate: p.plannedCompletion.description),
                parties: [Party(id: "owner-\(p.code)", name: p.owner, roles: ["publicAuthority"])],
                completion: p.actualCompletion.map {
                    Completion(endDate: $0.description, finalValue: latest.map { Amount(amount: $0.investmentToDate * 10000) })
                }, updated: published)
        }
    }
}
