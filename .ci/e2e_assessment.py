#!/usr/bin/env python3
"""End-to-end checks of the assessment in a real headless Chromium: the office writes a scheme in
the browser (a bad one comes back with its problems and what was typed), edits it into a second
version, opens a round for 2024 on it (the server holds the synthetic full workload), freezes its data and sees sixteen cities scored; a
city sees only its own score sheet before publication and is refused another's, appeals a line
with evidence, and the office accepts the appeal with the corrected value (publication waits for
it) and gives qualitative points with a reason; the city downloads its sheet as PDF; the office publishes, sets a funds pool and confirms its allocation; without a login the round
page, a what-if, a score sheet, the allocation and the XLSX and CSV exports are public; the audit
log has every step.
Usage: e2e_assessment.py BASE_URL SCREENSHOT_DIR ADMIN_PASSWORD
Needs the administrator `admin`; creates its users (kept for re-runs). A re-run saves the scheme
as a new version and opens a new round.
Prints each check, then 'e2e-assessment: N passed, N failed'; exits non-zero if any check failed."""
import functools, os, sys, time
from playwright.sync_api import sync_playwright
from checks import Checks
import apiclient, browsing
from browsing import submit

base, shots, admin_password = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
check = Checks("e2e-assessment")
os.makedirs(shots, exist_ok=True)
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SCHEME = open(os.path.join(root, "examples", "assessment-scheme.yaml"), encoding="utf-8").read()
OFFICE = ("asm.office", "Office-Assessment-2026", "领导小组办公室考核员", "office", "370000")
CITY = ("asm.jnrep", "Jinan-Assessment-2026", "济南考核联络员", "reporter", "370100")
api = functools.partial(apiclient.call, base)
login = functools.partial(browsing.login, base)
shot = functools.partial(browsing.shot, shots)


