"""Every page as readers meet it, in a real headless Chromium: at desktop width and at a phone's
390 px in both languages nothing scrolls sideways; axe-core finds no serious or critical
violation on any page in either language (public pages, and the reporting pages as a logged-in
administrator sees them, the responsibility list, a task and the alert inbox after
e2e_supervision.py has imported the list); the overview prints on at most two A4 pages with its footer; and
screenshots of the overview, a target page and the entry form at both widths.
With a fourth argument `assessment`, only the assessment's pages (the server where
e2e_assessment.py ran on the synthetic workload): the round, a score sheet, a what-if and the
confirmed pool without a login, the index and the scheme logged in.
Usage: e2e_views.py BASE_URL SCREENSHOT_DIR ADMIN_PASSWORD [assessment]. Exits non-zero on any failure."""
import datetime, os, re, sys
from playwright.sync_api import sync_playwright
from checks import Checks
from axe_playwright_python.sync_playwright import Axe

base, shots, admin_password = sys.argv[1].rstrip("/"), sys.argv[2], sys.argv[3]
only_assessment = sys.argv[4:5] == ["assessment"]
check = Checks("e2e-views")
os.makedirs(shots, exist_ok=True)

# The project e2e_projects.py declared, reported on and adjusted.
PROJECT = "2026-370102-44-01-000001"
# The latest round e2e_assessment.py published (and its scheme), read from the public API.
import json, urllib.request
with urllib.request.urlopen(sys.argv[1].rstrip("/") + "/api/v1/assessment/rounds", timeout=30) as _r:
    _rounds = json.load(_r)
ASSESSMENT_ROUND = f"/assessment/rounds/{_rounds[0]['id']}" if _rounds else "/assessment"
ASSESSMENT_SHEET = f"{ASSESSMENT_ROUND}/units/370100" if _rounds else "/assessment"
ASSESSMENT_SCHEME = f"/assessment/schemes/{_rounds[0]['scheme']}" if _rounds else "/assessment"
ASSESSMENT_POOL = f"{ASSESSMENT_ROUND}/pools/funds" if _rounds else "/assessment"
ASSESSMENT_PUBLIC = [ASSESSMENT_ROUND, ASSESSMENT_SHEET, ASSESSMENT_ROUND + "/what-if?veto=0", ASSESSMENT_POOL] if _rounds else []
PUBLIC = ["/", "/targets", "/targets?status=not_assessable&reason=no_data", "/targets?sort=progress", "/targets/A003-1", "/targets/A049-1",
          "/targets/C05-2", "/plan", "/chapters/5", "/articles/70", "/indicators", "/indicators/gdp", "/regions/370000", "/regions/370100",
          "/cities", "/cities?indicator=gdp", "/search?q=PM2.5", "/login", "/tasks", "/tasks/2026-5",
          "/policies", "/policies/1", "/projects", f"/projects/{PROJECT}", "/projects/rollup?by=sector", "/projects/problems",
          "/articles/37/delivery", f"/projects/feeds/key_project_investment/370000/{PROJECT[:4]}"] + ASSESSMENT_PUBLIC
LOGGED_IN = ["/units/370000", "/units/370100", "/units/370100/periods/2025", "/units/370100/import", "/review", "/audit", "/me",
             "/tasks/import", "/tasks/new", "/tasks/2026-5", "/tasks/2026-5/edit", "/inbox",
             "/orders?show=all", "/orders/new", "/orders/2026-1", "/policies/import", "/policies/new", "/policies/3/edit", "/deliveries",
             "/stocktakes", "/diligence", "/diligence?year=2026", "/assessment", ASSESSMENT_SCHEME,
             "/projects/desk", f"/projects/declare?year={PROJECT[:4]}", f"/projects/windows/{PROJECT[:4]}/import", "/projects/reports/import",
             # the stocktake the supervision checks open today (China Standard Time)
             f"/stocktakes/{datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8))).date()}-province"]
if only_assessment:
    PUBLIC, LOGGED_IN = ASSESSMENT_PUBLIC, ["/assessment", ASSESSMENT_SCHEME]
WIDTHS = {"desktop": 1280, "phone": 390}
SHOTS = {"/": "overview", "/targets/A003-1": "target-A003-1", "/units/370100/periods/2025": "entry-form", "/inbox": "inbox"}


def with_lang(path, lang):
    return path + ("&" if "?" in path else "?") + f"lang={lang}"


def sideways(page):
    """How many pixels the page is wider than its viewport (0 when nothing scrolls sideways)."""
    return page.evaluate("Math.max(document.documentElement.scrollWidth, document.body.scrollWidth) - window.innerWidth")


