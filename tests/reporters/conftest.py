"""Fixtures for the reporter tests: a SARIF validator built from the shared 2.1.0 schema, a
hand-built result for the HTML and text reports, and a headless Chromium to load pages.

The browser is Debian's ``chromium``, driven over the DevTools protocol through a pipe
(``--remote-debugging-pipe``: JSON messages ending in NUL on file descriptors 3 and 4), so the
tests need no WebDriver, no network port and no Python package beyond the standard library.
Outside CI a machine without Chromium skips the browser tests; in CI (``CI`` set) they fail,
because ``.ci/run`` installs Chromium.
"""

from __future__ import annotations

import base64
import contextlib
import json
import os
import shutil
import signal
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from termcheck.model import (
    CheckedFile,
    ConceptInfo,
    Explanation,
    Finding,
    Fix,
    Result,
    RuleInfo,
    Severity,
    Status,
    Summary,
    Use,
)

SCHEMA = Path(__file__).parents[3] / "shared" / "schemas" / "sarif-schema-2.1.0.json"
"""``../shared/schemas/`` relative to the repository root: beside the repository, not in it."""

ValidateSarif = Callable[[str], dict[str, Any]]


@pytest.fixture(scope="session")
def validate_sarif() -> ValidateSarif:
    """Parse a SARIF report and assert it is valid against the shared schema."""
    if not SCHEMA.is_file():
        pytest.skip(f"the SARIF schema {SCHEMA} is not there (it lives beside the repository)")
    import jsonschema

    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    # This copy of the schema keeps the log's own shape under definitions/Root and puts no
    # constraint at the top level: validating against it as it stands accepts anything.
    root = {**schema, "$ref": "#/definitions/Root"}
    validator = jsonschema.Draft7Validator(
        root, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    # A validator that passes everything would make every SARIF test worthless.
    assert not validator.is_valid({"version": "2.0.0", "runs": []})
    assert not validator.is_valid({"version": "2.1.0", "runs": [{"tool": {}}]})
    assert not validator.is_valid({"version": "2.1.0", "runs": [], "extra": 1})

    def validate(text: str) -> dict[str, Any]:
        log: dict[str, Any] = json.loads(text)
        errors = sorted(validator.iter_errors(log), key=lambda e: list(e.absolute_path))
        assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])
        return log

    return validate


# --- a hand-built result for the HTML and text reports ---------------------------------------

HOSTILE = 'The "><img src=x onerror="window.__xss=1"> and <script>window.__xss=2</script> bits.'

FIRST = (
    "Specialized, special and new firms grew.\n"
    f"{HOSTILE}\n"
    "More specialized, refined, distinctive and innovative firms, and SRDI firms.\n"
    "Small giants too.\n"
)
SECOND = "Specialised, refined, distinctive and innovative plants and one little giant.\n"


def _use(text: str, needle: str, concept: str, status: Status | None, rendering: str) -> Use:
    start = text.index(needle)
    line = text.count("\n", 0, start) + 1
    column = start - (text.rfind("\n", 0, start) + 1) + 1
    return Use(concept, status, rendering, needle, line, column, line, column + len(needle),
               start, start + len(needle))


def _finding(path: str, use: Use, rule: str, severity: Severity, expected: str,
             message: str, **extra: Any) -> Finding:
    return Finding(rule=rule, severity=severity, concept=use.concept, source_term="专精特新"
                   if use.concept == "srdi" else "小巨人", path=path, line=use.line,
                   column=use.column, end_line=use.end_line, end_column=use.end_column,
                   text=use.text, expected=expected, message=message, start=use.start,
                   end=use.end, **extra)


