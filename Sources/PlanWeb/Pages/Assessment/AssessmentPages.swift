import Foundation
import PlanCore
import PlanServices
import PlanStore

/// The assessment's pages: the rounds and schemes, a scheme's versions and editor, a round's
/// results, and a unit's score sheet.
enum AssessmentPages {
    struct Option {
        var value, label: String
        var selected: Bool
    }

    static func number(_ x: Double?) -> String {
        guard let x, x.isFinite else { return "—" }
        return PlainNumber.format((x * 1000).rounded() / 1000)
    }

    static func state(_ s: RoundState, _ language: Language) -> String { language.t(s.nameZh, s.nameEn) }

    // MARK: The index

    struct Index {
        var heading, intro, csrf: String
        var error: String?
        var problems: [String]
        var hasProblems: Bool
        var rounds: [RoundRow]
        var hasRounds: Bool
        var schemes: [SchemeRow]
        var hasSchemes: Bool
        var manages: Bool
        var roundsHeading, schemesHeading, emptyRounds, emptySchemes: String
        var openHeading, yearLabel, year, schemeLabel, cutoffLabel, cutoff, openLabel: String
        var schemeOptions: [Option]
        var newHeading, idLabel, id, bodyLabel, body, noteLabel, saveLabel: String
        var importHeading, importNote, fileLabel, importLabel: String
        var col: [String: String]
    }

    struct RoundRow {
        var id, year, scheme, cutoff, state, stateCode: String
    }

    struct SchemeRow {
        var id, name, version, createdBy, createdAt: String
    }

    static func index(
        rounds: [AssessmentRound], schemes: [StoredScheme], manages: Bool, today: Day, csrf: String, error: String? = nil, problems: [String] = [],
        draft: (id: String, body: String)? = nil, language: Language
    ) -> Index {
        let t = language.t
        let latest = Dictionary(grouping: schemes, by: \.id).compactMap { $0.value.max { $0.version < $1.version } }.sorted { $0.id < $1.id }
        return Index(
            heading: t("年度考核", "Annual assessment"),
            intro: t(
                "考核方案以版本保存；每轮考核选定方案版本和数据截止日，冻结当时已审核的数据快照，得分只由快照计算，之后的数据变化不会改变已冻结的结果。发布后结果向社会公开。",
                "Schemes are kept as versions; a round names a scheme version and a cut-off day and freezes a snapshot of the approved data; scores come from the snapshot only, and later data changes never move them. Published results are public."
            ), csrf: csrf, error: error, problems: problems, hasProblems: !problems.isEmpty,
            rounds: rounds.map {
                RoundRow(
                    id: $0.id, year: "\($0.year)", scheme: "\($0.schemeID) v\($0.schemeVersion)", cutoff: $0.cutoff.description,
                    state: state($0.state, language), stateCode: $0.state.rawValue)
            }, hasRounds: !rounds.isEmpty,
            schemes: latest.map {
                SchemeRow(id: $0.id, name: $0.name, version: "v\($0.version)", createdBy: $0.createdBy, createdAt: String($0.createdAt.prefix(10)))
            }, hasSchemes: !latest.isEmpty, manages: manages,
            roundsHeading: t("考核轮次", "Rounds"), schemesHeading: t("考核方案", "Schemes"), emptyRounds: t("还没有考核轮次。", "No rounds yet."),
            emptySchemes: t("还没有考核方案。", "No schemes yet."), openHeading: t("开启一轮考核", "Open a round"), yearLabel: t("考核年度", "Year"),
            year: "\(today.year - 1)", schemeLabel: t("方案版本", "Scheme version"), cutoffLabel: t("数据截止日", "Data cut-off"),
            cutoff: today.description, openLabel: t("开启", "Open"),
            schemeOptions: schemes.sorted { ($0.id, -$0.version) < ($1.id, -$1.version) }.map {
                Option(value: "\($0.id):\($0.version)", label: "\($0.name)（\($0.id) v\($0.version)）", selected: false)
            },
            newHeading: t("新建考核方案（YAML）", "New scheme (YAML)"), idLabel: t("方案代码（小写字母、数字、连字符）", "Scheme id (lower-case letters, digits, hyphens)"),
            id: draft?.id ?? "", bodyLabel: t("方案内容", "Scheme"), body: draft?.body ?? "", noteLabel: t("说明", "Note"), saveLabel: t("保存", "Save"),
            importHeading: t("从 XLSX 导入", "Import from XLSX"),
            importNote: t(
                "表格式与方案页「下载 XLSX」相同：先是设置行（方案名称、一票否决、超额奖励系数、超额奖励上限、等次、定性项目），再是以「目标编号」开头的目标表（分值、节点值、各市目标值）。已有代码的方案导入后保存为新版本。",
                "The layout of a scheme page's “Download XLSX”: settings rows (name, veto, bonus rate and cap, grades, qualitative items; labelled in Chinese as in the download), then the targets table (points, milestones, each city's value). An existing id is saved as a new version."
            ), fileLabel: t("XLSX 文件", "XLSX file"), importLabel: t("导入并保存", "Import and save"),
            col: [
                "id": t("轮次", "Round"), "year": t("年度", "Year"), "scheme": t("方案", "Scheme"), "cutoff": t("截止日", "Cut-off"),
                "state": t("状态", "State"), "name": t("名称", "Name"), "version": t("最新版本", "Latest"), "by": t("修改人", "By"),
                "at": t("日期", "Date"),
            ])
    }

