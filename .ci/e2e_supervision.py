#!/usr/bin/env python3
"""End-to-end checks of supervision in a real headless Chromium: the office imports the
illustrative responsibility list (preview, then confirmation), a city's reporter finds the overdue
milestone in the inbox, reports progress with an evidence file and submits, the city's reviewer
downloads the evidence and approves, the alert is gone once the milestone is reported done, and
the same list reads back through the API and the XLSX export. The office issues a supervision
order about the task; the city signs for it and answers with a file; the office sends it back,
the city answers again, the office closes it; the ledger lists it closed and exports it. The office imports the
illustrative policy list and a late policy reaches the issuing city's inbox. The office opens
a stocktake, records a decision that becomes a supervision order to Jinan, and downloads the
stocktake's PDF. Reporting diligence shows month by month on Jinan's page and for every unit
over the year, with the same numbers in the API and the workbook.
Alerts also leave PlanTrack: Jinan's reviewer sends the city's alerts to a webhook, its reporter
its own to a mailbox, the office delivers now, and the overdue milestone reaches the local
webhook sink and the SMTP sink this script starts (the server relays e-mail to SMTP_PORT).
Usage: e2e_supervision.py BASE_URL SCREENSHOT_DIR ADMIN_PASSWORD [SMTP_PORT]
Needs the administrator `admin`; creates its users (kept for re-runs). The list is imported as
year 2026, so task ids are stable; a re-run finds it unchanged.
Prints each check, then 'e2e-supervision: N passed, N failed'; exits non-zero if any check failed."""
import base64, email, email.header, http.server, json, os, socketserver, sys, threading, urllib.error, urllib.request, zipfile, io
from playwright.sync_api import sync_playwright
from checks import Checks
import apiclient, browsing, functools
from browsing import submit

base, shots, admin_password = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
smtp_port = int(sys.argv[4]) if len(sys.argv) > 4 else None
check = Checks("e2e-supervision")
os.makedirs(shots, exist_ok=True)
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DEMO = os.path.join(root, "examples", "responsibility-list-demo.xlsx")
POLICIES = os.path.join(root, "examples", "policy-list-demo.xlsx")
OFFICE = ("sup.office", "Office-Supervision-2026", "领导小组办公室督查员", "office", "370000")
REPORTER = ("sup.jn", "Jinan-Tasks-2026", "济南任务填报员", "reporter", "370100")
REVIEWER = ("sup.jnrev", "Jinan-TaskReview-2026", "济南任务审核员", "reviewer", "370100")
TASK = "2026-5"  # Jinan leads it; its one milestone (2026-06-30) is overdue
MONTH_PDF = b"%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n% evidence: meeting minutes\ntrailer << /Root 1 0 R >>\n%%EOF\n"


api = functools.partial(apiclient.call, base)  # (status, JSON) of a JSON API call
login = functools.partial(browsing.login, base)
shot = functools.partial(browsing.shot, shots)


class Sinks:
    """A webhook sink (HTTP, a free port) and an SMTP sink (SMTP_PORT) that keep what they receive."""

    def __init__(self, smtp_port):
        self.posts, self.mails = [], []
        sinks = self

        class Hook(http.server.BaseHTTPRequestHandler):
            def do_POST(self):
                sinks.posts.append(self.rfile.read(int(self.headers.get("Content-Length", 0))))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args):
                pass

        class Mail(socketserver.StreamRequestHandler):
            def handle(self):
                self.wfile.write(b"220 sink\r\n")
                data, in_data = [], False
                for raw in self.rfile:
                    line = raw.decode("utf-8", "replace").rstrip("\r\n")
                    if in_data:
                        if line == ".":
                            sinks.mails.append("\r\n".join(data))
                            in_data, data = False, []
                            self.wfile.write(b"250 queued\r\n")
                        else:
                            data.append(line)
                        continue
                    verb = line[:4].upper()
                    if verb == "DATA":
                        in_data = True
                        self.wfile.write(b"354 go ahead\r\n")
                    elif verb == "QUIT":
                        self.wfile.write(b"221 bye\r\n")
                        return
                    else:
                        self.wfile.write(b"250 ok\r\n")

        self.http = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Hook)
        self.hook_url = f"http://127.0.0.1:{self.http.server_address[1]}/hook"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        self.smtp = None
        if smtp_port:
            socketserver.ThreadingTCPServer.allow_reuse_address = True
            self.smtp = socketserver.ThreadingTCPServer(("127.0.0.1", smtp_port), Mail)
            threading.Thread(target=self.smtp.serve_forever, daemon=True).start()

    def mail_texts(self):
        texts = []
        for raw in self.mails:
            message = email.message_from_string(raw)
            subject = str(email.header.make_header(email.header.decode_header(message["Subject"] or "")))
            texts.append(subject + "\n" + message.get_payload(decode=True).decode("utf-8"))
        return texts


