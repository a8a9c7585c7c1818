"""``iwo-tm serve``: the review page, driven as a reviewer drives it. The real command is
started on a free port; the page is read and its forms are posted over HTTP, and clicked
through in a real browser (Debian's Chromium, by Selenium) where they are installed. After
every click the files are read back: the glossary, the memory (valid TMX against the DTD),
the decisions, the dismissed findings."""

import csv
import re
import shutil
import subprocess
import sys
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

import pytest
from conftest import aligned_project, run_cli

from iwo_tm.align.review import read_decisions, read_review
from iwo_tm.check.consistency import read_glossary
from iwo_tm.formats.tmx import Prop, read_tmx, validate


@pytest.fixture(scope="module")
def aligned(tmp_path_factory) -> Path:
    return aligned_project(tmp_path_factory, "serve-base")


@pytest.fixture
def site(aligned: Path, tmp_path: Path):
    """A copy of the aligned project and the real ``iwo-tm serve`` on it: (folder, address)."""
    project = tmp_path / "p"
    shutil.copytree(aligned, project)
    exe = shutil.which("iwo-tm") or str(Path(sys.executable).parent / "iwo-tm")
    proc = subprocess.Popen([exe, "serve", "--no-browser"], cwd=project, text=True,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)  # fmt: skip
    line = proc.stdout.readline()
    m = re.search(r"http://127\.0\.0\.1:\d+/", line)
    assert m, line + proc.stderr.read() if proc.poll() is not None else line
    yield project, m[0]
    proc.terminate()
    proc.wait(timeout=10)


class _NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):  # noqa: ANN002, ANN003, ANN201
        return None


def get(url: str, headers: dict | None = None) -> str:
    with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {})) as r:
        return r.read().decode("utf-8")


def post(url: str, action: str, fields: dict, headers: dict | None = None) -> str:
    """Post a form as the page does; returns the page the redirect leads to (its message)."""
    data = urllib.parse.urlencode(fields).encode()
    req = urllib.request.Request(url + action, data=data, headers=headers or {})
    opener = urllib.request.build_opener(_NoRedirect)
    try:
        opener.open(req)
    except urllib.error.HTTPError as exc:
        if exc.code != 303:
            raise
        return get(url + exc.headers["Location"].lstrip("/"))
    raise AssertionError("no redirect")


def token(page: str) -> str:
    return re.search(r'name="token" value="([^"]+)"', page)[1]


def message(page: str) -> str:
    m = re.search(r'<p class="(msg|err)" id="message">([^<]*)</p>', page)
    return f"{m[1]}: {m[2]}" if m else ""


def memory_ok(project: Path) -> list:
    assert validate(project / "tmx" / "corpus.tmx") == []  # the DTD, by lxml
    return read_tmx(project / "tmx" / "corpus.tmx")[1]


def test_the_page_lists_findings_and_held_units(site) -> None:  # noqa: ANN001
    project, url = site
    page = get(url)
    assert 'data-key="régimen fujimorista"' in page and "Fujimori regime" in page
    assert page.count('class="held"') == len(read_review(project / "tmx" / "review.tsv"))


