#!/usr/bin/env python3
"""End-to-end checks of the major-project library in a real headless Chromium: the office opens a
declaration window; Jinan declares three projects from an XLSX file (a file with a bad code and a
bad amount is refused line by line first, and nothing is kept); a provincial reviewer scores them;
the office admits two, marks the third not selected and publishes the list, which the public sees
and downloads (XLSX, CSV, OC4IDS). Jinan reports two months on a project with a problem; the month
before them is not reported and raises an alert in Jinan's inbox; the reviewer approves the two
reports one at a time and the investment indicator's value for Shandong moves with each, citing
the project reports; the project is red and its problem becomes a supervision order in one step.
Jinan asks to move the completion later, the office approves, and the version history compares v1
and v2. The article's delivery page lists the project; the audit log has every step.
Usage: e2e_projects.py BASE_URL SCREENSHOT_DIR ADMIN_PASSWORD
Needs the administrator `admin`; creates its users (kept for re-runs) and projects 2026-370102-44-01-00000N.
Prints each check, then 'e2e-projects: N passed, N failed'; exits non-zero if any check failed."""
import datetime, functools, io, json, os, sys, tempfile, zipfile
from playwright.sync_api import sync_playwright
from checks import Checks
import apiclient, browsing, xlsxmini
from browsing import submit

base, shots, admin_password = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
check = Checks("e2e-projects")
os.makedirs(shots, exist_ok=True)
api = functools.partial(apiclient.call, base)
login = functools.partial(browsing.login, base)
shot = functools.partial(browsing.shot, shots)
OFFICE = ("proj.office", "Office-Projects-2026", "领导小组办公室项目处", "office", "370000")
REPORTER = ("proj.jn", "Jinan-Projects-2026", "济南项目填报员", "reporter", "370100")
REVIEWER = ("proj.rev", "Province-ProjectReview-2026", "省项目评审员", "reviewer", "370000")
CODES = [f"2026-370102-44-01-00000{i}" for i in (1, 2, 3)]
HEADER = ["项目代码", "项目名称", "项目单位", "所属领域", "对应条款", "服务目标", "总投资（万元）", "年度计划投资（万元）", "计划开工", "计划竣工", "申报类别", "建设内容及规模", "建设地点"]


def months_back(day, n):
    """The months whose dispatch report is due by `day` (the 5th of the next month), latest first."""
    y, m = day.year, day.month - 1 if day.day >= 5 else day.month - 2
    out = []
    while len(out) < n:
        while m < 1:
            y, m = y - 1, m + 12
        out.append(f"{y}-{m:02d}")
        m -= 1
    return out