    // MARK: A scheme

    struct Scheme {
        var heading, id, name, body, version, csrf: String
        var error: String?
        var problems: [String]
        var hasProblems: Bool
        var versions: [Version]
        var manages: Bool
        var versionsHeading, editHeading, bodyLabel, noteLabel, saveLabel, draft: String
        var col: [String: String]
        /// The scheme check: levels without the cities' own values.
        var gaps: [String] = []
        var hasGaps = false
        var gapsHeading, gapsNote: String
        var versionNumber, downloadLabel: String
        var copyLabel = ""
    }

    struct Version {
        var version, note, createdBy, createdAt, href: String
        var current: Bool
    }

    static func scheme(
        _ shown: StoredScheme, versions: [StoredScheme], manages: Bool, csrf: String, error: String? = nil, problems: [String] = [],
        draft: String? = nil, language: Language
    ) -> Scheme {
        let t = language.t
        return Scheme(
            heading: shown.name, id: shown.id, name: shown.name, body: shown.body, version: t("第 \(shown.version) 版", "Version \(shown.version)"),
            csrf: csrf, error: error, problems: problems, hasProblems: !problems.isEmpty,
            versions: versions.map {
                Version(
                    version: "v\($0.version)", note: $0.note, createdBy: $0.createdBy, createdAt: String($0.createdAt.prefix(16)),
                    href: "/assessment/schemes/\($0.id)?version=\($0.version)", current: $0.version == shown.version)
            }, manages: manages, versionsHeading: t("版本", "Versions"),
            editHeading: t("修改（保存为新版本；已开启的考核仍用其选定的版本）", "Edit (saved as a new version; rounds keep the version they named)"),
            bodyLabel: t("方案内容（YAML）", "Scheme (YAML)"), noteLabel: t("修改说明", "What changed"), saveLabel: t("保存为新版本", "Save as a new version"),
            draft: draft ?? shown.body,
            col: ["version": t("版本", "Version"), "note": t("说明", "Note"), "by": t("修改人", "By"), "at": t("时间", "At")],
            gapsHeading: t("方案检查", "Scheme check"),
            gapsNote: t(
                "比率、比重、强度和变化率类目标对各市适用全省目标；总量类目标（如企业数、装机规模）须在方案中为各市设定本市目标值（units）。",
                "Rates, shares, intensities and relative changes apply the provincial target to every city; a level (a count, a capacity) needs each city's own value in the scheme (units)."
            ), versionNumber: "\(shown.version)", downloadLabel: t("下载 XLSX（可编辑后导入）", "Download XLSX (edit and import)"))
    }

    // MARK: A round

