import Foundation
import PlanCore
import PlanServices

/// Adding or editing one task in the browser: the fields of a list row.
struct TaskEditPage {
    struct Model {
        var heading, csrf, action: String
        var error: String?
        var fields: [Field]
        var saveLabel, cancelHref, cancelLabel: String
    }

    struct Field {
        var name, label, value: String
        var hint: String?
        var multiline, readOnly, required: Bool
    }

    static func model(form: SupervisionService.TaskForm, editing id: String?, csrf: String, error: String?, language: Language) -> Model {
        let t = language.t
        func field(
            _ name: String, _ label: String, _ value: String, hint: String = "", multiline: Bool = false, readOnly: Bool = false,
            required: Bool = false
        )
            -> Field
        {
            Field(
                name: name, label: label, value: value, hint: hint.isEmpty ? nil : hint, multiline: multiline, readOnly: readOnly, required: required)
        }
        return Model(
            heading: id == nil ? t("新增任务", "Add a task") : t("编辑任务 \(form.number)", "Edit task \(form.number)"), csrf: csrf,
            action: id.map { "/tasks/\($0)/edit" } ?? "/tasks/new", error: error,
            fields: [
                field("year", t("年度", "Year"), String(form.year), readOnly: id != nil, required: true),
                field(
                    "number", t("序号", "Number"), form.number, hint: t("字母、数字、点或短横，如 12 或 3.1", "Letters, digits, dots or dashes, e.g. 12 or 3.1"),
                    readOnly: id != nil, required: true),
                field("title", t("重点任务", "Task"), form.title, multiline: true, required: true),
                field(
                    "lead", t("牵头单位", "Lead units"), form.lead, hint: t("多个单位用顿号分隔，如 省发展改革委、济南市", "Several units separated by commas"), required: true
                ),
                field("support", t("配合单位", "Cooperating units"), form.support),
                field("due", t("完成时限", "Due"), form.due, hint: t("如 2026-06-30、2026年6月底 或 长期坚持", "e.g. 2026-06-30, or ongoing"), required: true),
                field("article", t("对应条款", "Article"), form.article, hint: t("条款号，如 12", "The article number, e.g. 12")),
                field("targets", t("关联目标", "Targets"), form.targets, hint: t("目标编号，如 A012-1", "Target ids, e.g. A012-1")),
                field(
                    "milestones", t("阶段节点", "Milestones"), form.milestones, hint: t("每行一个：2026-06-30 完成初稿", "One per line: 2026-06-30 first draft"),
                    multiline: true),
                field("deliverable", t("交付成果", "Deliverable"), form.deliverable),
            ], saveLabel: t("保存", "Save"), cancelHref: id.map { "/tasks/\($0)" } ?? "/tasks", cancelLabel: t("取消", "Cancel"))
    }
}
