import Foundation
import PlanCharts
import PlanServices

/// The account corner of the page header: a login link, or the user's name, role and the pages
/// the role opens, with a logout button.
enum AccountLinks {
    static let marker = "<!--account-->"

    static func html(_ identity: Identity?, language: Language, path: String) -> String {
        let t = language.t
        guard let identity, let csrf = identity.csrfToken else {
            let next = path.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? "/"
            return "<a class=\"account\" href=\"/login?next=\(next)\">\(t("登录", "Log in"))</a>"
        }
        let account = identity.account
        var links = "<a class=\"account\" href=\"/me\">\(escape(account.displayName))</a>"
        links += "<a href=\"/units/\(escape(account.unitCode))\">\(t("填报", "Reporting"))</a>"
        links += "<a href=\"/inbox\">\(t("预警", "Alerts"))</a><a href=\"/orders\">\(t("督办", "Orders"))</a>"
        if [.admin, .office, .reviewer].contains(account.role) {
            links += "<a href=\"/review\">\(t("审核", "Review"))</a><a href=\"/audit\">\(t("审计日志", "Audit log"))</a>"
        }
        links += "<form class=\"logout\" method=\"post\" action=\"/logout\"><input type=\"hidden\" name=\"_csrf\" value=\"\(csrf)\">"
        links += "<button type=\"submit\">\(t("退出", "Log out"))</button></form>"
        return links
    }

    static func escape(_ text: String) -> String { MarkupText.escape(text) }
}
