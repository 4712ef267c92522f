#!/usr/bin/env python3
"""End-to-end checks of data collection in a real headless Chromium (Debian's chromium, driven by
Playwright through executable_path): accounts, the unit calendar, the XLSX template, a GBK CSV
import with preview and confirmation, the entry form, submission, return, approval, the public
overview and API, and the audit log. Usage: e2e_reporting.py BASE_URL SCREENSHOT_DIR ADMIN_PASSWORD
Needs a fresh database with the administrator `admin` (created with `plantrack user add`); the
users it creates are kept, so a re-run on the same database skips creating them. If period 2025 of
Jinan was already approved by an earlier run, the reviewer reopens it first.
Prints each check, then 'e2e-reporting: N passed, N failed'; exits non-zero if any check failed."""
import json, os, random, sys, time, traceback, urllib.error, urllib.parse, urllib.request
from playwright.sync_api import sync_playwright
from checks import Checks
import apiclient, functools

base, shots, admin_password = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
check = Checks("e2e-reporting")
os.makedirs(shots, exist_ok=True)

UNIT, OTHER_UNIT, PERIOD = "370100", "370200", "2025"
ENTRY = f"/units/{UNIT}/periods/{PERIOD}"
REPORTER = ("jn.rep", "Jinan-Reporter-2026", "济南填报员", "reporter")
REVIEWER = ("jn.rev", "Jinan-Reviewer-2026", "济南审核员", "reviewer")
# Only for the wrong-password check: failed logins lock a user name for 15 minutes after five
# (successful logins do not reset the count), so re-runs must not spend jn.rep's attempts.
WRONG = ("jn.view", "Jinan-Viewer-2026", "济南查看员", "viewer")
# Plausible values for Jinan in 2025, in each indicator's unit.
IMPORTED = {"gdp": "13500.5", "resident_population": "950.2", "grain_output": "59.6"}  # 亿元, 万人, 亿斤
TYPED = {"new_and_renewable_capacity": "905", "good_air_days_ratio": "70.4", "pm25": "36"}  # 万千瓦, %, 微克/立方米
CORRECTED_GDP = "13520.3"
RETURN_REASON = "地区生产总值与统计公报初步核算数不一致，请核实后重新提交"


api = functools.partial(apiclient.call, base)  # (status, JSON) of a JSON API call


def public_value(indicator, period):
    """The approved value of an indicator of Jinan for a period from the public API, or None."""
    status, data = api("GET", "/api/v1/observations?" + urllib.parse.urlencode({"indicator": indicator, "region": UNIT, "per_page": 100}))
    if status != 200:
        return f"HTTP {status}"
    return next((item["value"] for item in data.get("items", []) if item.get("period") == period), None)


def ready():
    try:
        with urllib.request.urlopen(base + "/readyz", timeout=10) as response:
            return response.status == 200
    except Exception:
        return False


def gbk_csv(rows, header="指标代码,期别,数值,单位,备注,说明"):
    """A CSV file in GBK (as Excel on a Chinese Windows saves it): Chinese header and comments."""
    return ("\r\n".join([header] + [",".join(r) for r in rows]) + "\r\n").encode("gbk")


def submit(page, selector):
    """Clicks a submit button and waits for the page the form leads to."""
    with page.expect_navigation():
        page.click(selector)
    page.wait_for_load_state()


def login(page, user):
    username, password = user[0], user[1]
    page.goto(base + "/login")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    submit(page, "form.login button[type=submit]")


def logout(page):
    if page.locator("form.logout button").count():
        submit(page, "form.logout button")


def text(page, selector):
    locator = page.locator(selector)
    return locator.first.inner_text() if locator.count() else ""


def wf_class(page):
    return page.locator("p.workflow span.wf").first.get_attribute("class") or ""


def upload(page, name, mime, data, mode="preview", reason=""):
    page.goto(base + f"/units/{UNIT}/import")
    page.set_input_files("input[type=file][name=file]", files=[{"name": name, "mimeType": mime, "buffer": data}])
    if reason and page.locator("form.upload input[name=reason]").count():
        page.fill("form.upload input[name=reason]", reason)
    submit(page, f"button[name=mode][value={mode}]")


def fill_change_reason(page, reason):
    """Changes to figures approved before (a re-run after reopening) may ask for a reason."""
    if page.locator("form.entry input[name=reason]").count():
        page.fill("form.entry input[name=reason]", reason)