def login(page):
    page.goto(base + "/login")
    page.fill("input[name=username]", "admin")
    page.fill("input[name=password]", admin_password)
    with page.expect_navigation():
        page.click("form.login button[type=submit]")


with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox"])
    axe = Axe()
    for width_name, width in WIDTHS.items():
        for logged_in in (False, True):
            context = browser.new_context(locale="zh-CN", viewport={"width": width, "height": 900 if width > 600 else 844})
            page = context.new_page()
            page.set_default_timeout(20000)
            if logged_in:
                login(page)
            for path in LOGGED_IN if logged_in else PUBLIC:
                for lang in ("zh", "en"):
                    response = page.goto(base + with_lang(path, lang))
                    where = f"{path} ({lang}, {width_name})"
                    check(f"{where} loads", response is not None and response.status == 200, response.status if response else "")
                    over = sideways(page)
                    check(f"{where}: nothing scrolls sideways", over <= 0, f"{over} px too wide")
                    if width_name == "desktop" and lang == "en":
                        stray = page.evaluate("""() => { const body = document.body.cloneNode(true);
                            body.querySelectorAll('[lang^=zh], .user-text, script, style').forEach(e => e.remove());
                            return (body.innerText.match(/[\\u3000-\\u303f\\uff01-\\uff1f\\u4e00-\\u9fff]/g) || []).join(''); }""")
                        # What users typed (comments, reasons, names) is theirs, in whatever language they wrote.
                        check(f"{where}: no Chinese text or full-width punctuation outside passages marked lang=zh", not stray, stray[:80])
                    if width_name == "desktop":
                        result = axe.run(page).response
                        bad = [v for v in result["violations"] if v["impact"] in ("serious", "critical")]
                        check(f"{where}: axe-core finds no serious or critical violation", not bad,
                              "; ".join(f"{v['id']} ({v['impact']}): {len(v['nodes'])} nodes" for v in bad))
                    if lang == "zh" and path in SHOTS:
                        page.screenshot(path=f"{shots}/{SHOTS[path]}-{width_name}.png", full_page=True)
            if width_name == "phone" and not logged_in and not only_assessment:
                page.goto(base + "/?lang=zh")
                header = page.evaluate("document.querySelector('header.site').getBoundingClientRect().height")
                check("phone: the header is one line (under 64 px)", header < 64, f"{header} px")
                check("phone: the navigation sits behind a disclosure", page.locator("details.menu summary").is_visible()
                      and not page.locator("nav.wide").is_visible())
                page.click("details.menu summary")
                check("phone: the menu opens without JavaScript and links to the target list",
                      page.locator("details.menu nav a[href='/targets']").is_visible())
            context.close()

    if only_assessment:
        browser.close()
        check.finish()
    # Keyboard: the first Tab reaches the skip link, which leads to the content.
    context = browser.new_context(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.goto(base + "/")
    page.keyboard.press("Tab")
    check("the first Tab reaches the skip link", page.evaluate("document.activeElement.className") == "skip-link")
    page.keyboard.press("Enter")
    check("the skip link moves to the content", page.evaluate("location.hash") == "#main")

    # English pages: units, titles and the language of Chinese passages.
    page.goto(base + "/articles/70?lang=en")
    check("English article: the English title with the Chinese one beside it", page.locator("p.original-title span[lang=zh-CN]").count() == 1
          and not re.search(r"[\u4e00-\u9fff]", page.inner_text("h1")))
    check("English article: the Chinese text is marked lang=zh-CN", page.locator("div.article-text[lang=zh-CN]").count() == 1)
    page.goto(base + "/plan?lang=en")
    check("English plan outline: chapter titles in English", not re.search(r"[\u4e00-\u9fff]", page.inner_text("section.chapter h2 >> nth=1")))
    page.goto(base + "/targets/A003-1?lang=en")
    check("English target page opens with a plain sentence", len(page.inner_text("p.lead")) > 10)

    # Print: the overview on at most two A4 pages, with a footer naming the address, data version and day.
    page.goto(base + "/?lang=zh")
    page.emulate_media(media="print")
    footer = page.inner_text("footer.site .print-only")
    check("print: the footer names the address, the data version and the day",
          "打印自" in footer and "数据版本" in footer and re.search(r"\d{4}-\d{2}-\d{2}", footer) is not None, footer)
    check("print: the navigation is not printed", not page.locator("header.site nav.wide").is_visible())
    pdf = page.pdf(format="A4", print_background=True, prefer_css_page_size=True)
    with open(f"{shots}/overview-print.pdf", "wb") as f:
        f.write(pdf)
    pages = len(re.findall(rb"/Type\s*/Page(?![s\w])", pdf))
    check(f"print: the overview fits on at most two A4 pages ({pages})", 1 <= pages <= 2, f"{pages} pages")
    context.close()
    browser.close()

check.finish()