def run(browser):
    today = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date()
    latest, previous, missing = months_back(today, 3)
    year = int(missing[:4])
    status, session = api("POST", "/api/v1/session", {"username": "admin", "password": admin_password})
    token = (session or {}).get("token")
    for username, password, display, role, unit in (OFFICE, REPORTER, REVIEWER):
        status, _ = api("POST", "/api/v1/users", {"username": username, "display_name": display, "unit_code": unit, "role": role, "password": password}, token)
        check(f"user {username} ({role}, {unit}) created or already there", status in (201, 409))
    contexts = [browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, accept_downloads=True) for _ in range(4)]
    office, rep, rev, public = (c.new_page() for c in contexts)
    for p in (office, rep, rev, public):
        p.set_default_timeout(20000)

    # The office opens a window for the year.
    login(office, OFFICE)
    office.goto(base + "/projects/desk")
    office.fill("form[action='/projects/windows'] input[name=year]", str(year))
    office.fill("form[action='/projects/windows'] input[name=opens]", (today - datetime.timedelta(days=3)).isoformat())
    office.fill("form[action='/projects/windows'] input[name=closes]", (today + datetime.timedelta(days=20)).isoformat())
    office.fill("form[action='/projects/windows'] textarea[name=criteria]", "符合绿色低碳高质量发展方向；前期手续完备；年度可开工")
    submit(office, "form[action='/projects/windows'] button[type=submit]")
    check("the office opens a declaration window", f"/projects/desk?year={year}" in office.url and "申报中" in office.content(), office.url)

    # Jinan declares from a workbook: a bad one first, refused row by row, then the good one.
    folder = tempfile.mkdtemp()
    bad, good = os.path.join(folder, "bad.xlsx"), os.path.join(folder, "declare.xlsx")
    xlsxmini.write(bad, [HEADER, ["2026-999999-44-01-000009", "坏代码项目", "某公司", "高端装备", "37", "", 1000, 500, "2026-03-01", "2027-12-31", "年度计划", "内容", "济南"],
                         [CODES[0], "金额有误项目", "某公司", "高端装备", "37", "", "一千", 500, "2026-03-01", "2027-12-31", "年度计划", "内容", "济南"]])
    rows = [
        [CODES[0], "济南绿色低碳装备产业园", "济南绿色装备有限公司", "高端装备", "37、45", "A037-1", 120000, 40000, "2025-01-01", "2027-12-31", "年度计划", "建设智能装备生产线12条及配套设施", "历下区"],
        [CODES[1], "济南新能源储能示范项目", "济南储能科技有限公司", "新能源新材料", "37", "", 60000, 20000, "2026-02-01", "2027-06-30", "年度计划", "建设200兆瓦/400兆瓦时储能电站", "历下区"],
        [CODES[2], "济南数据中心节能改造", "济南数智有限公司", "新型基础设施", "37", "", 8000, 3000, "2026-04-01", "2026-12-31", "储备", "改造数据中心制冷系统", "历下区"],
    ]
    xlsxmini.write(good, [["济南市 重大项目申报表（示意）"], HEADER] + rows)
    login(rep, REPORTER)
    rep.goto(base + f"/projects/desk?year={year}")
    check("Jinan sees the workbook declaration link", rep.locator(f"a[href='/projects/windows/{year}/import']").count() == 1)
    rep.goto(base + f"/projects/windows/{year}/import")
    rep.set_input_files("input[type=file][name=file]", bad)
    submit(rep, "button[name=mode][value=commit]")
    text = rep.locator("table.import-rows").inner_text() if rep.locator("table.import-rows").count() else rep.content()
    check("a bad code is refused on its line", "999999" in text and "区划" in text, text[:300])
    check("a bad amount is refused on its line", "总投资" in text and "一千" in text, text[:300])
    status, listed = api("GET", "/api/v1/projects?per_page=500", token=token)
    check("nothing of the refused file is kept", status == 200 and not any(p["code"] == CODES[0] for p in listed["items"]), status)
    rep.goto(base + f"/projects/windows/{year}/import")
    rep.set_input_files("input[type=file][name=file]", good)
    submit(rep, "button[name=mode][value=preview]")
    check("the preview lists three new projects", rep.locator("table.import-rows tr.outcome-new").count() == 3, rep.locator("table.import-rows tr").count())
    shot(rep, "projects-import-preview")
    submit(rep, "form.confirm button[type=submit]")
    check("the confirmed import keeps them", "已导入" in rep.content())
    rep.goto(base + f"/projects/{CODES[0]}")
    check("Jinan sees its declared project", rep.locator("h1").inner_text().startswith("济南绿色低碳装备产业园"), rep.locator("h1").inner_text())

    # A provincial reviewer scores them against the criteria.
    login(rev, REVIEWER)
    for code, score in zip(CODES, (92, 85, 60)):
        rev.goto(base + f"/projects/{code}")
        rev.fill("#reviews input[name=score]", str(score))
        rev.fill("#reviews textarea[name=comment]", "符合遴选标准" if score > 80 else "前期工作不足")
        submit(rev, "#reviews button[type=submit]")
    rev.goto(base + f"/projects/{CODES[0]}")
    check("the reviewer's score is kept", "92" in rev.locator("#reviews table").inner_text())
    rep.goto(base + f"/projects/{CODES[0]}")
    check("Jinan cannot score its own project", rep.locator("#reviews form").count() == 0)

    # The office admits two, the third is not selected; then publishes.
    office.goto(base + f"/projects/desk?year={year}")
    check("declarations are listed best first", office.locator("#declarations tbody tr").first.inner_text().find(CODES[0]) >= 0)
    office.check(f"input[name=code][value='{CODES[0]}']")
    office.check(f"input[name=code][value='{CODES[1]}']")
    office.check("input[name=rejectOthers]")
    office.fill("#declarations input[name=reason]", f"{year} 年度集中遴选")
    submit(office, "#declarations form[action$='/admit'] button[type=submit]")
    check("two admitted, one not selected", office.content().count("年度计划") >= 2 and "未入选" in office.content())
    submit(office, f"form[action='/projects/windows/{year}/publish'] button[type=submit]")
    check("the office publishes the list", office.url.endswith(f"/projects?year={year}"), office.url)
    public.goto(base + f"/projects?year={year}")
    check("the public sees the two admitted projects", public.locator("table.projects tbody tr").count() == 2, public.locator("table.projects tbody tr").count())
    check("the public does not see the one not selected", CODES[2] not in public.content())
    with public.expect_download() as info:
        public.click("a[href^='/projects.xlsx']")
    book = zipfile.ZipFile(io.BytesIO(open(info.value.path(), "rb").read()))
    check("the published list downloads as XLSX", any("sheet" in n for n in book.namelist()) and CODES[0] in "".join(book.read(n).decode("utf-8", "ignore") for n in book.namelist()))
    status, csv = api("GET", f"/projects.csv?year={year}", raw=True)
    check("and as CSV", status == 200 and CODES[1] in csv.decode("utf-8"), status)
    status, package = api("GET", "/api/v1/projects/export.oc4ids.json")
    projects = {p["id"]: p for p in (package or {}).get("projects", [])}
    check("and as an OC4IDS project package", status == 200 and CODES[0] in projects and projects[CODES[0]]["budget"]["amount"]["amount"] == 1200000000
          and projects[CODES[0]]["status"] == "preparation", str(package)[:200])
    shot(public, "projects-list")

    # Jinan reports two months on the first project, with a problem; the month before is late.
    for month, monthly, to_date, year_total, progress, problem in (
            (previous, 1000, 5000, 3000 if previous[:4] == str(year) else 1000, 6, ""),
            (latest, 1200, 6200, (3000 if previous[:4] == str(year) else 1000) + 1200 if latest[:4] == previous[:4] else 1200, 8, "土地指标尚未落实，影响二期开工")):
        rep.goto(base + f"/projects/{CODES[0]}")
        rep.select_option("#report select[name=month]", month)
        rep.fill("#report input[name=investmentMonth]", str(monthly))
        rep.fill("#report input[name=investmentToDate]", str(to_date))
        rep.fill("#report input[name=investmentYear]", str(year_total))
        rep.fill("#report input[name=progress]", str(progress))
        rep.check("#report input[name=milestone][value=land]")
        if problem:
            rep.fill("#report textarea[name=problem]", problem)
            rep.fill("#report textarea[name=help]", "请省自然资源厅协调用地指标")
        submit(rep, "#report button[type=submit]")
        check(f"Jinan reports {month}", "done=reported" in rep.url, rep.url)
    rep.goto(base + "/inbox")
    check(f"the missing {missing} report raises an alert in Jinan's inbox", "项目调度逾期未报" in rep.content() and missing in rep.content())
    shot(rep, "projects-inbox")

    # The reviewer approves the reports one at a time; the investment indicator moves with each.
    def fed(year_text):
        _, obs = api("GET", f"/api/v1/observations?indicator=key_project_investment&region=370000&per_page=50")
        items = (obs or {}).get("items", obs if isinstance(obs, list) else [])
        values = [o for o in items if str(o.get("period")) == year_text]
        return values[0] if values else None
    check("before approval the investment indicator has no value", fed(previous[:4]) is None)
    for month in (previous, latest):
        rev.goto(base + f"/projects/{CODES[0]}")
        submit(rev, f"form[action='/projects/{CODES[0]}/reports/{month}/review'] button[value=approve]")
        value = fed(month[:4])
        expected = (3000 if previous[:4] == str(year) else 1000) / 10000 if month == previous else None
        if month == previous:
            check(f"after approving {month} the investment value is {expected} 亿元", value is not None and abs(value["value"] - expected) < 1e-9, value)
        else:
            check(f"after approving {month} the value moves on", value is not None and value["value"] > 0 and (latest[:4] != previous[:4] or abs(value["value"] - ((3000 if previous[:4] == str(year) else 1000) + 1200) / 10000) < 1e-9), value)
            check("the value cites the project reports", value is not None and "/projects/feeds/key_project_investment/370000/" in json.dumps(value, ensure_ascii=False), value)
    public.goto(base + f"/projects/feeds/key_project_investment/370000/{latest[:4]}")
    check("the value's sources list the project's report", CODES[0] in public.content() and latest in public.content())

    # The project is red; its problem becomes a supervision order in one step.
    office.goto(base + f"/projects/{CODES[0]}")
    check("the project is red", office.locator("span.rag-red").count() >= 1, office.locator("span.rag").first.inner_text())
    submit(office, "#problems form[action$='/order'] button[type=submit]")
    check("the problem becomes a supervision order", "/orders/" in office.url and CODES[0] in office.content(), office.url)
    order_url = office.url
    office.goto(base + f"/projects/{CODES[0]}#problems")
    check("the problem links to its order", office.locator(f"#problems a[href='{order_url.replace(base, '')}']").count() == 1)

    # Jinan asks to move the completion later; the office approves; the versions compare.
    rep.goto(base + f"/projects/{CODES[0]}")
    rep.select_option("#adjust select[name=kind]", "schedule")
    rep.fill("#adjust input[name=completion]", "2028-06-30")
    rep.fill("#adjust textarea[name=reason]", "用地指标调整，二期顺延半年")
    submit(rep, "#adjust button[type=submit]")
    check("Jinan's adjustment request is pending", "done=requested" in rep.url and "待审批" in rep.content(), rep.url)
    office.goto(base + f"/projects/{CODES[0]}")
    submit(office, "#adjustments form[action$='/decide'] button[value=approve]")
    check("the office approves it", "已批准" in office.content())
    compare = office.locator("#versions table.compare").inner_text()
    check("the version history compares v1 and v2", "v1 与 v2" in office.content() and "2027-12-31" in compare and "2028-06-30" in compare, compare)
    shot(office, "projects-project")
    public.goto(base + f"/projects?year={year}")
    check("the published list shows the adjustment", public.locator(f"a[href='/projects/{CODES[0]}#versions']").inner_text() == "v2")

    # The article's delivery page and the roll-up list the project; the audit log has the steps.
    public.goto(base + "/articles/37/delivery")
    check("the article's delivery lists the project with its colour", CODES[0] in public.content() and "红灯" in public.content())
    public.goto(base + "/projects/rollup?by=city")
    check("the roll-up by city puts Jinan with a red project", "济南" in public.locator("table.rollup").inner_text())
    status, audit = api("GET", "/api/v1/audit?per_page=500", token=token)
    actions = {e.get("action") for e in ((audit or {}).get("items") or [])}
    check("the audit log has the library's steps", {"window.open", "project.declare", "project.review", "project.admit", "window.publish", "project.report",
                                                    "project.report.approve", "adjustment.request", "adjustment.approve"} <= actions, sorted(actions))
    # English.
    public.goto(base + f"/projects/{CODES[0]}?lang=en")
    check("the project page reads in English", "Monthly dispatch" in public.content() and "Plan versus actual" in public.content())


with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox"])
    try:
        run(browser)
    finally:
        browser.close()
check.finish()
