import Foundation
import Hummingbird
import Mustache
import PlanServices

/// Renders a page: its own template with its model, inside the shared layout.
public struct PageRenderer: Sendable {
    let library: MustacheLibrary

    /// Loads the templates bundled with PlanWeb.
    public static func bundled() async throws -> PageRenderer {
        try await load(directory: bundledDirectory)
    }

    /// Where the bundled templates are.
    public static var bundledDirectory: String {
        Bundle.module.resourceURL!.appendingPathComponent("templates").path
    }

    /// Loads the templates in `directory` and checks that every page's template is there, so that
    /// a missing or unparsable one stops the server at start instead of rendering empty pages.
    public static func load(directory: String) async throws -> PageRenderer {
        let library: MustacheLibrary
        do {
            library = try await MustacheLibrary(directory: directory)
        } catch {
            throw TemplateError(directory: directory, detail: "a template does not parse: \(error)")
        }
        let missing = PageTemplate.allCases.filter { library.getTemplate(named: $0.rawValue) == nil }.map(\.rawValue)
        guard missing.isEmpty else {
            throw TemplateError(directory: directory, detail: "missing \(missing.map { $0 + ".mustache" }.joined(separator: ", "))")
        }
        return PageRenderer(library: library)
    }

    /// Why the templates could not be loaded.
    public struct TemplateError: Error, CustomStringConvertible {
        public var directory: String
        public var detail: String
        public var description: String { "page templates in \(directory): \(detail)" }
    }

    /// The layout around every page.
    struct Layout {
        var lang: String
        var title: String
        var brand: String
        var content: String
        var nav: Nav
        var switchHref: String
        var switchLang: String
        var switchLabel: String
        var footer: String
        /// Printed at the foot of every page: where it came from, its data version and the day.
        var printLine: String
    }

    struct Nav {
        var overview, targets, plan, cities, indicators, search, searchPlaceholder: String
        var skip, label, menu, account, tasks, projects, inbox, orders: String
    }

    /// The data version of the page being rendered, set by the page cache around a rendering.
    @TaskLocal static var dataVersion: Int?

    /// The full HTML of a page.
    func render(_ template: PageTemplate, model: Any, title: String, request: Request, language: Language, footer: String = "") -> String {
        // Every template was checked at load, so rendering finds it.
        let content = library.render(model, withTemplate: template.rawValue) ?? ""
        let t = language.t
        var components = URLComponents()
        components.percentEncodedPath = Self.safePath(request.uri.path)
        var items = request.uri.queryParameters.filter { $0.key != "lang" }.map { URLQueryItem(name: String($0.key), value: String($0.value)) }
        items.append(URLQueryItem(name: "lang", value: language.other.rawValue))
        components.queryItems = items
        let layout = Layout(
            lang: language.tag, title: title, brand: t("规划实施监测评估", "plan delivery monitor"), content: content,
            nav: Nav(
                overview: t("总览", "Overview"), targets: t("目标", "Targets"), plan: t("规划文本", "Plan"),
                cities: t("城市比较", "Cities"), indicators: t("指标", "Indicators"), search: t("搜索", "Search"),
                searchPlaceholder: t("搜索条文、目标、指标", "Search articles, targets, indicators"),
                skip: t("跳到正文", "Skip to content"), label: t("主导航", "Main"), menu: t("菜单", "Menu"),
                account: t("账户", "Account"), tasks: t("责任清单", "Tasks"), projects: t("重大项目", "Projects"), inbox: t("预警", "Alerts"),
                orders: t("督办", "Orders")),
            switchHref: components.string ?? "/?lang=\(language.other.rawValue)", switchLang: language.other.tag,
            switchLabel: language.switchLabel,
            footer: footer.isEmpty
                ? t(
                    "《山东省建设绿色低碳高质量发展先行区三年行动计划（2023-2025年）》· 数据来源见各指标页",
                    "Shandong pilot zone three-year action plan (2023–2025) · sources on each indicator page")
                : footer,
            printLine: Self.printLine(request: request, language: language))
        return library.render(layout, withTemplate: PageTemplate.layout.rawValue) ?? content
    }

    /// "打印自 host/path?query · 数据版本 12 · 2026-12-04": the page's address, the data version it
    /// shows and the day it was rendered (pages are rendered afresh each day, China Standard Time).
    static func printLine(request: Request, language: Language) -> String {
        let host = request.head.authority ?? ""
        let query = request.uri.query.map { "?" + $0 } ?? ""
        let address = host + safePath(request.uri.path) + query
        let date = PlanClock.chinaDay(of: Date()).description
        let version = dataVersion.map { language.t(" · 数据版本 \($0)", " · data version \($0)") } ?? ""
        return language.t("打印自 ", "Printed from ") + address + version + " · " + date
    }
}

extension PageRenderer {
    /// A path as it may be put back into a link: as received when it is well-formed, otherwise
    /// decoded where it can be and encoded again (a stray `%`, `|` or `<` must never trap or reach
    /// the page unencoded).
    static func safePath(_ path: String) -> String {
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "%")
        var allowedWithEscapes = allowed
        allowedWithEscapes.insert(charactersIn: "%")
        if path.removingPercentEncoding != nil, path.unicodeScalars.allSatisfy({ allowedWithEscapes.contains($0) }) { return path }
        let decoded = path.removingPercentEncoding ?? path
        return decoded.addingPercentEncoding(withAllowedCharacters: allowed) ?? "/"
    }
}
