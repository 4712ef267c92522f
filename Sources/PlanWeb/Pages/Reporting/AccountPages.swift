import Foundation
import PlanCore
import PlanServices
import PlanStore

/// The login form.
struct LoginPage {
    struct Model {
        var heading, usernameLabel, passwordLabel, submit, note: String
        var next, csrf: String
        var error: String?
        var username: String
    }

    static func model(next: String, csrf: String, error: String = "", username: String = "", language: Language) -> Model {
        let t = language.t
        return Model(
            heading: t("登录", "Log in"), usernameLabel: t("用户名", "User name"), passwordLabel: t("密码", "Password"),
            submit: t("登录", "Log in"),
            note: t(
                "账号由系统管理员开通。连续输错 5 次密码将锁定 15 分钟。", "Accounts are created by the administrator. Five wrong passwords lock the account for 15 minutes."),
            next: next, csrf: csrf, error: error.nonEmpty, username: username)
    }
}

/// One's own account: unit, role, password change and API tokens.
struct AccountPage {
    struct Model {
        var heading, nameLabel, unitLabel, roleLabel, name, unitName, unitCode, role: String
        var passwordHeading, currentLabel, newLabel, changeLabel, passwordNote: String
        var tokenHeading, tokenNote, tokenLabel, tokenCreate: String
        var csrf, newTokenNote: String
        var message, error, newToken: String?
        var tokens: [TokenRow]
        var hasTokens: Bool
        var tokenCol: [String: String]
    }

    struct TokenRow {
        var id, label, createdAt, state: String
        var active: Bool
    }

    static func model(
        identity: Identity, unit: ReportingUnit?, tokens: [APIToken], message: String = "", error: String = "", newToken: String = "",
        language: Language
    ) -> Model {
        let t = language.t
        let a = identity.account
        return Model(
            heading: t("我的账号", "My account"), nameLabel: t("姓名", "Name"), unitLabel: t("所属单位", "Unit"), roleLabel: t("角色", "Role"),
            name: a.displayName + t("（\(a.username)）", " (\(a.username))"), unitName: unit.map { t($0.nameZh, $0.nameEn) } ?? a.unitCode,
            unitCode: a.unitCode,
            role: t(a.role.nameZh, a.role.nameEn),
            passwordHeading: t("修改密码", "Change password"), currentLabel: t("当前密码", "Current password"), newLabel: t("新密码", "New password"),
            changeLabel: t("修改", "Change"),
            passwordNote: t(
                "至少 \(PasswordPolicy.minimumLength) 个字符；修改后所有登录会话失效。",
                "At least \(PasswordPolicy.minimumLength) characters; every session ends after the change."),
            tokenHeading: t("接口令牌", "API tokens"),
            tokenNote: t(
                "供程序调用接口：在请求头写 Authorization: Bearer 令牌。令牌只显示一次。",
                "For programs calling the API: send Authorization: Bearer TOKEN. The token is shown once."),
            tokenLabel: t("用途说明", "Label"), tokenCreate: t("生成令牌", "Create token"),
            csrf: identity.csrfToken ?? "", newTokenNote: t("请立即复制保存，此后无法再次查看：", "Copy it now; it cannot be shown again:"),
            message: message.nonEmpty, error: error.nonEmpty, newToken: newToken.nonEmpty,
            tokens: tokens.map {
                TokenRow(
                    id: $0.id, label: $0.label, createdAt: LocalTime.display($0.createdAt),
                    state: $0.revoked ? t("已撤销", "revoked") : t("有效", "active"),
                    active: !$0.revoked)
            },
            hasTokens: !tokens.isEmpty,
            tokenCol: ["label": t("用途", "Label"), "created": t("创建时间", "Created"), "state": t("状态", "State"), "revoke": t("撤销", "Revoke")])
    }
}

extension String {
    /// `nil` for an empty string: templates show a section only for a present value.
    var nonEmpty: String? { isEmpty ? nil : self }
}