    struct Round {
        var heading, intro, csrf: String
        var message, error: String?
        var facts: [Fact]
        var snapshots: [SnapshotRow]
        var hasSnapshots: Bool
        var frozenNote: String?
        var rows: [ResultRow]
        var hasRows: Bool
        var partial: String?
        var bandNote: String
        var canFreeze, canPublish: Bool
        var freezeLabel, reasonLabel, publishLabel, xlsxHref, csvHref, exportLabel, whatIfHref, whatIfLabel: String
        var canExport: Bool
        var snapshotsHeading, resultsHeading, notFrozen: String
        var col: [String: String]
        /// Appeals and incentive pools.
        var sections: RoundSections? = nil
    }

    struct Fact {
        var label, value: String
        var href: String?
    }

    struct SnapshotRow {
        var seq, dataVersion, observations, frozenBy, frozenAt, reason: String
        var current: Bool
    }

    struct ResultRow {
        var rank, unit, href, total, grade, veto, band: String
        var vetoed: Bool
    }

    static func round(
        _ round: AssessmentRound, results: AssessmentService.RoundResults?, manages: Bool, names: [String: String], csrf: String,
        message: String?, error: String?, language: Language
    ) -> Round {
        let t = language.t
        let ranks = Dictionary(uniqueKeysWithValues: (results?.ranking ?? []).map { ($0.unit, $0) })
        return Round(
            heading: t("\(round.year) 年度考核（\(round.id)）", "Assessment of \(round.year) (\(round.id))"),
            intro: t(
                "得分由冻结的数据快照计算：考核对象由方案确定（默认 16 个设区市；部门和企业按全省目标和数据计分，同类单位之间排名），每个目标按 Q 与 f(Q) 计分（见考核方案），约束性目标未完成一票否决。",
                "Scores come from the frozen snapshot: the scheme names the units assessed (by default the 16 cities; departments and enterprises are scored on the province's targets and data, and units rank among their own kind), each target scored by Q and f(Q) (see the scheme), and a missed binding target vetoes the grade."
            ), csrf: csrf, message: message, error: error,
            facts: [
                Fact(label: t("状态", "State"), value: state(round.state, language), href: nil),
                Fact(
                    label: t("考核方案", "Scheme"), value: "\(round.schemeID) v\(round.schemeVersion)",
                    href: "/assessment/schemes/\(round.schemeID)?version=\(round.schemeVersion)"),
                Fact(label: t("数据截止日", "Data cut-off"), value: round.cutoff.description, href: nil),
            ] + (round.publishedAt.map { [Fact(label: t("发布时间", "Published"), value: String($0.prefix(16)), href: nil)] } ?? []),
            snapshots: round.snapshots.map {
                SnapshotRow(
                    seq: "#\($0.seq)", dataVersion: "\($0.dataVersion)", observations: "\($0.observations)", frozenBy: $0.frozenBy,
                    frozenAt: String($0.frozenAt.prefix(16)), reason: $0.reason, current: $0.seq == results?.snapshot.seq)
            }, hasSnapshots: !round.snapshots.isEmpty,
            frozenNote: results.map { r in
                t(
                    "本页得分只来自快照 #\(r.snapshot.seq)（数据版本 \(r.snapshot.dataVersion)，\(r.snapshot.observations) 条观测值）。此后有 \(r.changedSince) 条观测值发生变化，不影响本轮得分；如需采用新数据，须再次冻结并说明原因，原结果保留。",
                    "Scores on this page come from snapshot #\(r.snapshot.seq) only (data version \(r.snapshot.dataVersion), \(r.snapshot.observations) observations). \(r.changedSince) observations have changed since; they do not move this round's scores. Using newer data needs freezing again with a reason, and the earlier result is kept."
                )
            },
            rows: (results?.results ?? []).map { r in
                let rank = ranks[r.unit]
                return ResultRow(
                    rank: rank.map { "\($0.rank)" } ?? "—", unit: names[r.unit] ?? r.unit, href: "/assessment/rounds/\(round.id)/units/\(r.unit)",
                    total: number(r.total), grade: t(r.grade.nameZh, r.grade.nameEn),
                    veto: r.vetoReasons.isEmpty ? "" : t("一票否决：", "Veto: ") + r.vetoReasons.joined(separator: "、"),
                    band: rank.map { "\(number($0.rankP5))–\(number($0.rankP95))" } ?? "—", vetoed: !r.vetoReasons.isEmpty)
            }, hasRows: !(results?.results.isEmpty ?? true),
            partial: results.map { $0.complete ? nil : t("结果发布前，只显示本单位的得分。", "Before publication only your own unit's score is shown.") } ?? nil,
            bandNote: t(
                "名次区间为目标分值各自上下浮动 25% 的 1000 次抽样中名次的 5%–95% 分位；相差一两位、或区间重叠的名次差异不具统计意义。",
                "The rank band is the 5th–95th percentile of the rank over 1,000 draws that move each target's points by up to ±25%; ranks one or two places apart, or with overlapping bands, say nothing about who did better."
            ),
            canFreeze: manages && round.state != .published, canPublish: manages && round.state == .frozen,
            freezeLabel: round.state == .open ? t("冻结数据", "Freeze the data") : t("采用新数据再次冻结", "Freeze again on newer data"),
            reasonLabel: round.state == .open ? t("说明（可选）", "Note (optional)") : t("原因（必填）", "Reason (required)"),
            publishLabel: t("发布结果", "Publish the results"), xlsxHref: "/assessment/rounds/\(round.id)/results.xlsx",
            csvHref: "/assessment/rounds/\(round.id)/results.csv", exportLabel: t("导出", "Export"),
            whatIfHref: "/assessment/rounds/\(round.id)/what-if", whatIfLabel: t("试算（改变方案参数）", "What if (change the scheme's parameters)"),
            canExport: results?.complete == true, snapshotsHeading: t("数据快照", "Snapshots"), resultsHeading: t("考核结果", "Results"),
            notFrozen: t("数据尚未冻结，暂无得分。", "The data are not frozen yet: no scores."),
            col: [
                "seq": t("快照", "Snapshot"), "version": t("数据版本", "Data version"), "observations": t("观测值", "Observations"),
                "by": t("冻结人", "By"), "at": t("时间", "At"), "reason": t("原因", "Reason"), "rank": t("名次", "Rank"), "unit": t("单位", "Unit"),
                "total": t("总分", "Total"), "grade": t("等次", "Grade"), "veto": t("否决", "Veto"), "band": t("名次区间", "Rank band"),
            ])
    }

