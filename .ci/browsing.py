"""The browser steps the end-to-end scripts share: a form submitted and its next page waited for,
a login through the login form, and a full-page screenshot."""


def submit(page, selector):
    """Clicks a submit button and waits for the page the form leads to."""
    with page.expect_navigation():
        page.click(selector)
    page.wait_for_load_state()


def login(base, page, user):
    """Logs `user` (name, password, …) in through the login form."""
    page.goto(base + "/login")
    page.fill("input[name=username]", user[0])
    page.fill("input[name=password]", user[1])
    submit(page, "form.login button[type=submit]")


def shot(shots, page, name):
    """A full-page screenshot as SHOTS/NAME.png."""
    page.screenshot(path=f"{shots}/{name}.png", full_page=True)