def run(browser):
    status, session = api("POST", "/api/v1/session", {"username": "admin", "password": admin_password})
    check("admin logs in through the API", status == 201)
    token = (session or {}).get("token")
    for username, password, display, role, unit in (OFFICE, REPORTER, REVIEWER):
        status, _ = api("POST", "/api/v1/users", {"username": username, "display_name": display, "unit_code": unit, "role": role, "password": password}, token)
        check(f"user {username} ({role}, {unit}) created or already there", status in (201, 409))

    office_ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    rep_ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    rev_ctx = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900}, accept_downloads=True)
    office, rep, rev = office_ctx.new_page(), rep_ctx.new_page(), rev_ctx.new_page()
    for p in (office, rep, rev):
        p.set_default_timeout(20000)

    # The office imports the list: preview first, then confirmation.
    login(office, OFFICE)
    office.goto(base + "/tasks")
    check("the office sees the import button", office.locator("a.button[href='/tasks/import']").count() == 1)
    office.click("a.button[href='/tasks/import']")
    office.wait_for_load_state()
    office.set_input_files("input[type=file][name=file]", DEMO)
    office.fill("input[name=year]", "2026")
    submit(office, "button[name=mode][value=preview]")
    rows = office.locator("table.import-rows tbody tr")
    new_rows = office.locator("table.import-rows tr.outcome-new").count()
    unchanged = office.locator("table.import-rows tr.outcome-unchanged").count()
    check("the preview lists the 8 tasks", rows.count() == 8, rows.count())
    check("the preview says nothing is saved yet", "尚未写入" in office.locator("section.import-result h2").inner_text())
    shot(office, "tasks-import-preview")
    if new_rows:
        check("the preview marks every task new", new_rows == 8, new_rows)
        submit(office, "form.confirm button")
        check("the confirmation imports the list", "已导入" in office.locator("section.import-result h2").inner_text())
    else:
        print("note: the list was imported by an earlier run")
        check("a re-run finds the list unchanged", unchanged == 8, unchanged)
    office.goto(base + "/tasks?year=2026")
    check("the list shows 8 tasks", office.locator("table.tasks tbody tr").count() == 8)
    check("lead units are named as offices write them", "省能源局" in office.locator("table.tasks").inner_text())
    shot(office, "tasks-list")

    # The office imports the policy list the same way.
    office.goto(base + "/policies/import")
    office.set_input_files("input[type=file][name=file]", POLICIES)
    submit(office, "button[name=mode][value=preview]")
    check("the policy preview lists the 6 policies", office.locator("table.import-rows tbody tr").count() == 6)
    if office.locator("form.confirm button").count():
        submit(office, "form.confirm button")
        check("the confirmation imports the policies", "已导入" in office.locator("section.import-result h2").inner_text())
    office.goto(base + "/policies")
    check("the policy list shows 6 policies", office.locator("table.policies tbody tr").count() == 6)
    check("late policies are marked", office.locator("table.policies .task-overdue").count() >= 1)
    shot(office, "policies")

    # Jinan's reporter: the overdue milestone is in the inbox.
    login(rep, REPORTER)
    rep.goto(base + "/inbox")
    key = f"milestone_overdue|370100|{TASK}#1"
    alert = rep.locator("li.alert", has=rep.locator(f"input[name=key][value='{key}']"))
    reported = rep.request.get(base + f"/api/v1/tasks/{TASK}").json()
    already = any(r.get("unit") == "370100" for r in reported.get("reports", [])) if isinstance(reported, dict) else False
    if not already:
        check("the overdue milestone reaches Jinan's inbox", alert.count() == 1 and "节点逾期" in alert.inner_text())
        check("it is red", alert.count() == 1 and "alert-red" in (alert.get_attribute("class") or ""))
        check("unanswered for months, it has escalated to the office", alert.count() == 1 and "已升级至办公室" in alert.inner_text())
    else:
        print("note: Jinan reported on the task in an earlier run")
    check("Jinan's late policy (planned for April) is in its inbox", rep.locator("input[name=key][value='policy_overdue|370100|5']").count() == 1)
    check("the inbox has Jinan's digest only", rep.locator("section.digest").count() == 1 and "济南市" in rep.locator("section.digest h2").inner_text())
    shot(rep, "inbox-370100")

    # The alerts leave PlanTrack: Jinan's reviewer sends the city's to a webhook, its reporter its own by e-mail.
    sinks = Sinks(smtp_port)
    login(rev, REVIEWER)
    rev.goto(base + "/deliveries")
    rev.select_option("form.subscribe select[name=unit]", "370100")
    rev.select_option("form.subscribe select[name=channel]", "webhook")
    rev.fill("form.subscribe input[name=target]", sinks.hook_url)
    submit(rev, "form.subscribe button[type=submit]")
    check("the reviewer subscribes the city's alerts to a webhook", "已订阅" in rev.locator("p.form-message[role=status]").inner_text())
    if smtp_port:
        rep.goto(base + "/deliveries")
        rep.select_option("form.subscribe select[name=channel]", "email")
        rep.fill("form.subscribe input[name=target]", "sup.jn@example.gov.cn")
        submit(rep, "form.subscribe button[type=submit]")
        said = rep.locator("p.form-message, p.form-error").first.inner_text()
        check("the reporter subscribes its inbox by e-mail (or did in an earlier run)", "已订阅" in said or "已有相同的订阅" in said, said)
    office.goto(base + "/deliveries")
    submit(office, "form[action='/deliveries/run'] button")
    check("the office delivers now", "已发送" in office.locator("p.form-message[role=status]").inner_text(), office.locator("p.form-message").inner_text())
    posts = [json.loads(p) for p in sinks.posts]
    keys = {a.get("key") for p in posts for a in p.get("alerts", [])}
    if not already:
        check("the overdue milestone reaches the webhook sink", key in keys, sorted(keys)[:5])
        check("the webhook's digest is Jinan's", any(p.get("unit") == "370100" for p in posts))
        if smtp_port:
            mails = sinks.mail_texts()
            check("the overdue milestone reaches the SMTP sink", any("阶段节点" in m or "节点" in m for m in mails) and any(f"/tasks/{TASK}" in m for m in mails),
                  [m[:120] for m in mails])
    check("the outbox shows the messages sent", office.locator("table.outbox tr.outbox-sent").count() >= 1)
    shot(office, "deliveries")

    # … reports progress with an evidence file and the milestone done, and submits.
    rep.goto(base + f"/tasks/{TASK}")
    form = rep.locator("form.progress-form")
    if form.count() and not already:
        rep.select_option("form.progress-form select[name=status]", "behind")
        rep.check("form.progress-form input[name=confidence][value=medium_low]")
        rep.fill("form.progress-form textarea[name=narrative]", "支持政策清单已起草，正在征求省直部门意见；用地指标需省里协调。")
        if rep.locator("form.progress-form input[name=milestone][value='1']").count():
            rep.check("form.progress-form input[name=milestone][value='1']")
        rep.set_input_files("form.progress-form input[name=evidence]", files=[{"name": "会议纪要.pdf", "mimeType": "application/pdf", "buffer": MONTH_PDF}])
        submit(rep, "form.progress-form button[name=action][value=submit]")
        message = rep.locator("p.form-message[role=status]")
        check("the report is submitted", message.count() == 1 and "已提交审核" in message.inner_text())
        check("the month's report is in: no form, a note", rep.locator("form.progress-form").count() == 0 and "进展已报告" in rep.locator("p.reported").inner_text())
    report = rep.locator("article.progress-report").first
    check("the report shows its evidence file", report.count() == 1 and report.locator("p.evidence a", has_text="会议纪要.pdf").count() == 1)
    check("the standing shows Jinan's judgement", "把握不大" in rep.locator("table.standing").inner_text())
    shot(rep, f"task-{TASK}")
    # A file of the wrong type is refused with a clear message and changes nothing.
    rep_token = api("POST", "/api/v1/session", {"username": REPORTER[0], "password": REPORTER[1]})[1]["token"]
    status, detail = api("GET", f"/api/v1/tasks/{TASK}", token=rep_token)
    mine = [r for r in (detail or {}).get("reports", []) if r.get("unit") == "370100"]
    month = mine[0]["period"] if mine else "2026-12"
    request = urllib.request.Request(base + f"/api/v1/tasks/{TASK}/progress/370100/{month}/evidence?filename=run.exe", method="POST", data=b"MZ\x90\x00")
    request.add_header("Authorization", f"Bearer {rep_token}")
    try:
        urllib.request.urlopen(request, timeout=30)
        refused, problem = None, {}
    except urllib.error.HTTPError as error:
        refused, problem = error.code, json.loads(error.read() or b"{}")
    check("an .exe is refused as invalid, saying which types are accepted", refused == 422 and "pdf" in json.dumps(problem, ensure_ascii=False), (refused, problem))
    status, after = api("GET", f"/api/v1/tasks/{TASK}", token=rep_token)
    count = lambda d: sum(len(r.get("evidence", [])) for r in (d or {}).get("reports", []))
    check("the refused file left the report as it was", count(after) == count(detail) and count(after) >= 1)

    # The milestone is done: the alert has gone.
    rep.goto(base + "/inbox")
    check("the milestone's alert is gone once reported done", rep.locator(f"input[name=key][value='{key}']").count() == 0)

    # Jinan's reviewer downloads the evidence and approves.
    rev.goto(base + f"/tasks/{TASK}")
    link = rev.locator("article.progress-report p.evidence a").first
    with rev.expect_download() as info:
        link.click()
    data = open(info.value.path(), "rb").read()
    check("the reviewer downloads the evidence byte for byte", data == MONTH_PDF, len(data))
    check("the download keeps its Chinese name", info.value.suggested_filename == "会议纪要.pdf", info.value.suggested_filename)
    if rev.locator("form.review button[value=approve]").count():
        submit(rev, "form.review button[value=approve]")
        check("the reviewer approves", "已审核通过" in rev.locator("p.form-message[role=status]").inner_text())
    check("the report reads approved", "已审核通过" in rev.locator("article.progress-report .workflow").first.inner_text())

    # Anyone sees the status; the narrative and evidence only with a login.
    anon = browser.new_context(locale="zh-CN").new_page()
    anon.goto(base + f"/tasks/{TASK}")
    check("the public task page shows Jinan's status", "滞后" in anon.locator("table.standing").inner_text())
    check("the public task page hides the narrative", "用地指标" not in anon.content())

    # The API and the export read the same list.
    status, tasks = api("GET", "/api/v1/tasks?year=2026")
    check("the API lists the 8 tasks", status == 200 and len(tasks or []) == 8)
    status, xlsx = api("GET", "/tasks.xlsx?year=2026", raw=True)
    names = zipfile.ZipFile(io.BytesIO(xlsx)).namelist() if status == 200 and xlsx[:2] == b"PK" else []
    check("the export is an XLSX workbook", "xl/workbook.xml" in names)
    status, audit = api("GET", "/api/v1/audit?action=progress.", token=token)
    actions = [e.get("action") for e in (audit or {}).get("items", audit if isinstance(audit, list) else [])] if status == 200 else []
    check("the audit log records the report's steps", {"progress.save", "progress.submit", "progress.approve"} <= set(actions), actions[:6])

    # The office issues a supervision order about the task to Jinan.
    office.goto(base + f"/tasks/{TASK}")
    office.click(f"a.button[href='/orders/new?subject=task:{TASK}']")
    office.wait_for_load_state()
    check("the order form starts from the task", office.input_value("input[name=subject]") == f"task:{TASK}")
    office.select_option("form.order-new select[name=unit]", "370100")
    office.fill("form.order-new textarea[name=matter]", "支柱产业支持政策清单进度滞后")
    office.fill("form.order-new textarea[name=requirement]", "十日内报送推进措施和时间表")
    office.check("form.order-new input[name=level][value=key]")
    submit(office, "form.order-new button[type=submit]")
    issued = office.locator("p.form-message[role=status]")
    check("the order is issued", issued.count() == 1 and "督办单已下发" in issued.inner_text())
    order_url = office.url.split("?")[0]
    order_id = order_url.rsplit("/", 1)[-1]
    check("it has a number of its year", office.locator("h1").inner_text().startswith("督办〔"), office.locator("h1").inner_text())
    shot(office, "order-issued")

    # Jinan signs for it in the inbox's unit, then answers with a file.
    rep.goto(base + "/orders")
    row = rep.locator(f"table.orders a[href='/orders/{order_id}']")
    check("the order is in Jinan's ledger", row.count() == 1)
    rep.goto(order_url)
    submit(rep, "button[name=action][value=sign]")
    check("Jinan signs for it", "已签收" in rep.locator("p.form-message[role=status]").inner_text())
    rep.fill("form.order-answer textarea[name=text]", "已召开专题会，支持政策清单12月15日前印发。")
    rep.set_input_files("form.order-answer input[name=evidence]", files=[{"name": "推进措施.pdf", "mimeType": "application/pdf", "buffer": MONTH_PDF}])
    submit(rep, "form.order-answer button[name=action][value=answer]")
    check("Jinan's answer waits for acceptance", "等待销号" in rep.locator("p.form-message[role=status]").inner_text())
    check("the answer keeps its evidence", rep.locator("ol.order-history p.evidence a", has_text="推进措施.pdf").count() == 1)

    # The office sends it back with a reason; Jinan answers again; the office closes it.
    office.goto(order_url)
    office.fill("form.order-decide textarea[name=text]", "请明确印发时间节点的责任人")
    submit(office, "form.order-decide button[name=action][value=return]")
    check("the office sends it back", "已退回重办" in office.locator("p.form-message[role=status]").inner_text())
    rep.goto(order_url)
    rep.fill("form.order-answer textarea[name=text]", "已明确由市发展改革委牵头，12月15日前印发。")
    submit(rep, "form.order-answer button[name=action][value=answer]")
    office.goto(order_url)
    submit(office, "form.order-decide button[name=action][value=close]")
    check("the office closes the order", "已销号" in office.locator("p.form-message[role=status]").inner_text())
    steps = [t.strip() for t in office.locator("ol.order-history li > b").all_inner_texts()]
    check("the history holds every step", steps == ["下发", "签收", "答复", "退回", "答复", "销号"], steps)
    shot(office, "order-closed")
    office.goto(base + "/orders?show=closed")
    check("the ledger lists it closed", office.locator(f"table.orders a[href='/orders/{order_id}']").count() == 1)
    shot(office, "orders-ledger")
    status, ledger = api("GET", "/orders.xlsx?show=closed", token=token, raw=True)
    check("the ledger exports as XLSX", status == 200 and ledger[:2] == b"PK")
    # A stocktake: the pack, a decision that becomes an order, the PDF.
    office.goto(base + "/stocktakes")
    day = office.input_value("form.stocktake-new input[name=date]")
    stocktake = f"{day}-province"
    submit(office, "form.stocktake-new button[type=submit]")
    if office.locator("p.form-error").count():
        print("note: the stocktake was opened by an earlier run")
        office.goto(base + f"/stocktakes/{stocktake}")
    check("the stocktake's pack opens", office.url.endswith(f"/stocktakes/{stocktake}") and "偏离进度的目标" in office.locator("main").inner_text(), office.url)
    check("the pack lists the open orders", office.locator("section.pack h2", has_text="未办结的督办单").count() == 1)
    office.fill("form.stocktake-decide textarea[name=text]", "济南市一周内报送支柱产业政策清单出台计划")
    office.select_option("form.stocktake-decide select[name=kind]", "order")
    office.select_option("form.stocktake-decide select[name=unit]", "370100")
    submit(office, "form.stocktake-decide button[type=submit]")
    check("the decision is recorded", "已记录议定事项" in office.locator("p.form-message[role=status]").inner_text())
    decided = office.locator("section.pack", has_text="本次议定事项").locator("a[href^='/orders/']").last
    check("the decision became a supervision order", decided.count() == 1)
    decision_order = (decided.get_attribute("href") or "") if decided.count() else ""
    shot(office, "stocktake")
    with office.expect_download() as info:
        office.click(f"a.button[href='/stocktakes/{stocktake}/pdf']")
    pdf = open(info.value.path(), "rb").read()
    check("the stocktake downloads as a PDF", pdf[:4] == b"%PDF" and len(pdf) > 10000, len(pdf))
    os.makedirs(shots, exist_ok=True)
    open(os.path.join(shots, "stocktake.pdf"), "wb").write(pdf)
    if decision_order:
        office.goto(base + decision_order)
        check("the order names the stocktake it came from", office.locator(f"a[href='/stocktakes/{stocktake}']").count() == 1)
        rep.goto(base + decision_order)
        check("Jinan can answer the stocktake's order", rep.locator("form.order-answer").count() == 1)
    status, audit = api("GET", "/api/v1/audit?action=order.", token=token)
    actions = [e.get("action") for e in (audit or {}).get("items", [])] if status == 200 else []
    check("the audit log records the order's steps", {"order.issue", "order.sign", "order.answer", "order.return", "order.close"} <= set(actions), actions[:6])
    # Reporting diligence: month by month on the unit's page, every unit for the year, the same
    # numbers in the API and the workbook, and poor reporters on the stocktake.
    office.goto(base + f"/stocktakes/{stocktake}")
    check("the pack has its poor reporters' section", office.locator("section.pack h2", has_text="报送质量较差的单位").count() == 1)
    this_month = day[:7]
    rep.goto(base + "/units/370100")
    months = rep.locator("section#diligence table.diligence tbody tr")
    check("Jinan's page shows twelve months of diligence, this month first",
          months.count() == 12 and months.first.locator("td").first.inner_text() == this_month, months.count())
    year = day[:4]
    office.goto(base + f"/diligence?year={year}")
    row = office.locator("table.diligence tbody tr", has=office.locator("a[href='/units/370100#diligence']"))
    check("the year's table lists Jinan", row.count() == 1)
    status, table = api("GET", f"/api/v1/diligence?year={year}", token=token)
    jinan = next((u for u in (table or {}).get("units", []) if u.get("unit") == "370100"), None) if status == 200 else None
    shown = row.locator("td").nth(1).inner_text() if row.count() else ""
    check("the API gives Jinan the score the page shows", jinan is not None and jinan.get("due", 0) >= 1
          and jinan.get("score") is not None and f"{jinan['score']:.1f}" == shown, (jinan, shown))
    with office.expect_download() as info:
        office.click(f"a[href='/diligence.xlsx?year={year}']")
    workbook = open(info.value.path(), "rb").read()
    check("the table exports as XLSX", workbook[:2] == b"PK" and len(workbook) > 1000, len(workbook))
    shot(office, "diligence")


with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox"])
    try:
        run(browser)
    except Exception as error:  # a crash is a failure, with its trace
        import traceback
        traceback.print_exc()
        check("the run completes", False, repr(error))
    browser.close()
check.finish()