    // MARK: A score sheet

    /// The rule a line applied, in Chinese (the scoring core states it in English).
    static func ruleZh(_ rule: String) -> String {
        let zh = [
            "not assessable: 0 points, no veto": "无法评估：不得分，不否决",
            "maintain: Q = 1 if attained, else 0": "保持类目标：达到则 Q = 1，否则为 0",
            "ceiling: Q = 1 when compliant": "上限类目标：未超限则 Q = 1",
            "band: Q = band score / 100": "区间类目标：Q = 区间得分 / 100",
            "annual count: Q = a_t / X": "年度数量目标：Q = 当年完成量 / 目标量",
            "no milestone: 0 points": "缺少当年目标值：不得分",
            "Q = (y − B)/(A − B), official milestone": "Q = (最新值 − 基数)/(正式节点值 − 基数)",
            "Q = (y − B)/(y* − B), planned trajectory": "Q = (最新值 − 基数)/(规划轨迹值 − 基数)",
            "no target for this unit: the scheme sets none (0 points, no veto)": "方案未设定本单位目标值：不得分，不否决",
        ]
        return zh[rule] ?? rule
    }

    struct Sheet {
        var heading, intro, roundHref, roundLabel: String
        var lines: [SheetLine]
        var summary: [Fact]
        var vetoes: String?
        var col: [String: String]
        var message, error: String?
        /// The appeal form (the unit's reporters and reviewers, while the window is open).
        var canAppeal: Bool
        var appealHeading, appealNote, appealAction, csrf, targetLabel, reasonLabel, evidenceLabel, evidenceAccept, appealLabel: String
        /// The qualitative part: a line per item (with a form for the office while frozen).
        var qualitativeHeading, qualitativeAction, pointsLabel, saveLabel, pdfHref, pdfLabel: String
        var qualitative: [QualitativeLine]
        var hasQualitative, canScoreQualitative: Bool
        var targetOptions: [Option]
    }