def test_prefer_fix_and_dismiss_over_http(site) -> None:  # noqa: ANN001
    project, url = site
    page = get(url)
    t = token(page)
    # prefer a rendering: the glossary has it, and check obeys it
    done = post(url, "prefer", {"token": t, "spanish": "régimen fujimorista",
                                "english": "Fujimorista regime"})  # fmt: skip
    assert message(done).startswith("msg: “Fujimorista regime” is now the preferred")
    assert read_glossary(project / "glossary.csv") == [
        ("régimen fujimorista", "Fujimorista regime")
    ]
    res = run_cli("check", "--glossary", "glossary.csv", cwd=project)
    assert res.returncode == 0 and "glossary" in res.stdout
    # suggest drafts with it (glossary.csv is read when present)
    (project / "nuevo.md").write_text(
        "---\nlang: es\n---\n\nLos obreros luchan contra el régimen fujimorista en Puno.\n"
    )
    res = run_cli("suggest", "nuevo.md", "-o", "nuevo.po", cwd=project)
    assert res.returncode == 0, res.stderr
    assert "glossary glossary.csv: 1 terms" in res.stdout
    assert "Fujimorista regime" in (project / "nuevo.po").read_text()
    # fix a unit's English: the memory changes at once, with its history, and stays valid
    units = memory_ok(project)
    unit = next(u for u in units if "Fujimori regime" in (u.text("en") or ""))
    new = unit.text("en").replace("Fujimori regime", "Fujimorista regime")
    done = post(url, "fix", {"token": t, "tuid": unit.tuid, "seen": unit.text("en"),
                             "memory": "corpus.tmx", "english": new})  # fmt: skip
    assert message(done) == f"msg: unit {unit.tuid} corrected"
    fixed = next(u for u in memory_ok(project) if u.tuid == unit.tuid)
    assert fixed.text("en") == new
    assert any(k == Prop.HISTORY and "was " + unit.text("en") in v for k, v in fixed.props)
    # a second tab that still shows the old English cannot overwrite the correction
    done = post(url, "fix", {"token": t, "tuid": unit.tuid, "seen": unit.text("en"),
                             "memory": "corpus.tmx", "english": "Something else"})  # fmt: skip
    assert message(done).startswith("err: ") and "changed meanwhile" in message(done)
    assert next(u for u in memory_ok(project) if u.tuid == unit.tuid).text("en") == new
    # an empty rendering is refused, nothing written
    done = post(url, "fix", {"token": t, "tuid": unit.tuid, "seen": new,
                             "memory": "corpus.tmx", "english": "  "})  # fmt: skip
    assert "the English is empty" in message(done)
    done = post(url, "prefer", {"token": t, "spanish": "doble poder", "english": ""})
    assert message(done).startswith("err: ")
    # the correction survives aligning again
    assert run_cli("align", "--mt", "no", "-q", cwd=project).returncode == 0
    again = next(u for u in memory_ok(project) if u.text("es") == unit.text("es"))
    assert again.text("en") == new
    # not a divergence: remembered, and the finding is gone from the page and from check
    page = get(url)
    form = re.search(
        r'data-key="doble poder">.*?name="check" value="([^"]+)">.*?name="print" value="([^"]+)"',
        page,
    )
    done = post(url, "dismiss", {"token": token(page), "check": form[1], "key": "doble poder",
                                 "print": form[2]})  # fmt: skip
    assert message(done).startswith("msg: “doble poder” will not be reported again")
    assert 'data-key="doble poder"' not in done
    with (project / "tmx" / "dismissed.tsv").open(encoding="utf-8-sig") as fh:
        rows = list(csv.reader(fh, delimiter="\t"))
    assert rows[1][:2] == ["terms", "doble poder"]
    res = run_cli("check", "--show", "100", cwd=project)
    assert "doble poder" not in res.stdout and "dismissed before" in res.stdout


def test_held_units_are_accepted_and_rejected_as_accept_does(site) -> None:  # noqa: ANN001
    project, url = site
    held = read_review(project / "tmx" / "review.tsv")
    assert len(held) >= 2
    t = token(get(url))
    first, second = held[0], held[1]
    done = post(url, "decide", {"token": t, "tuid": first.tuid, "decision": "accept",
                                "english": first.target + " (checked)"})  # fmt: skip
    assert message(done).startswith(f"msg: {first.tuid} accepted")
    units = memory_ok(project)
    assert any(u.tuid == first.tuid and u.text("en").endswith("(checked)") for u in units)
    done = post(url, "decide", {"token": t, "tuid": second.tuid, "decision": "reject"})
    assert message(done).startswith(f"msg: {second.tuid} rejected")
    left = {i.tuid for i in read_review(project / "tmx" / "review.tsv")}
    assert first.tuid not in left and second.tuid not in left
    decisions = read_decisions(project / "tmx" / "decisions.tsv")
    assert sorted(d for d, _ in decisions.values()) == ["accept", "reject"]
    # the same click again: the unit is no longer held, one clear line
    done = post(url, "decide", {"token": t, "tuid": first.tuid, "decision": "accept"})
    assert "no longer held for review" in message(done)