def build_result() -> Result:
    """Two documents, three concepts, every status, hostile text in document and glossary."""
    srdi_preferred = "specialized, refined, distinctive and innovative"
    uses_first = (
        _use(FIRST, "Specialized, special and new", "srdi", Status.DEPRECATED,
             "specialized, special and new"),
        _use(FIRST, srdi_preferred, "srdi", Status.PREFERRED, srdi_preferred),
        _use(FIRST, "SRDI", "srdi", Status.ADMITTED, "SRDI"),
        _use(FIRST, "Small giants", "little-giant", Status.DEPRECATED, "small giant"),
    )
    uses_second = (
        _use(SECOND, "Specialised, refined, distinctive and innovative", "srdi", None,
             "specialised, refined, distinctive and innovative"),
        _use(SECOND, "little giant", "little-giant", Status.SUPERSEDED, "little giant"),
    )
    deprecated = uses_first[0]
    findings = (
        _finding("first.md", deprecated, "deprecated-variant", Severity.ERROR,
                 "Specialized, refined, distinctive and innovative",
                 'deprecated rendering of 专精特新 "<b>bold</b>"',
                 fix=Fix(deprecated.start, deprecated.end,
                         "Specialized, refined, distinctive and innovative")),
        _finding("first.md", deprecated, "mixed-renderings", Severity.WARNING, srdi_preferred,
                 "2 renderings of srdi in this document"),
        _finding("first.md", uses_first[3], "deprecated-variant", Severity.ERROR,
                 "Little giants", "deprecated rendering of 小巨人",
                 fix=Fix(uses_first[3].start, uses_first[3].end, "Little giants")),
        _finding("second.txt", uses_second[0], "possible-variant", Severity.WARNING,
                 srdi_preferred, "possible variant of srdi", score=0.97,
                 explanation=Explanation("spelling", "British spelling of specialized")),
        _finding("second.txt", uses_second[1], "superseded-rendering", Severity.WARNING,
                 "little giant firm", "superseded rendering of 小巨人"),
    )
    summary = Summary(
        files_checked=2, files_skipped=0, files_with_errors=0,
        findings_by_severity=(("error", 2), ("warning", 3), ("info", 0)),
        findings_by_rule=(("deprecated-variant", 2), ("mixed-renderings", 1),
                          ("possible-variant", 1), ("superseded-rendering", 1)),
        fixable=2,
    )
    return Result(
        findings=findings,
        summary=summary,
        glossaries=("test<glossary>.yaml",),
        rules=(
            RuleInfo("deprecated-variant", Severity.ERROR, "a deprecated rendering", ""),
            RuleInfo("possible-variant", Severity.WARNING, "an unlisted rendering", ""),
            RuleInfo("mixed-renderings", Severity.WARNING, "several renderings", ""),
        ),
        files=(
            CheckedFile("first.md", "markdown", "en", 3, uses_first, FIRST),
            CheckedFile("second.txt", "text", None, 2, uses_second, SECOND),
        ),
        concepts=(
            ConceptInfo("srdi", "专精特新", srdi_preferred,
                        'Used by MIIT. <img src=x onerror="window.__xss=3">',
                        "https://example.org/srdi?a=1&b=2"),
            ConceptInfo("little-giant", "小巨人", "little giant firm", None,
                        "javascript:window.__xss=4"),
            ConceptInfo("unused", "未用", "unused concept"),
        ),
    )


@pytest.fixture
def sample_result() -> Result:
    return build_result()


# --- the browser -------------------------------------------------------------------------------

BROWSER_FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--disable-extensions", "--mute-audio", "--hide-scrollbars",
)


def chromium_path() -> str | None:
    for name in ("chromium", "chromium-browser", "google-chrome"):
        found = shutil.which(name)
        if found:
            return found
    return None


