#!/usr/bin/env python3
"""End-to-end checks of the running server in a real headless Chromium (Debian's chromium,
driven by Playwright through executable_path). Usage: e2e.py BASE_URL SCREENSHOT_DIR
Prints each check, then 'e2e: N passed, N failed'; exits non-zero if any check failed. axe-core, phone widths
and print are checked for every page by e2e_views.py."""
import os, sys
from playwright.sync_api import sync_playwright
from checks import Checks

base, shots = sys.argv[1].rstrip("/"), sys.argv[2]
check = Checks("e2e")
os.makedirs(shots, exist_ok=True)


with sync_playwright() as p:
    browser = p.chromium.launch(executable_path=os.environ.get("CHROMIUM", "/usr/bin/chromium"), args=["--no-sandbox"])
    page = browser.new_page(locale="zh-CN", viewport={"width": 1280, "height": 900})
    page.goto(base + "/")
    check("overview is Chinese", page.locator("html").get_attribute("lang") == "zh-CN")
    check("overview heading renders", "先行区建设进展总览" in page.inner_text("h1"))
    check("status marks are shown", page.locator(".status.status-achieved .mark").count() > 0)
    check("coverage line", "项可评估" in page.inner_text(".coverage"))
    check("overview bar of all targets by status", page.locator(".status-bar a.seg").count() >= 2)
    check("every status count links to the target list", page.locator(".status-counts a[href^='/targets?status=']").count() == 8)
    check("not-assessable targets broken down by what they lack", page.locator("p.reasons a[href*='reason=']").count() >= 1)
    page.screenshot(path=f"{shots}/overview-zh.png", full_page=True)

    page.click(".status-counts a[href='/targets?status=not_assessable']")
    page.wait_for_load_state()
    check("a status count opens the filtered target list", "/targets?status=not_assessable" in page.url and page.locator("table.target-list tbody tr").count() > 100)
    page.select_option("select[name=status]", "achieved")
    page.click("form.filters button[type=submit]")
    page.wait_for_load_state()
    rows = page.locator("table.target-list tbody tr")
    check("the filter form narrows the list to achieved targets",
          "status=achieved" in page.url and rows.count() >= 1 and rows.count() == page.locator("table.target-list .status-achieved").count())
    check("status marks carry a glyph as well as a colour",
          page.evaluate("getComputedStyle(document.querySelector('table.target-list .status-achieved .mark'), '::before').content") == '"✓"')
    page.screenshot(path=f"{shots}/targets-zh.png", full_page=True)

    page.goto(base + "/targets/C05-1")
    check("a 左右 target is drawn as its band", page.locator("svg.series-chart rect.target-band:not(.swatch)").count() == 1)
    legend = page.locator("svg.series-chart g.legend text").all_inner_texts()
    check("the chart legend lists only what is drawn", "趋势预测" not in legend and "规划路径" not in legend)
    page.goto(base + "/targets/A003-1")
    check("target page has the chart SVG", page.locator("svg.series-chart").count() == 1)
    check("chart draws observations", page.locator("svg.series-chart circle.observation").count() >= 2)
    check("the page opens with one plain sentence", "已达标" in page.inner_text("p.lead"))
    check("the method is collapsed under 计算方法", page.locator("details.method:not([open]) summary").inner_text() == "计算方法")
    page.click("details.method summary")
    check("the method shows the numbers when opened", "评估年份" in page.inner_text("details.method"))
    page.screenshot(path=f"{shots}/target-A003-1.png", full_page=True)

    page.click("a.lang-switch")
    page.wait_for_load_state()
    check("language switch goes to English", page.locator("html").get_attribute("lang") == "en")
    check("English stays on the same page", "/targets/A003-1" in page.url and "National key laboratories" in page.inner_text("h1"))
    page.goto(base + "/plan")
    check("English is remembered", page.locator("html").get_attribute("lang") == "en")
    page.click("a.lang-switch")
    page.wait_for_load_state()
    check("switch back to Chinese", page.locator("html").get_attribute("lang") == "zh-CN")

    page.goto(base + "/articles/3")
    check("article marks its target phrases", page.locator("mark.target a[href='/targets/A003-1']").count() == 1)
    page.goto(base + "/cities")
    check("city tile map has 16 tiles", page.locator("svg.tile-map rect").count() == 16)
    page.screenshot(path=f"{shots}/cities.png", full_page=True)
    response = page.goto(base + "/no-such-page")
    check("404 page in Chinese", response.status == 404 and "页面不存在" in page.content())

    browser.close()

check.finish()