def has_chinese(s):
    return any("\u4e00" <= ch <= "\u9fff" for ch in s)


def shot(page, name):
    page.screenshot(path=f"{shots}/{name}.png", full_page=True)


def run(browser):
    # Accounts, through the API as the administrator created on the command line.
    status, session = api("POST", "/api/v1/session", {"username": "admin", "password": admin_password})
    check("admin logs in through the API", status == 201 and bool(session and session.get("token")))
    token = (session or {}).get("token")
    for username, password, display, role in (REPORTER, REVIEWER, WRONG):
        status, body = api("POST", "/api/v1/users", {"username": username, "display_name": display, "unit_code": UNIT, "role": role, "password": password}, token)
        check(f"user {username} ({role}, {UNIT}) created or already there", status in (201, 409))
    status, calendar = api("GET", f"/api/v1/units/{UNIT}/calendar", token=token)
    entry = next((c for c in calendar or [] if c.get("period") == PERIOD), {}) if status == 200 else {}
    check(f"API calendar: {PERIOD} of {UNIT} is open (not locked)", status == 200 and entry.get("locked") is False)

    rep_ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    rev_ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    rep, rev = rep_ctx.new_page(), rev_ctx.new_page()
    for p in (rep, rev):
        p.set_default_timeout(20000)

    # A re-run on the same database: take an earlier run's approval back so the flow can repeat.
    if entry.get("status") in ("approved", "submitted"):
        login(rev, REVIEWER)
        rev.goto(base + ENTRY)
        button = "approve" if entry.get("status") == "submitted" else "reopen"
        if rev.locator(f"section.review button[name=action][value={button}]").count():
            rev.fill("section.review input[name=reason]", "端到端测试重新运行")
            submit(rev, f"section.review button[name=action][value={button}]")
        if rev.locator("section.review button[name=action][value=reopen]").count():
            rev.fill("section.review input[name=reason]", "端到端测试重新运行")
            submit(rev, "section.review button[name=action][value=reopen]")
        print(f"note: {PERIOD} was {entry.get('status')} from an earlier run; reopened it ({wf_class(rev)})")
        logout(rev)
    before = public_value("gdp", PERIOD)
    if before is not None:  # an earlier run's approval stays public until the next one
        print(f"note: public 2025 GDP is {before} from an earlier run's approval")
    else:
        check("public API has no 2025 GDP before approval", before is None)

    # Login: a wrong password first, then the right one.
    rep.goto(base + "/login")
    rep.fill("input[name=username]", WRONG[0])
    rep.fill("input[name=password]", "wrong-password-123")
    submit(rep, "form.login button[type=submit]")
    error = text(rep, ".form-error")
    check("wrong password shows the login error", "/login" in rep.url and rep.locator(".form-error").count() == 1 and has_chinese(error))
    print(f"     ({error})")
    check("login form keeps the user name", rep.locator("input[name=username]").input_value() == WRONG[0])
    check("wrong password leaves the visitor logged out", text(rep, "a.account") == "登录")
    login(rep, REPORTER)
    check("reporter lands on their unit page", rep.url.rstrip("/").endswith(f"/units/{UNIT}"))
    check("header shows the reporter's name", text(rep, "a.account") == REPORTER[2])
    check("header links to the reporter's entry page", rep.locator(f"header a[href='/units/{UNIT}']", has_text="填报").count() == 1)
    check("reporter has no review or audit link", rep.locator("header a[href='/review'], header a[href='/audit']").count() == 0)
    check("unit page heading is 济南市", "济南市" in text(rep, "h1"))
    check("due counts list overdue periods", rep.locator("ul.due-counts li.due-overdue").count() == 1)
    row = rep.locator("table.calendar tr", has=rep.locator(f"a[href='{ENTRY}']"))
    check("calendar lists 2025 as overdue", row.count() == 1 and row.locator("span.due.due-overdue").count() == 1)
    check("calendar shows 2024 as locked", "已锁定" in rep.locator("table.calendar tr", has=rep.locator(f"a[href='/units/{UNIT}/periods/2024']")).inner_text())
    check("reporter sees the import link", rep.locator(f"a.button[href='/units/{UNIT}/import']").count() == 1)
    shot(rep, "unit-370100")

    # The XLSX template is a real download of a ZIP container.
    with rep.expect_download() as info:
        rep.click(f"a[href='/units/{UNIT}/template.xlsx']")
    download = info.value
    path = download.path()
    data = open(path, "rb").read() if path else b""
    check("XLSX template downloads as a ZIP (PK…)", data[:2] == b"PK" and len(data) > 500)
    check("XLSX template has a file name", download.suggested_filename.endswith(".xlsx"))
    csv_template = rep.request.get(base + f"/units/{UNIT}/template.csv")
    csv_text = csv_template.text()
    check("CSV template lists Jinan's indicators", csv_template.status == 200 and "gdp" in csv_text and "indicator_key" in csv_text)

    # Files the server must refuse with a clear Chinese message, and keep answering.
    rng = random.Random(7)
    junk = bytes(rng.getrandbits(8) for _ in range(4096))
    xlsx_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    for label, data in (("random bytes named x.xlsx", junk), ("a broken ZIP named x.xlsx", b"PK\x03\x04" + junk)):
        upload(rep, "x.xlsx", xlsx_type, data)
        error = text(rep, "p.form-error")
        check(f"{label}: clear Chinese error, nothing imported", has_chinese(error) and len(error) < 300 and rep.locator("section.import-result").count() == 0)
        print(f"     ({error[:300]}{'…' if len(error) > 300 else ''})")
    upload(rep, "wrong.csv", "text/csv", "名称,年份,数\r\n地区生产总值,2025,13500\r\n".encode("gbk"))
    error = text(rep, "p.form-error")
    check("CSV with wrong columns: Chinese error naming the missing columns", has_chinese(error) and ("指标代码" in error or "indicator_key" in error))
    print(f"     ({error})")
    check("server still ready after the bad files", ready())

    # A GBK CSV: preview (nothing written), then confirm.
    rows = [
        ["gdp", PERIOD, IMPORTED["gdp"], "亿元", "初步核算数，来自市统计局", ""],
        ["resident_population", PERIOD, IMPORTED["resident_population"], "万人", "年末常住人口", ""],
        ["grain_output", PERIOD, IMPORTED["grain_output"], "亿斤", "全年粮食总产量", ""],
    ]
    probe = rep_ctx.new_page()
    probe.goto(base + ENTRY)
    gdp_field = probe.locator("input[name='v.gdp']").input_value()
    upload(rep, "济南2025.csv", "text/csv", gbk_csv(rows), reason="端到端测试重新导入" if gdp_field else "")
    result = rep.locator("section.import-result")
    check("GBK CSV preview renders a result", result.count() == 1 and rep.locator("p.form-error").count() == 0)
    new_count = text(rep, "ul.outcome-counts li.outcome-new b")
    if gdp_field:  # values left by an earlier run: rows are new, changed or unchanged
        counts = [int(b or 0) for b in rep.locator("ul.outcome-counts li:not(.outcome-error) b").all_inner_texts()]
        check("preview counts the 3 rows as new, changed or unchanged", sum(counts) == 3)
    else:
        check("preview counts 3 new rows", new_count == "3")
    check("preview lists 3 rows, none in error", rep.locator("table.import-rows tbody tr").count() == 3 and rep.locator("table.import-rows tr.outcome-error").count() == 0)
    check("preview table names the GDP row", "gdp" in text(rep, "table.import-rows") or "地区生产总值" in text(rep, "table.import-rows"))
    check("preview offers the confirm button", rep.locator("form.confirm button").count() == 1)
    shot(rep, "import-preview")
    probe.reload()
    check("preview wrote nothing: GDP field unchanged" + ("" if gdp_field else " (still empty)"),
          probe.locator("input[name='v.gdp']").input_value() == gdp_field)
    probe.close()
    submit(rep, "form.confirm button")
    check("confirmed import reports no error", rep.locator("p.form-error").count() == 0)
    rep.goto(base + ENTRY)
    for key, value in IMPORTED.items():
        check(f"entry form shows imported {key} = {value}", rep.locator(f"input[name='v.{key}']").input_value() == value)
    check("GBK comment decoded into the entry form", rep.locator("textarea[name='c.gdp']").input_value() == "初步核算数，来自市统计局")

    # The rest by hand; save a draft, then submit.
    for key, value in TYPED.items():
        rep.fill(f"input[name='v.{key}']", value)
    rep.fill("textarea[name='c.new_and_renewable_capacity']", "含风电、光伏和生物质发电")
    fill_change_reason(rep, "端到端测试重新填报")
    submit(rep, "button[name=action][value=save]")
    check("save draft shows a message", rep.locator("p.form-message").count() == 1 and rep.locator("p.form-error").count() == 0)
    print(f"     ({text(rep, 'p.form-message')})")
    check("status is draft after saving", "wf-draft" in wf_class(rep))
    check("no row errors after saving", rep.locator("small.row-error").count() == 0)
    check("typed values kept", all(rep.locator(f"input[name='v.{k}']").input_value() == v for k, v in TYPED.items()))
    check("typed comment kept", rep.locator("textarea[name='c.new_and_renewable_capacity']").input_value() == "含风电、光伏和生物质发电")
    flags = rep.locator("small.row-flag").all_inner_texts()
    if flags:
        print(f"     (flags: {flags})")
    shot(rep, "entry-2025")
    fill_change_reason(rep, "端到端测试重新填报")
    submit(rep, "button[name=action][value=submit]")
    check("submit shows no error", rep.locator("p.form-error").count() == 0)
    check("status is submitted", "wf-submitted" in wf_class(rep))
    check("values are shown as text once submitted, not as inputs", rep.locator("input[name='v.gdp'], textarea[name='c.gdp']").count() == 0
          and rep.locator("span[id='v.gdp']").count() == 1)
    check("no save or submit button once submitted", rep.locator("button[name=action][value=submit], button[name=action][value=save]").count() == 0)
    check("submitted data is not public yet", public_value("gdp", PERIOD) == before)
    rep.goto(base + f"/units/{UNIT}")
    row = rep.locator("table.calendar tr", has=rep.locator(f"a[href='{ENTRY}']"))
    check("calendar shows 2025 as submitted", row.locator("span.due.due-submitted").count() == 1)

    # Scope: another city's entry page and the audit log are refused to Jinan's reporter.
    response = rep.goto(base + f"/units/{OTHER_UNIT}/periods/{PERIOD}")
    check(f"reporter of {UNIT} cannot open {OTHER_UNIT}'s entry page (403)", response.status == 403 and rep.locator("form.entry").count() == 0)
    response = rep.goto(base + "/audit")
    check("reporter is refused the audit log (403)", response.status == 403 and rep.locator("table.audit").count() == 0)
    check("403 page is in Chinese", has_chinese(text(rep, "main")))
    logout(rep)
    check("reporter logged out", text(rep, "a.account") == "登录")

    # The reviewer: queue, overview preview, return with a reason.
    login(rev, REVIEWER)
    check("reviewer lands on the unit page", rev.url.rstrip("/").endswith(f"/units/{UNIT}"))
    check("reviewer header has 审核 and 审计日志", rev.locator("header a[href='/review']").count() == 1 and rev.locator("header a[href='/audit']").count() == 1)
    submit(rev, "header a[href='/review']")
    check("review queue lists Jinan 2025", rev.locator(f"table.queue a[href='{ENTRY}']").count() == 1)
    shot(rev, "review-queue")
    rev.goto(base + "/")
    toggle = rev.locator("p.preview-toggle a")
    check("overview offers the reviewer a preview toggle", toggle.count() == 1 and "预览" in toggle.inner_text())
    check("no preview banner before toggling", rev.locator(".preview-banner").count() == 0)
    if toggle.count():
        submit(rev, "p.preview-toggle a")
    check("preview toggle adds ?preview=submitted", "preview=submitted" in rev.url)
    check("preview banner shown", rev.locator(".preview-banner").count() == 1 and rev.locator(".preview-banner").is_visible())
    rev.goto(base + ENTRY)
    check("reviewer sees the review form", rev.locator("section.review form").count() == 1)
    check("reviewer can approve or return", rev.locator("section.review button[name=action][value=approve]").count() == 1
          and rev.locator("section.review button[name=action][value=return]").count() == 1)
    rev.fill("section.review input[name=reason]", RETURN_REASON)
    submit(rev, "section.review button[name=action][value=return]")
    check("return shows no error", rev.locator("p.form-error").count() == 0)
    check("status is returned", "wf-returned" in wf_class(rev))

    # The reporter sees the reason, corrects GDP and resubmits.
    login(rep, REPORTER)
    rep.goto(base + ENTRY)
    check("reporter sees the return reason", RETURN_REASON in text(rep, "p.form-notice"))
    check("returned period is editable again", rep.locator("input[name='v.gdp']").count() == 1)
    rep.fill("input[name='v.gdp']", CORRECTED_GDP)
    rep.fill("textarea[name='e.gdp']", "按统计公报初步核算数更正")
    fill_change_reason(rep, "按审核意见更正地区生产总值")
    submit(rep, "button[name=action][value=submit]")
    check("resubmission shows no error", rep.locator("p.form-error").count() == 0 and rep.locator("small.row-error").count() == 0)
    check("status is submitted again", "wf-submitted" in wf_class(rep))
    check("corrected GDP kept", CORRECTED_GDP in rep.locator("span[id='v.gdp']").inner_text().replace(",", ""))
    check("revision history lists the change", rep.locator("table.revisions tbody tr").count() >= 7)

    # The reporter gave no reason of their own: the reviewer's return reason must not come back
    # labelled as the reporter's 修改理由 (on the period page, in the queue).
    notice = " ".join(rep.locator("p.form-notice").all_inner_texts())
    rev.goto(base + "/review")
    queue_row = rev.locator("table.queue tr", has=rev.locator(f"a[href='{ENTRY}']"))
    queue_reason = queue_row.locator("td").last.inner_text() if queue_row.count() else ""
    check("resubmission does not show the return reason as the reporter's 修改理由",
          not ("修改理由" in notice and RETURN_REASON in notice) and RETURN_REASON not in queue_reason)
    if RETURN_REASON in notice or RETURN_REASON in queue_reason:
        print(f"     (period page notice: {notice!r}; queue reason cell: {queue_reason!r})")

    # The reviewer approves; the data becomes public.
    rev.goto(base + ENTRY)
    rev.fill("section.review input[name=reason]", "数据已核实")
    submit(rev, "section.review button[name=action][value=approve]")
    check("approve shows no error", rev.locator("p.form-error").count() == 0)
    check("status is approved", "wf-approved" in wf_class(rev))
    check("approved period offers reopen", rev.locator("section.review button[name=action][value=reopen]").count() == 1)
    shot(rev, "period-approved")
    check("public API has the approved 2025 GDP", public_value("gdp", PERIOD) == float(CORRECTED_GDP))
    check("public API has the approved 2025 population", public_value("resident_population", PERIOD) == float(IMPORTED["resident_population"]))
    rev.goto(base + "/review")
    check("review queue no longer lists Jinan 2025", rev.locator(f"table.queue a[href='{ENTRY}']").count() == 0)

    # The audit log, for the reviewer.
    rev.goto(base + "/audit?" + urllib.parse.urlencode({"unit": UNIT}))
    check("audit page lists entries for 370100", rev.locator("table.audit tbody tr").count() > 0)
    shot(rev, "audit")
    for action in ("login", "import", "value.change", "submission.submit", "submission.return", "submission.approve"):
        rev.goto(base + "/audit?" + urllib.parse.urlencode({"unit": UNIT, "action": action}))
        codes = rev.locator("table.audit tbody td code").all_inner_texts()
        check(f"audit lists {action} for {UNIT}", action in codes)
    rev.goto(base + "/audit?" + urllib.parse.urlencode({"actor": REPORTER[0], "action": "import"}))
    check("audit filter by actor finds the reporter's import", "import" in rev.locator("table.audit tbody td code").all_inner_texts()
          and REPORTER[0] in text(rev, "table.audit tbody"))
    rev.goto(base + "/audit")
    submit(rev, "form.filters button[type=submit]")
    check("audit filter form submits", rev.locator("table.audit").count() == 1)

    # The public: a fresh context, logged out.
    public_ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    public = public_ctx.new_page()
    # A publication reaches readers once the next snapshot is built: within 2 seconds.
    link = public.locator(f"section.reporting ul.recent-approvals li a[href='{ENTRY}']")
    for _ in range(10):
        public.goto(base + "/")
        if link.count() == 1:
            break
        time.sleep(0.25)
    check("public overview lists 济南市 · 2025 under recent approvals", link.count() == 1 and "济南市" in link.inner_text() and PERIOD in link.inner_text())
    check("public overview has no preview toggle", public.locator("p.preview-toggle").count() == 0)
    section = public.locator("section.reporting")
    if section.count():
        section.scroll_into_view_if_needed()
    shot(public, "overview-reporting")
    public_ctx.close()
    check("server still ready at the end", ready())
    rep_ctx.close()
    rev_ctx.close()


with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox"])
    try:
        run(browser)
    except Exception as error:  # a step that cannot go on: count it and stop
        traceback.print_exc()
        check(f"no unexpected error ({type(error).__name__}: {str(error).splitlines()[0] if str(error) else ''})", False)
    browser.close()

check.finish()
