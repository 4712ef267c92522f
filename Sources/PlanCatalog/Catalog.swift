import Foundation
import PlanCore

/// Loads and validates a plan catalog: a directory of human-editable files.
///
/// ```
/// plan.yaml            title, preamble, chapters (with sections and introductions), articles
/// indicators.yaml      the indicators targets measure
/// targets/*.yaml       the quantified targets, one file per chapter
/// regions.csv          administrative divisions: code,name_zh,name_en,level,parent_code,circle
/// region-groups.yaml   the economic circles
/// observations.csv     published values with their sources (optional; see ObservationFile)
/// ```
public enum Catalog {
    /// The catalog of the Shandong pilot-zone plan shipped with PlanTrack.
    public static var bundledDirectory: URL {
        Bundle.module.resourceURL!.appendingPathComponent("catalog", isDirectory: true)
    }

    /// Loads the bundled Shandong plan.
    public static func bundled() throws(CatalogError) -> Plan {
        try load(directory: bundledDirectory)
    }

    /// The published observations bundled with PlanTrack.
    public static func bundledObservations() throws(CatalogError) -> [Observation] {
        try observations(directory: bundledDirectory, plan: bundled())
    }

    /// Loads the catalog in `directory`, or throws every problem found.
    public static func load(directory: URL) throws(CatalogError) -> Plan {
        let (plan, problems) = read(directory: directory)
        guard problems.isEmpty, let plan else { throw CatalogError(problems: problems) }
        return plan
    }

    /// Every problem of the catalog in `directory`, including its observations file if it has one;
    /// empty when the catalog is sound.
    public static func check(directory: URL) -> [CatalogProblem] {
        let (plan, problems) = read(directory: directory)
        guard let plan, problems.isEmpty else { return problems }
        var found: [CatalogProblem] = []
        let url = directory.appendingPathComponent(ObservationFile.bundledFileName)
        if FileManager.default.fileExists(atPath: url.path) {
            let log = ProblemLog()
            if let text = readText(url, file: ObservationFile.bundledFileName, log: log) {
                found += ObservationFile.read(text, file: ObservationFile.bundledFileName, plan: plan).problems
            }
            found += log.problems
        }
        let reporting = directory.appendingPathComponent(ReportingSetupFile.fileName)
        if FileManager.default.fileExists(atPath: reporting.path) {
            let log = ProblemLog()
            if let text = readText(reporting, file: ReportingSetupFile.fileName, log: log) {
                _ = ReportingSetupFile.read(text, plan: plan, log: log)
            }
            found += log.problems
        }
        return found
    }

    /// The observations file of a catalog directory, read against its plan; any bad row throws.
    public static func observations(directory: URL, plan: Plan) throws(CatalogError) -> [Observation] {
        let log = ProblemLog()
        let url = directory.appendingPathComponent(ObservationFile.bundledFileName)
        guard let text = readText(url, file: ObservationFile.bundledFileName, log: log) else {
            throw CatalogError(problems: log.problems)
        }
        let result = ObservationFile.read(text, file: ObservationFile.bundledFileName, plan: plan)
        guard result.problems.isEmpty else { throw CatalogError(problems: result.problems) }
        return result.observations
    }

    static func read(directory: URL) -> (Plan?, [CatalogProblem]) {
        let log = ProblemLog()
        func text(_ name: String) -> String? {
            readText(directory.appendingPathComponent(name), file: name, log: log)
        }
        let planText = text(PlanText.fileName).flatMap { PlanText.read($0, log: log) }
        let indicatorEntries = text(IndicatorFile.fileName).map { IndicatorFile.entries($0, log: log) } ?? []
        let indicators = indicatorEntries.map(\.indicator)
        let regions = text(RegionFiles.regionsFile).map { RegionFiles.readRegions($0, log: log) } ?? []
        let groups = text(RegionFiles.groupsFile).map { RegionFiles.readGroups($0, log: log) } ?? []
        var entries: [TargetFile.Entry] = []
        for name in targetFiles(directory: directory, log: log) {
            if let body = text(name) {
                entries += TargetFile.read(body, file: name, log: log)
            }
        }
        guard let planText else { return (nil, log.problems) }
        // The English titles are optional: a catalog without them shows Chinese titles everywhere.
        let titlesURL = directory.appendingPathComponent(EnglishTitlesFile.fileName)
        let titlesEn =
            FileManager.default.fileExists(atPath: titlesURL.path)
            ? text(EnglishTitlesFile.fileName).map { EnglishTitlesFile.read($0, plan: planText, log: log) } ?? EnglishTitles()
            : EnglishTitles()
        let plan = Plan(
            title: planText.title, preamble: planText.preamble, chapters: planText.chapters,
            articles: planText.articles, targets: entries.map(\.target), indicators: indicators,
            regions: regions, regionGroups: groups, titlesEn: titlesEn)
        CatalogValidator(plan: plan, targetEntries: entries, log: log).run()
        IndicatorFile.checkFormulas(
            indicatorEntries, regions: Set(regions.map(\.code)).union(groups.map(\.key)), log: log)
        return (plan, log.problems)
    }

    private static func targetFiles(directory: URL, log: ProblemLog) -> [String] {
        let folder = directory.appendingPathComponent(TargetFile.directory)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else {
            log.add(file: TargetFile.directory + "/", "the targets folder is missing")
            return []
        }
        return names.filter { $0.hasSuffix(".yaml") }.sorted().map { TargetFile.directory + "/" + $0 }
    }

    static func readText(_ url: URL, file: String, log: ProblemLog) -> String? {
        guard let data = FileManager.default.contents(atPath: url.path) else {
            log.add(file: file, "the file is missing or unreadable (\(url.path))")
            return nil
        }
        guard let text = String(data: data, encoding: .utf8) else {
            log.add(file: file, "the file is not UTF-8 text")
            return nil
        }
        return text
    }
}
