import ArgumentParser
import PlanCore

/// `plantrack plan`: chapters, articles and their targets as readable text.
struct PlanCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "plan",
        abstract: "Show the plan: its outline, a chapter, an article with its targets, or search the text.")

    @Option(help: "Show one chapter (1–12) with its sections and articles.")
    var chapter: Int?

    @Option(help: "Show one article (1–160) in full with its targets.")
    var article: Int?

    @Option(help: "Search article text, target phrases and indicator names.")
    var search: String?

    @OptionGroup var source: CatalogOption

    func validate() throws {
        if [chapter != nil, article != nil, search != nil].filter({ $0 }).count > 1 {
            throw ValidationError("Use one of --chapter, --article and --search at a time.")
        }
    }

    func run() throws {
        print(try output(plan: source.loadPlan()), terminator: "")
    }

    func output(plan: Plan) throws -> String {
        let printer = PlanPrinter(plan: plan)
        if let chapter {
            guard let c = plan.chapter(chapter) else {
                throw ValidationError("No chapter \(chapter): the plan has chapters 1–\(plan.chapters.count).")
            }
            return printer.chapter(c)
        }
        if let article {
            guard let a = plan.article(article) else {
                throw ValidationError("No article \(article): the plan has articles 1–\(plan.articles.count).")
            }
            return printer.article(a)
        }
        if let search {
            guard !search.trimmingCharacters(in: .whitespaces).isEmpty else {
                throw ValidationError("--search needs some text.")
            }
            return printer.search(search)
        }
        return printer.outline()
    }
}