def test_forged_requests_are_refused(site) -> None:  # noqa: ANN001
    project, url = site
    before = {p: p.read_bytes() for p in (project / "tmx").glob("*")}
    # no token (a form on another web page): nothing written
    done = post(url, "prefer", {"spanish": "a", "english": "b"})
    assert "reload it" in message(done)
    assert not (project / "glossary.csv").exists()
    # another host name pointed at this machine (DNS rebinding)
    with pytest.raises(urllib.error.HTTPError) as err:
        get(url, {"Host": "evil.example:80"})
    assert err.value.code == 403
    with pytest.raises(urllib.error.HTTPError) as err:
        post(url, "prefer", {"token": token(get(url)), "spanish": "a", "english": "b"},
             {"Origin": "http://evil.example"})  # fmt: skip
    assert err.value.code == 403
    assert {p: p.read_bytes() for p in (project / "tmx").glob("*")} == before


def _browser():
    """Headless Chromium driven by Selenium, or a skip saying what is missing."""
    webdriver = pytest.importorskip("selenium.webdriver", reason="selenium not installed")
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    driver = shutil.which("chromedriver")
    if not chromium or not driver:
        pytest.skip("Chromium or its driver not installed (Debian: chromium chromium-driver)")
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for arg in ("--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu"):
        options.add_argument(arg)
    return webdriver.Chrome(service=Service(driver), options=options)


def _click(browser, find) -> str:  # noqa: ANN001
    """Click the form button ``find()`` returns, wait for the page it leads to, and return its
    message. The button is looked up right before the click, again if the page was still
    settling (Chromium then says the node "does not belong to the document")."""
    from selenium.common.exceptions import StaleElementReferenceException, WebDriverException
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support import expected_conditions
    from selenium.webdriver.support.ui import WebDriverWait

    WebDriverWait(browser, 30).until(
        lambda b: b.execute_script("return document.readyState") == "complete"
    )
    for attempt in range(3):
        old = browser.find_element(By.TAG_NAME, "html")
        try:
            find().click()
            break
        except (StaleElementReferenceException, WebDriverException) as e:
            if attempt == 2 or "document" not in str(e) and "stale" not in str(e).lower():
                raise
    WebDriverWait(browser, 30).until(expected_conditions.staleness_of(old))
    return browser.find_element(By.ID, "message").text


def test_a_reviewer_clicks_through_the_page_in_a_real_browser(site) -> None:  # noqa: ANN001
    project, url = site
    browser = _browser()
    from selenium.webdriver.common.by import By

    try:
        browser.get(url)
        # the name goes into the history of what the reviewer changes
        browser.find_element(By.NAME, "reviewer").send_keys("Ana")
        button = (By.XPATH, "//input[@name='reviewer']/../button")
        assert "your name: Ana" in _click(browser, lambda: browser.find_element(*button))
        # prefer
        prefer = (
            '.finding[data-key="hermanos de clase"] .variant[data-variant="class brothers"] '
            "form.prefer button"
        )
        done = _click(browser, lambda: browser.find_element(By.CSS_SELECTOR, prefer))
        assert "is now the preferred English" in done
        assert ("hermanos de clase", "class brothers") in read_glossary(project / "glossary.csv")
        # fix: the English of the unit that says class siblings
        unit = browser.find_element(
            By.XPATH, "//div[@class='variant'][@data-variant='class siblings']//div[@data-tuid]"
        )
        tuid = unit.get_attribute("data-tuid")
        box = unit.find_element(By.TAG_NAME, "textarea")
        corrected = box.get_attribute("value").replace("class siblings", "class brothers")
        box.clear()
        box.send_keys(corrected)
        done = _click(browser, lambda: unit.find_element(By.CSS_SELECTOR, "form.fix button"))
        assert f"unit {tuid} corrected" in done
        fixed = next(u for u in memory_ok(project) if u.tuid == tuid)
        assert fixed.text("en") == corrected
        assert any(k == Prop.HISTORY and " Ana: was " in v for k, v in fixed.props)
        # not a divergence
        dismiss = '.finding[data-key="primera línea"] form.dismiss button'
        done = _click(browser, lambda: browser.find_element(By.CSS_SELECTOR, dismiss))
        assert "will not be reported again" in done
        assert not browser.find_elements(By.CSS_SELECTOR, '.finding[data-key="primera línea"]')
        # accept a held unit
        row = browser.find_element(By.CSS_SELECTOR, "tr.held")
        held = row.get_attribute("data-tuid")
        done = _click(browser, lambda: row.find_element(By.CSS_SELECTOR, 'button[value="accept"]'))
        assert f"{held} accepted" in done
        assert any(u.tuid == held for u in memory_ok(project))
    finally:
        browser.quit()