    struct QualitativeLine {
        var id, name, maximum, points, reason, by: String
        /// An item the office scores (its name and reason are what people wrote), not the
        /// computed diligence line.
        var scorable: Bool
    }

    struct SheetLine {
        var target, targetHref, points, base, milestone, latest, q, factor, earned, rule: String
        /// Where the base and the latest value came from (the source as published, in Chinese).
        var baseSource, latestSource: String?
        var vetoes: Bool
        /// The accepted appeal that corrected the line, in words, and the appeals against it.
        var corrected, correctedReason: String?
        var appeals: [AppealLink]
        var hasAppeals: Bool
    }

    struct AppealLink {
        var text, href: String
    }

    static func sheet(
        _ s: AssessmentService.ScoreSheet, csrf: String = "", message: String? = nil, error: String? = nil, language: Language
    ) -> Sheet {
        let t = language.t
        func observed(_ o: Observation?, _ value: Double?) -> String {
            guard let value else { return "—" }
            guard let o else { return number(value) }
            return "\(number(value)) (\(o.period))"
        }
        func source(_ o: Observation?, _ value: Double?) -> String? {
            guard value != nil, let text = o?.provenance.source, !text.isEmpty else { return nil }
            return text
        }
        let r = s.result
        let unitName = t(s.unitName.zh, s.unitName.en)
        return Sheet(
            heading: t("\(unitName) \(r.year) 年度考核评分表", "\(unitName): score sheet for \(r.year)"),
            intro: t(
                "每一行列出基数、当年目标值（正式节点或规划轨迹）、最新值及其来源、完成度 Q、得分系数 f(Q) 和所得分值，全部取自快照 #\(s.results.snapshot.seq)。",
                "Each line shows the base, the year's milestone (official, or the planned trajectory), the latest value with its source, the completion Q, the factor f(Q) and the points earned, all from snapshot #\(s.results.snapshot.seq)."
            ), roundHref: "/assessment/rounds/\(s.results.round.id)", roundLabel: t("返回本轮考核", "Back to the round"),
            lines: s.lines.map { l in
                SheetLine(
                    target: l.target.map { t("\($0.id) \($0.quote.prefix(40))", $0.id) } ?? l.line.targetID,
                    targetHref: "/targets/\(l.line.targetID)", points: number(l.line.points),
                    base: observed(l.base, l.evaluation?.baseValue), milestone: number(l.line.milestone),
                    latest: observed(l.latest, l.evaluation?.latestValue), q: number(l.line.completion), factor: number(l.line.factor),
                    earned: number(l.line.earned), rule: t(ruleZh(l.line.reason), l.line.reason), baseSource: source(l.base, l.evaluation?.baseValue),
                    latestSource: source(l.latest, l.evaluation?.latestValue), vetoes: l.line.vetoes,
                    corrected: l.correction.map { a in
                        t(
                            "已按申诉 \(a.id) 更正：最新值 \(number(a.correctedValue))（冻结值 \(number(l.frozenLatest))），得分 \(number(l.line.earned))（原 \(number(l.frozen?.earned))）。理由：",
                            "Corrected on appeal \(a.id): latest value \(number(a.correctedValue)) (frozen \(number(l.frozenLatest))), points \(number(l.line.earned)) (were \(number(l.frozen?.earned))). Reason: "
                        )
                    }, correctedReason: l.correction?.decision,
                    appeals: l.appeals.map { a in
                        AppealLink(
                            text: t("申诉 \(a.id)：\(a.state.nameZh)", "Appeal \(a.id): \(a.state.nameEn.lowercased())"),
                            href: "/assessment/rounds/\(a.roundID)#appeal-\(a.seq)")
                    }, hasAppeals: !l.appeals.isEmpty)
            },
            summary: [
                Fact(label: t("定量得分", "Quantitative"), value: number(r.quantitative), href: nil),
                Fact(label: t("定性得分", "Qualitative"), value: number(r.qualitative), href: nil),
                Fact(label: t("总分", "Total"), value: number(r.total), href: nil),
                Fact(label: t("按分数等次", "Grade by score"), value: t(r.scoreGrade.nameZh, r.scoreGrade.nameEn), href: nil),
                Fact(label: t("评定等次", "Grade awarded"), value: t(r.grade.nameZh, r.grade.nameEn), href: nil),
            ]
                + (s.rank.map {
                    [
                        Fact(
                            label: t("名次（区间）", "Rank (band)"),
                            value: t(
                                "\($0.rank)（\(number($0.rankP5))–\(number($0.rankP95))）", "\($0.rank) (\(number($0.rankP5))–\(number($0.rankP95)))"),
                            href: nil)
                    ]
                } ?? []),
            vetoes: r.vetoReasons.isEmpty
                ? nil
                : t(
                    "未完成约束性目标 \(r.vetoReasons.joined(separator: "、"))，一票否决，等次定为\(r.grade.nameZh)。",
                    "Binding targets missed (\(r.vetoReasons.joined(separator: ", "))): the grade is capped at \(r.grade.nameEn)."),
            col: [
                "target": t("目标", "Target"), "points": t("分值", "Points"), "base": t("基数", "Base"), "milestone": t("当年目标值", "Milestone"),
                "latest": t("最新值", "Latest"), "q": "Q", "factor": "f(Q)", "earned": t("得分", "Earned"), "rule": t("规则", "Rule"),
                "item": t("定性项目", "Item"), "reason": t("理由", "Reason"), "by": t("评定人", "By"),
            ], message: message, error: error, canAppeal: s.canAppeal, appealHeading: t("申诉", "Appeal a line"),
            appealNote: t(
                "对某一项得分有异议的，可在 \(s.appealUntil?.description ?? "—") 前提出申诉，写明理由并附证明材料；领导小组办公室采纳后按更正值重新计分，只改变该项。",
                "If a line is wrong, appeal it by \(s.appealUntil?.description ?? "—") with the reason and evidence; if the office accepts, the line is scored again with the corrected value, and only that line moves."
            ), appealAction: "/assessment/rounds/\(s.results.round.id)/units/\(r.unit)/appeals", csrf: csrf, targetLabel: t("申诉项目", "Line"),
            reasonLabel: t("申诉理由", "Reason"), evidenceLabel: t("证明材料（最多 5 个）", "Evidence (up to 5 files)"),
            evidenceAccept: EvidenceRules.extensions.map { ".\($0)" }.joined(separator: ","), appealLabel: t("提交申诉", "File the appeal"),
            qualitativeHeading: t("定性评分", "Qualitative part"),
            qualitativeAction: "/assessment/rounds/\(s.results.round.id)/units/\(r.unit)/qualitative", pointsLabel: t("分值", "Points"),
            saveLabel: t("保存", "Save"), pdfHref: "/assessment/rounds/\(s.results.round.id)/units/\(r.unit)/pdf",
            pdfLabel: t("下载 PDF", "Download PDF"),
            qualitative: s.qualitative.map { q in
                QualitativeLine(
                    id: q.item.id, name: q.item.name, maximum: number(q.item.maximum), points: q.score.map { number($0.points) } ?? "",
                    reason: q.score?.reason ?? "", by: q.score.map { "\($0.enteredBy) · \($0.enteredAt.prefix(16))" } ?? t("未评", "Not given"),
                    scorable: true)
            }
                + (s.diligence.map { d in
                    [
                        QualitativeLine(
                            id: "diligence", name: t("报送质量（全年）", "Reporting diligence (the year)"), maximum: number(d.points),
                            points: number(d.earned),
                            reason: d.score.map {
                                t(
                                    "全年报送质量得分 \(number($0))，按 \(number(d.points)) × 得分 / 100 计",
                                    "Diligence score \(number($0)) over the year: \(number(d.points)) × score / 100")
                            } ?? t("全年没有到期的报送任务，不计分", "Nothing was due over the year: no points"),
                            by: t("冻结时计算", "Computed at the freeze"), scorable: false)
                    ]
                } ?? []),
            hasQualitative: !s.qualitative.isEmpty || s.diligence != nil, canScoreQualitative: s.canScoreQualitative,
            targetOptions: s.lines.map { l in
                Option(
                    value: l.line.targetID, label: l.target.map { "\($0.id) \(t(String($0.quote.prefix(30)), ""))" } ?? l.line.targetID,
                    selected: false)
            })
    }
}
