"""report.html's episode views: one per flip, linked from the flips table and the family chart, still one
self-contained file. Checked structurally with an HTML parser, and in a real headless Chromium."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from evals.cli import app
from evals.report.episodes import episode_anchor, family_anchor
from evals.store import ResultStore

runner = CliRunner()
HIGHLIGHT = (0xFF, 0xF3, 0xCD)  # li.iv background: an intervention


class _Page(HTMLParser):
    """Ids, internal links, external references, scripts, and the interventions of each episode view."""

    def __init__(self) -> None:
        super().__init__()
        self.ids: set[str] = set()
        self.links: list[str] = []
        self.external: list[str] = []
        self.scripts = 0
        self.article: str | None = None
        self.arm: str | None = None
        self.interventions: dict[tuple[str, str], list[str]] = {}

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(str(values["id"]))
        for name in ("href", "xlink:href", "src"):
            value = values.get(name) or ""
            if value.startswith("#"):
                self.links.append(value[1:])
            elif value.startswith(("http:", "https:", "//", "file:")):
                self.external.append(value)
        self.scripts += tag == "script"
        classes = (values.get("class") or "").split()
        if tag == "article" and "episode" in classes:
            self.article = values.get("id")
        if tag == "div" and "arm" in classes:
            self.arm = values.get("data-arm")
        if tag == "li" and "iv" in classes and self.article and self.arm:
            self.interventions.setdefault((self.article, self.arm), []).append(str(values.get("data-kind")))

    handle_startendtag = handle_starttag


def _parse(html: str) -> _Page:
    page = _Page()
    page.feed(html)
    page.close()
    return page


def test_every_flip_has_a_linked_episode_view_with_its_interventions(run_dir: Path) -> None:
    report = json.loads((run_dir / "report.json").read_text())
    flips = report["flips"]
    assert flips, "the shared run flips some episodes"
    html = (run_dir / "report.html").read_text()
    page = _parse(html)
    assert page.scripts == 0 and page.external == []
    assert set(page.links) <= page.ids, "every internal link lands on an element of the page"
    with ResultStore.in_dir(run_dir) as store:
        run_id = report["meta"]["run_id"]
        for flip in flips:
            anchor = episode_anchor(flip["task_id"], flip["trial"])
            assert anchor in page.ids and anchor in page.links  # the flips table links to it
            assert family_anchor(flip["family"]) in page.links  # so does the family chart
            guarded = store.trajectory(run_id, flip["task_id"], "guarded", flip["trial"])
            assert guarded is not None
            kinds = [i.kind for i in guarded.interventions()]
            assert page.interventions.get((anchor, "guarded"), []) == kinds
            assert (anchor, "raw") not in page.interventions
            for item in guarded.interventions():
                if item.kind == "reference_resolved":
                    assert f'&rarr; <span class="after">{item.after}</span>' in html


def test_episodes_on_request_are_added_to_the_report(run_dir: Path) -> None:
    report = json.loads((run_dir / "report.json").read_text())
    flipped = {f["task_id"] for f in report["flips"]}
    with ResultStore.in_dir(run_dir) as store:
        steady = next(t for t in store.task_ids(report["meta"]["run_id"]) if t not in flipped)
    assert episode_anchor(steady, 0) not in _parse((run_dir / "report.html").read_text()).ids
    result = runner.invoke(app, ["report", str(run_dir), "--episodes", steady])
    assert result.exit_code == 0, result.output
    page = _parse((run_dir / "report.html").read_text())
    assert episode_anchor(steady, 0) in page.ids and set(page.links) <= page.ids
    runner.invoke(app, ["report", str(run_dir)])  # back to the flips only, for the other tests


def _chromium() -> str:
    found = next(
        (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome") if shutil.which(n)), None
    )
    if found is None:
        if os.environ.get("CI"):
            pytest.fail("CI must check report.html in a real browser: `make test` installs chromium")
        pytest.skip("no chromium here; `make test` installs it (apt-get install chromium)")
    return found


def _browser(chromium: str, *args: str) -> subprocess.CompletedProcess[str]:
    command = [chromium, "--headless=new", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)


def test_a_real_browser_renders_the_episode_views_with_interventions_highlighted(
    run_dir: Path, tmp_path: Path
) -> None:
    from matplotlib.image import imread

    chromium = _chromium()
    report = json.loads((run_dir / "report.json").read_text())
    url = (run_dir / "report.html").resolve().as_uri()
    dumped = _browser(chromium, "--virtual-time-budget=3000", "--dump-dom", url)
    assert dumped.returncode == 0, dumped.stderr[-2000:]
    page = _parse(dumped.stdout)  # the DOM the browser built, not the file's text
    for flip in report["flips"]:
        assert episode_anchor(flip["task_id"], flip["trial"]) in page.ids
    assert set(page.links) <= page.ids and page.interventions
    # a page of one episode view, as the browser paints it: the interventions are highlighted
    task = report["flips"][0]["task_id"]
    single = tmp_path / "episode.html"
    shown = runner.invoke(app, ["show", str(run_dir), task, "--html", str(single)])
    assert shown.exit_code == 0, shown.output
    shot = tmp_path / "episode.png"
    painted = _browser(
        chromium,
        "--virtual-time-budget=3000",
        "--window-size=1200,2400",
        f"--screenshot={shot}",
        single.resolve().as_uri(),
    )
    assert painted.returncode == 0 and shot.is_file(), painted.stderr[-2000:]
    pixels = (imread(shot)[..., :3] * 255).round().astype(int)
    highlighted = (pixels == HIGHLIGHT).all(axis=-1).sum()
    assert highlighted > 1000, f"only {highlighted} highlighted pixels"