class Browser:
    """One headless Chromium page, driven over the DevTools protocol through a pipe."""

    def __init__(self, executable: str, profile: str) -> None:
        child_read, self._to_browser = os.pipe()
        self._from_browser, child_write = os.pipe()
        # posix_spawn places the child's ends on 3 and 4 (dup2 clears close-on-exec there);
        # every other descriptor of ours is close-on-exec and stays behind.
        argv = [executable, *BROWSER_FLAGS, f"--user-data-dir={profile}",
                "--remote-debugging-pipe", "--window-size=1280,1000", "about:blank"]
        devnull = os.open(os.devnull, os.O_RDWR)
        try:
            self._pid = os.posix_spawn(executable, argv, os.environ, file_actions=[
                (os.POSIX_SPAWN_DUP2, devnull, 0),
                (os.POSIX_SPAWN_DUP2, devnull, 1),
                (os.POSIX_SPAWN_DUP2, devnull, 2),
                (os.POSIX_SPAWN_DUP2, child_read, 3),
                (os.POSIX_SPAWN_DUP2, child_write, 4),
            ])
        finally:
            os.close(devnull)
            os.close(child_read)
            os.close(child_write)
        self._buffer = b""
        self._next_id = 0
        self.events: list[dict[str, Any]] = []
        target = self.call("Target.createTarget", url="about:blank")["targetId"]
        self._session = self.call("Target.attachToTarget", targetId=target,
                                  flatten=True)["sessionId"]
        self.call("Page.enable", session=True)
        self.call("Runtime.enable", session=True)
        self.call("Emulation.setDeviceMetricsOverride", session=True, width=1280,
                  height=1000, deviceScaleFactor=1, mobile=False)

    def _read_message(self, deadline: float) -> dict[str, Any]:
        while b"\0" not in self._buffer:
            if time.monotonic() > deadline:
                raise TimeoutError("no answer from Chromium")
            chunk = os.read(self._from_browser, 1 << 16)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        data: dict[str, Any] = json.loads(message)
        return data

    def call(self, method: str, session: bool = False, **params: Any) -> dict[str, Any]:
        self._next_id += 1
        message: dict[str, Any] = {"id": self._next_id, "method": method, "params": params}
        if session:
            message["sessionId"] = self._session
        os.write(self._to_browser, json.dumps(message).encode() + b"\0")
        deadline = time.monotonic() + 60
        while True:
            answer = self._read_message(deadline)
            if answer.get("id") == self._next_id:
                if "error" in answer:
                    raise RuntimeError(f"{method}: {answer['error']}")
                result: dict[str, Any] = answer.get("result", {})
                return result
            self.events.append(answer)

    def wait_for(self, event: str, timeout: float = 60) -> None:
        deadline = time.monotonic() + timeout
        while not any(e.get("method") == event for e in self.events):
            self.events.append(self._read_message(deadline))
        self.events = [e for e in self.events if e.get("method") != event]

    def open(self, path: Path) -> None:
        self.events.clear()
        self.call("Page.navigate", session=True, url=path.resolve().as_uri())
        self.wait_for("Page.loadEventFired")

    def evaluate(self, expression: str) -> Any:
        answer = self.call("Runtime.evaluate", session=True, expression=expression,
                           returnByValue=True, awaitPromise=True)
        if "exceptionDetails" in answer:
            raise RuntimeError(f"{expression}: {answer['exceptionDetails']}")
        return answer["result"].get("value")

    def click(self, selector: str) -> None:
        """A real mouse click (pressed and released) at the middle of the element."""
        box = self.evaluate(
            f"(() => {{ const e = document.querySelector({json.dumps(selector)});"
            " e.scrollIntoView({block: 'center'}); const r = e.getBoundingClientRect();"
            " return [r.left + r.width / 2, r.top + r.height / 2]; })()"
        )
        for kind in ("mousePressed", "mouseReleased"):
            self.call("Input.dispatchMouseEvent", session=True, type=kind, x=box[0], y=box[1],
                      button="left", clickCount=1)

    def press(self, key: str) -> None:
        for kind in ("keyDown", "keyUp"):
            self.call("Input.dispatchKeyEvent", session=True, type=kind, key=key, text=key,
                      code=f"Key{key.upper()}")

    def screenshot(self, path: Path, full_page: bool = False) -> None:
        params: dict[str, Any] = {"format": "png"}
        if full_page:
            size = self.call("Page.getLayoutMetrics", session=True)["cssContentSize"]
            params["clip"] = {"x": 0, "y": 0, "width": size["width"],
                              "height": min(size["height"], 12000), "scale": 1}
            params["captureBeyondViewport"] = True
        data = self.call("Page.captureScreenshot", session=True, **params)["data"]
        path.write_bytes(base64.b64decode(data))

    def close(self) -> None:
        with contextlib.suppress(RuntimeError, TimeoutError, OSError):
            self.call("Browser.close")
        deadline = time.monotonic() + 20
        while os.waitpid(self._pid, os.WNOHANG) == (0, 0):
            if time.monotonic() > deadline:
                os.kill(self._pid, signal.SIGKILL)
                os.waitpid(self._pid, 0)
                break
            time.sleep(0.1)
        os.close(self._to_browser)
        os.close(self._from_browser)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = chromium_path()
    if executable is None:
        if os.environ.get("CI"):
            pytest.fail("Chromium is missing in CI: .ci/run must install it (apt-get chromium)")
        pytest.skip("Chromium is not installed (apt-get install chromium); CI runs this test")
    with tempfile.TemporaryDirectory(prefix="termcheck-chromium-") as profile:
        page = Browser(executable, profile)
        try:
            yield page
        finally:
            page.close()