def run(browser):
    status, session = api("POST", "/api/v1/session", {"username": "admin", "password": admin_password})
    check("admin logs in through the API", status == 201)
    token = (session or {}).get("token")
    for username, password, display, role, unit in (OFFICE, CITY):
        status, _ = api("POST", "/api/v1/users", {"username": username, "display_name": display, "unit_code": unit, "role": role, "password": password}, token)
        check(f"user {username} ({role}, {unit}) created or already there", status in (201, 409))
    office_ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    city_ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    public_ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    office, city, public = office_ctx.new_page(), city_ctx.new_page(), public_ctx.new_page()
    for p in (office, city, public):
        p.set_default_timeout(30000)

    # The office writes a scheme: a bad one first.
    login(office, OFFICE)
    scheme_id = f"e2e-{int(time.time())}"
    office.goto(base + "/assessment")
    office.fill("form.scheme-new input[name=id]", scheme_id)
    office.fill("form.scheme-new textarea[name=body]", SCHEME.replace("C02-2", "C99-9"))
    submit(office, "form.scheme-new button[type=submit]")
    problems = office.locator("ul.problems li").all_inner_texts()
    check("a bad scheme comes back with its problem", any("no target C99-9" in p for p in problems), problems)
    check("what was typed comes back", "C99-9" in office.input_value("form.scheme-new textarea[name=body]"))
    office.fill("form.scheme-new textarea[name=body]", SCHEME)
    office.fill("form.scheme-new input[name=note]", "首版")
    submit(office, "form.scheme-new button[type=submit]")
    check("the scheme is saved as version 1", office.url.endswith(f"/assessment/schemes/{scheme_id}") and "第 1 版" in office.inner_text("h1"), office.url)
    # Version 2 weighs R&D intensity more and drops the veto: on the synthetic workload every city
    # misses a binding target, and with the veto no city would earn an incentive.
    # The scheme as XLSX, imported again as a new scheme.
    with office.expect_download() as info:
        office.click("a[href*='/scheme.xlsx']")
    workbook = info.value.path()
    office.goto(base + "/assessment")
    office.fill("form.scheme-import input[name=id]", scheme_id + "-xlsx")
    office.set_input_files("form.scheme-import input[name=file]", workbook)
    submit(office, "form.scheme-import button[type=submit]")
    check("a scheme downloaded as XLSX imports again as a scheme", office.url.endswith(f"/assessment/schemes/{scheme_id}-xlsx?version=1"), office.url)
    office.goto(base + f"/assessment/schemes/{scheme_id}")
    gaps = office.locator("section.scheme-check li").all_inner_texts()
    check("the scheme check lists the levels the scheme sets no city values for", any(g.startswith("A008-1") for g in gaps), gaps)
    edited = (SCHEME.replace("{target: C02-2, points: 8}", "{target: C02-2, points: 10}").replace("{target: A003-1, points: 6}", "{target: A003-1, points: 4}")
              .replace("veto: true", "veto: false"))
    office.fill("form.scheme-edit textarea[name=body]", edited)
    office.fill("form.scheme-edit input[name=note]", "研发投入强度加重，不设一票否决")
    submit(office, "form.scheme-edit button[type=submit]")
    check("the edit is version 2, and version 1 is kept", "第 2 版" in office.inner_text("h1") and office.locator(f"a[href='/assessment/schemes/{scheme_id}?version=1']").count() == 1)
    shot(office, "assessment-scheme")

    # A round for 2024 on version 2: open, freeze.
    office.goto(base + "/assessment")
    office.fill("form.round-new input[name=year]", "2024")
    office.select_option("form.round-new select[name=scheme]", f"{scheme_id}:2")
    office.fill("form.round-new input[name=cutoff]", "2025-03-31")
    submit(office, "form.round-new button[type=submit]")
    round_path = office.url.replace(base, "").split("?")[0]
    round_id = round_path.rsplit("/", 1)[-1]
    check("the round opens", round_path.startswith("/assessment/rounds/2024-") and "数据尚未冻结" in office.inner_text("main"), round_path)
    submit(office, "form.round-freeze button[type=submit]")
    rows = office.locator("table.round-results tbody tr")
    check("freezing scores the sixteen cities", rows.count() == 16 and "本页得分只来自快照 #1" in office.inner_text("p.frozen-note"), rows.count())
    shot(office, "assessment-round-frozen")

    # A city sees its own sheet only before publication.
    login(city, CITY)
    city.goto(base + round_path)
    city_rows = city.locator("table.round-results tbody tr")
    check("Jinan sees its own line only", city_rows.count() == 1 and "济南市" in city_rows.first.inner_text(), city_rows.count())
    city.click("table.round-results a[href$='/units/370100']")
    city.wait_for_load_state()
    lines = city.locator("table.score-sheet tbody tr")
    check("Jinan's score sheet has a line per target, with Q and f(Q)", lines.count() == 14 and "f(Q)" in city.inner_text("table.score-sheet thead"), lines.count())
    shot(city, "assessment-sheet")
    response = city.goto(base + round_path + "/units/370200")
    check("Jinan may not read Qingdao's sheet before publication", response.status == 403, response.status)
    response = public.goto(base + round_path)
    check("the public does not see the round before publication", response.status in (401, 403) or "/login" in public.url, (response.status, public.url))

    # Jinan appeals a line with evidence; publication waits; the office accepts with the corrected value.
    city.goto(base + round_path + "/units/370100")
    evidence = os.path.join(shots, "appeal-evidence.pdf")
    with open(evidence, "wb") as f:
        f.write("%PDF-1.4\n% 济南市统计公报（修订）\n%%EOF\n".encode("utf-8"))
    city.select_option("form.appeal-form select[name=target]", "C02-2")
    city.fill("form.appeal-form textarea[name=reason]", "2024 年研发经费投入强度以修订后的统计公报为准")
    city.set_input_files("form.appeal-form input[name=evidence]", evidence)
    submit(city, "form.appeal-form button[type=submit]")
    check("Jinan's appeal is filed", "申诉已提交" in city.inner_text("main") and "待处理" in city.inner_text("table.score-sheet"), city.url)
    shot(city, "assessment-appeal-filed")
    office.goto(base + round_path)
    submit(office, "form.round-publish button[type=submit]")
    check("publication waits for the pending appeal", "件申诉待处理" in office.inner_text("main"))
    office.goto(base + round_path + "#appeal-1")
    appeal = office.locator("#appeal-1")
    check("the office sees the appeal with its evidence", appeal.count() == 1 and appeal.locator("a[href^='/assessment/appeal-files/']").count() == 1)
    appeal.locator("input[name=value]").fill("3.1")
    appeal.locator("textarea[name=reason]").fill("经核实，按修订后的统计公报更正")
    submit(office, "#appeal-1 button[value=accept]")
    check("the office accepts the appeal", "申诉已采纳" in office.inner_text("main") and "已采纳" in office.inner_text("#appeal-1"))
    shot(office, "assessment-appeal-accepted")
    city.goto(base + round_path + "/units/370100")
    check("Jinan's sheet shows the corrected line", f"已按申诉 {round_id}-1 更正" in city.inner_text("table.score-sheet"))

    # The office gives Jinan qualitative points with a reason; Jinan downloads its sheet as PDF.
    office.goto(base + round_path + "/units/370100")
    form = office.locator("form.qualitative-form").first
    form.locator("input[name=points]").fill("4")
    form.locator("textarea[name=reason]").fill("年度重点任务按期推进，督办事项全部办结")
    submit(office, "form.qualitative-form >> nth=0 >> button[type=submit]")
    check("the office gives qualitative points with a reason", "定性分已保存" in office.inner_text("main")
          and "4 / 5" in office.inner_text("table.qualitative"))
    city.goto(base + round_path + "/units/370100")
    with city.expect_download() as info:
        city.click(f"a[href='{round_path}/units/370100/pdf']")
    pdf = open(info.value.path(), "rb").read()
    check("Jinan downloads its score sheet as PDF", pdf[:4] == b"%PDF" and len(pdf) > 5000, len(pdf))

    # Publication.
    office.goto(base + round_path)
    submit(office, "form.round-publish button[type=submit]")
    check("the office publishes", "结果已发布" in office.inner_text("main"))

    # A funds pool, allocated by the score above the pass mark, confirmed.
    office.click("#pools summary")
    office.fill("form.pool-form input[name=id]", "funds")
    office.fill("form.pool-form input[name=name]", "绿色低碳激励资金")
    office.fill("form.pool-form input[name=amount]", "10000")
    office.fill("form.pool-form input[name=mark]", "0")
    office.fill("form.pool-form input[name=cap]", "2000")
    submit(office, "form.pool-form button[type=submit]")
    alloc = office.locator("table.allocation tbody tr")
    check("the pool's allocation is shown line by line", alloc.count() == 16 and "10000 万元" in office.inner_text("td.allocation-sum"), alloc.count())
    submit(office, "form.pool-confirm button[type=submit]")
    check("the office confirms the allocation", "分配已确认" in office.inner_text("main"))
    shot(office, "assessment-allocation")
    pool_path = round_path + "/pools/funds"
    public.goto(base + round_path)
    check("without a login the round shows every city", public.locator("table.round-results tbody tr").count() == 16)
    check("the rank bands are explained", "不具统计意义" in public.inner_text("main"))
    shot(public, "assessment-public")
    with public.expect_download() as info:
        public.click(f"a[href='{round_path}/results.xlsx']")
    xlsx = open(info.value.path(), "rb").read()
    check("the results export as XLSX", xlsx[:2] == b"PK" and len(xlsx) > 2000, len(xlsx))
    status, csv = api("GET", f"{round_path}/results.csv", raw=True)
    text = csv.decode("utf-8-sig") if status == 200 else ""
    check("the results export as CSV with every city", status == 200 and text.startswith("名次,单位代码") and len(text.strip().splitlines()) == 17, status)
    public.goto(base + round_path + "/what-if?veto=0")
    check("a what-if sets the scheme's values beside the frozen results", public.locator("table.what-if-results tbody tr").count() == 16
          and public.locator("select[name=veto] option[value='0'][selected]").count() == 1)
    shot(public, "assessment-what-if")
    response = public.goto(base + round_path + "/units/370200")
    check("Qingdao's sheet is public now", response.status == 200 and "青岛市" in public.inner_text("h1"))
    response = public.goto(base + pool_path)
    check("without a login the confirmed allocation is public", response.status == 200 and public.locator("table.allocation tbody tr").count() == 16
          and "已确认" in public.inner_text("dl.facts"))
    with public.expect_download() as info:
        public.click(f"a[href='{pool_path}/allocation.xlsx']")
    xlsx = open(info.value.path(), "rb").read()
    check("the allocation exports as XLSX", xlsx[:2] == b"PK" and len(xlsx) > 2000, len(xlsx))
    status, audit = api("GET", f"/api/v1/audit?action=appeal.", token=token)
    steps = {e.get("action") for e in (audit or {}).get("items", []) if e.get("subject") == f"{round_id}-1"}
    check("the audit log has the appeal's steps", {"appeal.file", "appeal.accept"} <= steps, steps)
    status, audit = api("GET", f"/api/v1/audit?action=pool.", token=token)
    steps = {e.get("action") for e in (audit or {}).get("items", []) if e.get("subject") == f"{round_id}/funds"}
    check("the audit log has the pool's steps", {"pool.save", "pool.confirm"} <= steps, steps)
    status, audit = api("GET", f"/api/v1/audit?action=round.", token=token)
    mine = [e for e in (audit or {}).get("items", []) if e.get("subject") == round_id]
    check("the audit log has the round's steps", {"round.open", "round.freeze", "round.publish"} <= {e.get("action") for e in mine}, [e.get("action") for e in mine])
    status, audit = api("GET", f"/api/v1/audit?action=scheme.", token=token)
    check("the audit log has the scheme's versions", {f"{scheme_id} v1", f"{scheme_id} v2"} <= {e.get("subject") for e in (audit or {}).get("items", [])})


with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox"])
    try:
        run(browser)
    except Exception as error:
        import traceback
        traceback.print_exc()
        check("the run completes", False, repr(error))
    browser.close()
check.finish()
