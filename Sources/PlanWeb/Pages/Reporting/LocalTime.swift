import Foundation
import PlanCore

/// Stored times (ISO 8601, UTC) as officials read them: Beijing time, to the minute.
enum LocalTime {
    static let zone = TimeZone(identifier: "Asia/Shanghai") ?? TimeZone(secondsFromGMT: 8 * 3600)!

    static func display(_ stored: String, seconds: Bool = false) -> String {
        guard let date = Timestamp.date(stored) else { return stored }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = zone
        formatter.dateFormat = seconds ? "yyyy-MM-dd HH:mm:ss" : "yyyy-MM-dd HH:mm"
        return formatter.string(from: date)
    }
}

/// Audit actions, channels and workflow states in words.
enum AuditText {
    static func action(_ code: String, _ language: Language) -> String {
        let t = language.t
        switch code {
        case "login": return t("登录", "Login")
        case "login.failed": return t("登录失败", "Failed login")
        case "logout": return t("退出", "Logout")
        case "password.change": return t("修改密码", "Password change")
        case "user.create": return t("新建用户", "User created")
        case "user.role": return t("变更角色或单位", "Role or unit change")
        case "user.disable": return t("停用或启用用户", "User disabled or enabled")
        case "user.password": return t("重置密码", "Password reset")
        case "token.create": return t("生成接口令牌", "API token created")
        case "value.change": return t("数据修改", "Value change")
        case "import": return t("文件导入", "Import")
        case "calendar.change": return t("修改报送日历", "Calendar change")
        case "submission.draft": return t("开始填报", "Draft started")
        case "submission.resubmit": return t("修改已审核数据并重新提交", "Approved figures changed, resubmitted")
        case "submission.submit": return t("提交审核", "Submitted")
        case "submission.approve": return t("审核通过", "Approved")
        case "submission.return": return t("退回", "Returned")
        case "submission.reopen": return t("重新开放", "Reopened")
        case "tasks.import": return t("导入责任清单", "Responsibility list imported")
        case "task.create": return t("新增任务", "Task added")
        case "task.change": return t("修改任务", "Task changed")
        case "task.delete": return t("删除任务", "Task deleted")
        case "progress.save": return t("保存任务进展", "Progress saved")
        case "progress.submit": return t("提交任务进展", "Progress submitted")
        case "progress.approve": return t("审核通过任务进展", "Progress approved")
        case "progress.return": return t("退回任务进展", "Progress returned")
        case "alert.acknowledged": return t("确认预警", "Alert acknowledged")
        case "alert.muted": return t("屏蔽预警", "Alert muted")
        case "alert.unmark": return t("恢复预警", "Alert mark cleared")
        case "order.issue": return t("下发督办单", "Order issued")
        case "order.sign": return t("签收督办单", "Order signed for")
        case "order.answer": return t("答复督办单", "Order answered")
        case "order.close": return t("督办单销号", "Order closed")
        case "order.return": return t("督办单退回重办", "Order sent back")
        default: return code
        }
    }

    /// A workflow state name in words; anything else as stored.
    static func state(_ text: String, _ language: Language) -> String {
        if let status = SubmissionStatus(rawValue: text) { return language.t(status.nameZh, status.nameEn) }
        if let state = OrderState(rawValue: text) { return language.t(state.nameZh, state.nameEn) }
        return text
    }

    /// An entry's detail in words: the channel of a login, the counts of an import
    /// (`new=6 changed=0 unchanged=1` → 新增 6 · 修改 0 · 未变 1), a file's format and rows; a
    /// reason someone typed stays as typed.
    static func detail(_ action: String, _ detail: String, _ language: Language) -> String {
        let t = language.t
        if action.hasPrefix("login") { return channel(detail, language) }
        let pairs = detail.split(separator: " ").map { $0.split(separator: "=", maxSplits: 1) }
        if !pairs.isEmpty, pairs.allSatisfy({ $0.count == 2 }) {
            return pairs.map { kv in
                let n = String(kv[1])
                switch kv[0] {
                case "new": return t("新增 \(n)", "\(n) new")
                case "changed": return t("修改 \(n)", "\(n) changed")
                case "unchanged": return t("未变 \(n)", "\(n) unchanged")
                default: return "\(kv[0]) \(n)"
                }
            }.joined(separator: " · ")
        }
        let file = detail.split(separator: ",", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        if file.count == 2, ["csv", "xlsx"].contains(file[0]), file[1].hasSuffix(" rows"), let n = Int(file[1].dropLast(5)) {
            return t("\(file[0].uppercased()) 文件，\(n) 行", "\(file[0].uppercased()) file, \(n) rows")
        }
        return detail
    }

    static func channel(_ code: String, _ language: Language) -> String {
        switch code {
        case "web": language.t("网页", "web")
        case "api": language.t("接口", "API")
        case "cli": language.t("命令行", "command line")
        default: code
        }
    }
}
