"""The command line in CI and pre-commit: reports, gates, baselines, suppressions, the linter
conventions (issue 11). Every run goes through ``run_cli``, which asserts the exit code."""

from __future__ import annotations

import json
import os
import shutil
import stat
import subprocess
from pathlib import Path

import pytest

from termcheck.errors import ExitCode

GLOSSARY = Path(__file__).parent / "data" / "glossaries" / "golden.yaml"
SEED = Path(__file__).parents[2] / "shared" / "seed" / "little-giants-2023-08-07.txt"
CLEAN = "The specialized, refined, distinctive and innovative firms grew.\n"
VARIANT = "The specialized, special and new firms grew.\n"
WARNING_ONLY = (
    "The specialized, refined, distinctive and innovative firms grew.\n"
    "Specialized and sophisticated firms hired.\n"
)


@pytest.fixture
def article(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)

    def write(text: str, name: str = "article.txt") -> str:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return name

    return write


def check(run_cli, *args, **kwargs):
    return run_cli("check", "-g", GLOSSARY, *args, **kwargs)


# -- reports ------------------------------------------------------------------------------


def test_several_formats_and_outputs_in_one_run(run_cli, article, tmp_path):
    name = article(VARIANT)
    previous = os.umask(0o022)
    try:
        out, err = check(
            run_cli, "-f", "sarif", "-o", "out/report.sarif", "-f", "github",
            "--format=json", "--output=out/report.json", name, expect=ExitCode.FINDINGS,
        )
    finally:
        os.umask(previous)
    assert out.startswith("::error file=article.txt,line=1,col=5,")
    sarif = json.loads((tmp_path / "out" / "report.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"
    assert json.loads((tmp_path / "out" / "report.json").read_text(encoding="utf-8"))["findings"]
    for report in ("report.sarif", "report.json"):
        assert stat.S_IMODE((tmp_path / "out" / report).stat().st_mode) == 0o644
    assert "sarif report written to out/report.sarif" in err


def test_an_output_before_its_format_and_a_default_text_output(run_cli, article, tmp_path):
    name = article(VARIANT)
    out, _ = check(run_cli, "-o", "a.xml", "-f", "junit", "-f", "gitlab", name,
                   expect=ExitCode.FINDINGS)
    assert (tmp_path / "a.xml").read_text(encoding="utf-8").startswith("<?xml")
    assert json.loads(out)[0]["check_name"] == "deprecated-variant"
    check(run_cli, "-o", "r.txt", name, expect=ExitCode.FINDINGS)
    assert (tmp_path / "r.txt").read_text(encoding="utf-8").startswith("article.txt:1:5:")


def test_two_reports_on_stdout_or_a_stray_output_are_usage_errors(run_cli, article):
    name = article(VARIANT)
    _, err = check(run_cli, "-f", "json", "-f", "sarif", name, expect=ExitCode.USAGE)
    assert "only one report can go to standard output" in err
    _, err = check(run_cli, "-f", "json", "-o", "a", "-o", "b", name, expect=ExitCode.USAGE)
    assert "more --output than --format" in err


def test_github_format_writes_the_job_summary(run_cli, article, tmp_path, monkeypatch):
    summary = tmp_path / "summary.md"
    summary.write_text("earlier step\n", encoding="utf-8")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    check(run_cli, "-f", "github", article(VARIANT), expect=ExitCode.FINDINGS)
    text = summary.read_text(encoding="utf-8")
    assert text.startswith("earlier step\n## termcheck\n")
    assert "| article.txt:1:5 | error | deprecated-variant | srdi |" in text


def test_statistics_and_quiet(run_cli, article):
    name = article(VARIANT + VARIANT)
    out, _ = check(run_cli, "--statistics", name, expect=ExitCode.FINDINGS)
    lines = out.splitlines()
    assert lines[0].split() == ["2", "deprecated-variant", "srdi", "专精特新", "(2", "fixable)"]
    assert lines[-1] == "2 findings: deprecated-variant 2"
    out, err = check(run_cli, "-q", name, expect=ExitCode.FINDINGS)
    assert out.count("\n") == 2
    assert "findings" not in out
    assert err == ""
    # Quiet, not silent: a file that cannot be read is still said, on stderr.
    _, err = check(run_cli, "-q", name, "missing.txt", expect=ExitCode.USAGE)
    assert err == "missing.txt: error: no such file or directory\n"


def test_color_is_forced_into_a_pipe_and_colours_the_diff(run_cli, article):
    name = article(VARIANT)
    out, _ = check(run_cli, "--color", name, expect=ExitCode.FINDINGS)
    assert "\x1b[31m" in out
    out, _ = check(run_cli, "--no-color", name, expect=ExitCode.FINDINGS)
    assert "\x1b[" not in out
    out, _ = check(run_cli, "--diff", "--color", name, expect=ExitCode.FINDINGS)
    assert "\x1b[31m-The specialized, special and new" in out
    assert "\x1b[32m+The specialized, refined, distinctive and innovative" in out
    out, _ = check(run_cli, "--diff", name, expect=ExitCode.FINDINGS)
    assert "\x1b[" not in out


# -- exit codes and gates -----------------------------------------------------------------


def test_fail_levels_and_exit_zero(run_cli, article):
    name = article(WARNING_ONLY)
    check(run_cli, name, expect=ExitCode.CLEAN)
    check(run_cli, "--fail-level", "warning", name, expect=ExitCode.FINDINGS)
    variant = article(VARIANT, "variant.txt")
    check(run_cli, "--fail-level", "never", variant, expect=ExitCode.CLEAN)
    check(run_cli, "--exit-zero", variant, expect=ExitCode.CLEAN)
    # --exit-zero is about findings: a file that cannot be read still fails the run.
    check(run_cli, "--exit-zero", variant, "missing.txt", expect=ExitCode.USAGE)


def test_fail_level_never_in_the_config(run_cli, article):
    article("fail-level: never\n", "termcheck.yaml")
    check(run_cli, article(VARIANT), expect=ExitCode.CLEAN)


def test_changed_since_reports_only_changed_lines(run_cli, article, tmp_path):
    if shutil.which("git") is None:
        pytest.skip("git is not installed")
    name = article(VARIANT + CLEAN)
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@example.org"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "."], check=True)
    subprocess.run([*git, "commit", "-q", "-m", "one"], check=True)
    (tmp_path / name).write_text(VARIANT + CLEAN + "New line: " + VARIANT, encoding="utf-8")
    new = article(VARIANT, "new.txt")  # untracked: every line counts as changed
    out, _ = check(run_cli, "--changed-since", "HEAD", name, new, expect=ExitCode.FINDINGS)
    places = [line.split(": ")[0] for line in out.splitlines() if "deprecated-variant" in line]
    assert places == ["article.txt:3:15", "new.txt:1:5"]
    _, err = check(run_cli, "--changed-since", "no-such-rev", name, expect=ExitCode.USAGE)
    assert 'unknown revision "no-such-rev"' in err


# -- baselines ----------------------------------------------------------------------------


def test_baseline_on_the_seed_article(run_cli, tmp_path, monkeypatch):
    if not SEED.is_file():
        pytest.skip(f"the seed article {SEED} is not there (it is not part of the repo)")
    monkeypatch.chdir(tmp_path)
    shutil.copyfile(SEED, tmp_path / SEED.name)
    before, _ = run_cli("check", "-f", "json", SEED.name, expect=ExitCode.FINDINGS)
    count = len(json.loads(before)["findings"])
    _, err = run_cli("check", "--write-baseline", "baseline.json", SEED.name)
    assert f"baseline of {count} finding(s) written to baseline.json" in err
    assert stat.S_IMODE((tmp_path / "baseline.json").stat().st_mode) & 0o044 == 0o044

    text = (tmp_path / SEED.name).read_text(encoding="utf-8")
    (tmp_path / SEED.name).write_text("One.\nTwo.\nThree.\n" + text, encoding="utf-8")
    out, _ = run_cli("check", "--baseline", "baseline.json", SEED.name)
    assert out == "no findings in 1 file\n"

    with (tmp_path / SEED.name).open("a", encoding="utf-8") as stream:
        stream.write("\nThe specialized and special new firms grew again.\n")
    out, _ = run_cli("check", "-f", "json", "--baseline", "baseline.json", SEED.name,
                     expect=ExitCode.FINDINGS)
    findings = json.loads(out)["findings"]
    assert [(f["rule"], f["text"]) for f in findings] == [
        ("deprecated-variant", "specialized and special new")
    ]


def test_stale_baseline_entries_are_listed(run_cli, article):
    name = article(VARIANT)
    check(run_cli, "--write-baseline", "b.json", name)
    article(CLEAN, name)
    out, _ = check(run_cli, "--baseline", "b.json", name)
    assert 'b.json: info: stale baseline entry (no longer found): article.txt: ' in out


def test_bad_baseline_is_one_line_exit_2(run_cli, article):
    name = article(VARIANT)
    article("{nope", "b.json")
    _, err = check(run_cli, "--baseline", "b.json", name, expect=ExitCode.USAGE)
    assert err.startswith("termcheck: b.json:1:2: invalid baseline: malformed JSON")
    assert err.count("\n") == 1


# -- suppressions -------------------------------------------------------------------------


def test_suppressions_in_markdown_and_unused_ones(run_cli, article):
    name = article(
        "<!-- termcheck-disable-next-line srdi -- quoted from a 2019 release -->\n"
        + VARIANT
        + "\n<!-- termcheck-disable-next-line little-giant -->\n"
        + VARIANT,
        "a.md",
    )
    out, _ = check(run_cli, "--report-unused-suppressions", name, expect=ExitCode.FINDINGS)
    assert [line.split(": ")[0] for line in out.splitlines() if "deprecated" in line] == [
        "a.md:5:5"
    ]
    assert (
        'a.md: info: 4:1: unused suppression: "termcheck-disable-next-line little-giant" '
        "matched no finding" in out
    )
    out, _ = check(run_cli, name, expect=ExitCode.FINDINGS)
    assert "unused" not in out


def test_plain_text_marker_from_the_config(run_cli, article):
    article("text-marker: '%%'\n", "termcheck.yaml")
    name = article("%% termcheck-disable\n" + VARIANT)
    check(run_cli, name, expect=ExitCode.CLEAN)


# -- files, stdin and excludes ------------------------------------------------------------


def test_missing_path_is_an_error_and_an_empty_folder_says_so(run_cli, article, tmp_path):
    out, _ = check(run_cli, "nowhere.md", expect=ExitCode.USAGE)
    assert "nowhere.md: error: no such file or directory" in out
    (tmp_path / "empty").mkdir()
    out, _ = check(run_cli, "empty")
    assert "empty: info: no files to check here" in out


def test_exclude_applies_to_check_dot_and_with_force_exclude_to_named_files(run_cli, article):
    article("exclude: [drafts, '*.old.md']\n", "termcheck.yaml")
    article(VARIANT, "docs/drafts/a.md")
    article(VARIANT, "docs/b.old.md")
    kept = article(VARIANT, "docs/c.md")
    for folder in (".", "docs"):
        out, _ = check(run_cli, folder, expect=ExitCode.FINDINGS)
        assert out.count("deprecated-variant") == 1, out
        assert "c.md:1:5" in out
    named = ("docs/drafts/a.md", "docs/b.old.md", kept)
    out, _ = check(run_cli, *named, expect=ExitCode.FINDINGS)
    assert out.count("deprecated-variant") == 3
    out, _ = check(run_cli, "--force-exclude", *named, expect=ExitCode.FINDINGS)
    assert out.count("deprecated-variant") == 1


def test_include_limits_walked_files(run_cli, article):
    article("include: ['*.md']\n", "termcheck.yaml")
    article(VARIANT, "a.txt")
    article(VARIANT, "b.md")
    out, _ = check(run_cli, ".", expect=ExitCode.FINDINGS)
    assert "b.md:1:5" in out
    assert "a.txt" not in out


def test_stdin_filename_gives_name_format_and_config(run_cli, article):
    article("exclude: [private]\n", "termcheck.yaml")
    out, _ = check(run_cli, "--stdin-filename", "docs/a.md", "-", input="# " + VARIANT,
                   expect=ExitCode.FINDINGS)
    assert out.startswith("docs/a.md:1:7: error deprecated-variant")
    out, _ = check(run_cli, "--stdin-filename", "private/a.md", "--force-exclude", "-",
                   input=VARIANT)
    assert "deprecated" not in out


def test_fix_dash_prints_the_fixed_text(run_cli, article):
    out, err = check(run_cli, "--fix", "-", input=VARIANT + "Plain line.\n")
    assert out == CLEAN + "Plain line.\n"
    assert err == ""


def test_max_file_size_skips_with_a_note(run_cli, article):
    name = article(VARIANT * 100)
    out, _ = check(run_cli, "--max-file-size", "1K", name)
    assert f"{name}: skipped: file is" in out


# -- glossaries, config, other commands ---------------------------------------------------


def test_shipped_glossary_by_name_and_extend_glossary(run_cli, article):
    name = article("The small giant firms grew. The specialized, special and new firms.\n")
    out, _ = run_cli("check", "-g", "zh-en-policy", name, expect=ExitCode.FINDINGS)
    assert "[srdi]" in out
    extra = article(
        "glossary: extra\nsource_language: zh\ntarget_language: en\nconcepts:\n"
        "  - id: widget\n    source: 小部件\n    preferred: widget\n    deprecated: [gadget]\n",
        "extra.yaml",
    )
    article(f"glossary: {GLOSSARY}\n", "termcheck.yaml")
    both = article("A gadget and a small giant.\n", "both.txt")
    out, _ = run_cli("check", "--extend-glossary", extra, both, expect=ExitCode.FINDINGS)
    assert "[widget]" in out
    assert "[little-giant]" in out
    out, _ = run_cli("check", "-g", extra, both, expect=ExitCode.FINDINGS)
    assert "[little-giant]" not in out


def test_isolated_ignores_config_files(run_cli, article):
    article("fail-level: never\n", "termcheck.yaml")
    name = article(VARIANT)
    check(run_cli, name)
    check(run_cli, "--isolated", name, expect=ExitCode.FINDINGS)


def test_config_show_prints_effective_settings(run_cli, article):
    article("fail-level: warning\nexclude: [drafts]\nseverity:\n  mixed-renderings: error\n",
            "termcheck.yaml")
    out, _ = run_cli("config", "show")
    assert "config-file: " in out
    assert "fail-level: warning\n" in out
    assert "exclude:\n- drafts\n" in out
    assert "mixed-renderings: error" in out
    out, _ = run_cli("config", "show", "--isolated")
    assert "fail-level: error\n" in out


@pytest.mark.parametrize(
    ("config", "message"),
    [
        pytest.param("fail-level: warn\n",
                     'termcheck.yaml: invalid config: fail-level: "warn" is not one of: '
                     'error, warning, info, never; did you mean "warning"?', id="fail-level"),
        pytest.param("exclud: [a]\n", 'exclud: unknown key (allowed: ', id="unknown-key"),
        pytest.param("severity:\n  mixed-renderings: high\n",
                     'severity.mixed-renderings: "high" is not one of: error, warning, info',
                     id="severity"),
        pytest.param("include: 3\n", "include: expected a string or a list of strings, got 3",
                     id="include"),
        pytest.param("text-marker: ''\n", "text-marker: expected a non-empty one-line string",
                     id="text-marker"),
    ],
)
def test_config_validation_names_file_key_value_and_choices(run_cli, article, config, message):
    article(config, "termcheck.yaml")
    _, err = check(run_cli, article(VARIANT), expect=ExitCode.USAGE)
    assert message in err
    assert err.count("\n") == 1


def test_unknown_key_has_a_did_you_mean(run_cli, article):
    article("exclud: [a]\n", "termcheck.yaml")
    _, err = check(run_cli, article(VARIANT), expect=ExitCode.USAGE)
    assert 'did you mean "exclude"?' in err


def test_rules_id_is_plain_text_and_version_short_flag(run_cli):
    out, _ = run_cli("rules", "deprecated-variant")
    assert out.startswith("deprecated-variant (default severity: error)\n")
    assert "``" not in out
    assert ":mod:" not in out
    out, _ = run_cli("-V")
    assert out.startswith("termcheck, version ")
