import Foundation
import PlanCatalog
import PlanCore
import Testing

/// The bundled Shandong catalog is complete and faithful to the published text.
@Suite struct BundledCatalogTests {
    let plan: Plan

    init() throws {
        plan = try Catalog.bundled()
    }

    @Test func hasNoProblems() {
        #expect(Catalog.check(directory: Catalog.bundledDirectory).map(\.description) == [])
    }

    @Test func twelveChaptersWithTheirSections() {
        #expect(plan.chapters.map(\.number) == Array(1...12))
        #expect(plan.chapters[1].title == "推动高水平科技自立自强，建设全国区域创新中心")
        #expect(plan.chapters[11].title == "保障措施")
        #expect(plan.chapters.map(\.sections.count) == [0, 5, 5, 4, 5, 4, 4, 5, 5, 5, 3, 0])
        #expect(plan.chapters[0].introduction.isEmpty)
        #expect(plan.chapters[1].introduction.hasSuffix("成为在全国有影响力的人才集聚高地和科技创新策源地。"))
    }

    @Test func all160ArticlesInOrder() {
        #expect(plan.articles.map(\.number) == Array(1...160))
        #expect(plan.article(3)?.title == "完善四级实验室体系")
        #expect(plan.article(160)?.title == "营造浓厚社会氛围")
        for article in plan.articles {
            #expect(article.text.hasPrefix(article.title + "。"), "article \(article.number)")
        }
        // Articles per chapter, in order.
        let perChapter = plan.chapters.map { c in plan.articles.filter { $0.chapter == c.number }.count }
        #expect(perChapter == [2, 14, 18, 14, 24, 12, 15, 18, 14, 15, 8, 6])
    }

    @Test func pageWrapsOfTheSourceAreJoined() throws {
        let article24 = try #require(plan.article(24))
        #expect(article24.text.contains("搭建“两高”行业电子监管平台"))
        let article156 = try #require(plan.article(156))
        #expect(article156.text.contains("重大政策、重大改革、重大工程"))
        // Article 2 is the only article with a second paragraph.
        #expect(plan.articles.filter { $0.text.contains("\n") }.map(\.number) == [2])
    }

    /// Pinned so that an accidental loss (or duplication) of targets is caught.
    @Test func targetCountsPerChapter() {
        let counts = plan.chapters.map { plan.targets(inChapter: $0.number).count }
        #expect(counts == [0, 36, 43, 23, 45, 21, 23, 4, 31, 27, 4, 0])
        #expect(plan.targets.count == 257)
    }

    @Test func targetCountsPerKind() {
        let counts = Dictionary(grouping: plan.targets, by: \.kind).mapValues(\.count)
        #expect(
            counts == [
                .reach: 81, .floor: 61, .about: 48, .coverage: 29, .cumulative: 16, .annualCount: 9, .ceiling: 5,
                .annualGrowth: 3, .multiple: 2, .relativeChange: 2, .ppChange: 1,
            ])
    }

    @Test func everyQuoteStandsVerbatimInItsOwnSource() throws {
        for target in plan.targets {
            let text = try #require(plan.text(of: target.source), "\(target.id)")
            #expect(text.contains(target.quote), "\(target.id): \(target.quote)")
        }
    }

    @Test func targetIdsAreUniqueAndNamedAfterTheirSource() {
        #expect(Set(plan.targets.map(\.id)).count == plan.targets.count)
        for target in plan.targets {
            switch target.source {
            case .article(let n): #expect(target.id.hasPrefix(String(format: "A%03d-", n)), "\(target.id)")
            case .chapterIntroduction(let n): #expect(target.id.hasPrefix(String(format: "C%02d-", n)), "\(target.id)")
            }
        }
    }

    @Test func headlineTargetsReadAsTheTextSays() throws {
        let rd = try #require(plan.targets.first { $0.id == "C02-2" })
        #expect(rd.indicatorKey == "rd_intensity")
        #expect(rd.value == 2.6 && rd.unit == "%" && rd.deadline == .year(2025))
        let labs = try #require(plan.targets.first { $0.quote.contains("全国重点实验室达到30家") })
        #expect(labs.indicatorKey == "national_key_labs" && labs.value == 30)
        let water = try #require(plan.targets.first { $0.id == "A066-1" })
        #expect(water.kind == .ceiling && water.value == 241.1 && water.binding && water.direction == .lower)
        let intensity = try #require(plan.targets.first { $0.id == "A066-2" })
        #expect(intensity.kind == .relativeChange && intensity.value == -16 && intensity.baseYear == 2020)
        let pm25 = try #require(plan.targets.first { $0.id == "A070-1" })
        #expect(pm25.indicatorKey == "pm25" && pm25.value == 38 && pm25.direction == .lower && !pm25.binding)
        let nonFossil = try #require(plan.targets.first { $0.id == "C05-1" })
        #expect(nonFossil.kind == .about && nonFossil.value == 13 && nonFossil.tolerance == 0.5)
        let logistics = try #require(plan.targets.first { $0.kind == .ppChange })
        #expect(logistics.value == -2 && logistics.valueHigh == -3)
    }

    @Test func cityAndCircleTargets() {
        let regions = Set(plan.targets.map(\.regionCode))
        #expect(regions.isSuperset(of: ["370100", "370200", "capital_circle", "jiaodong_circle", "lunan_circle"]))
    }

    @Test func everyTargetMeasuresAKnownIndicatorInAConvertibleUnit() throws {
        let levelKinds: Set<TargetKind> = [.floor, .ceiling, .reach, .about, .annualCount, .cumulative]
        for target in plan.targets {
            let indicator = try #require(plan.indicator(target.indicatorKey), "\(target.id)")
            if levelKinds.contains(target.kind) {
                #expect(MeasurementUnit.factor(from: target.unit, to: indicator.unit) != nil, "\(target.id)")
            }
        }
    }

    @Test func regionsAreTheDivisionsOfShandong() throws {
        #expect(plan.regions.count == 153)
        let levels = Dictionary(grouping: plan.regions, by: \.level).mapValues(\.count)
        #expect(levels == [.province: 1, .city: 16, .county: 136])
        #expect(plan.region("370000")?.nameZh == "山东省")
        #expect(plan.region("370100")?.circle == "capital_circle")
        let members = plan.regionGroups.flatMap(\.memberCodes)
        #expect(plan.regionGroups.map(\.key) == ["capital_circle", "jiaodong_circle", "lunan_circle"])
        #expect(Set(members) == Set(plan.regions.filter { $0.level == .city }.map(\.code)))
        #expect(members.count == 16)
        for county in plan.regions where county.level == .county {
            let city = try #require(plan.region(county.parentCode ?? ""), "\(county.code)")
            #expect(city.level == .city && county.circle == city.circle, "\(county.code)")
        }
    }

    @Test func bundledObservationsKeepTheirProvenance() throws {
        let observations = try Catalog.bundledObservations()
        #expect(observations.count == 113)
        #expect(Set(observations.map(\.indicatorKey)).count == 37)
        for o in observations {
            #expect(!o.provenance.source.isEmpty && !o.provenance.quote.isEmpty && !o.provenance.qualifier.isEmpty)
        }
        let rd = try #require(observations.first { $0.indicatorKey == "rd_intensity" && $0.period == Period(year: 2022) })
        #expect(rd.value == 2.49 && rd.regionCode == "370000")
        #expect(observations.contains { !$0.period.isAnnual })
    }
}
