"""Hostile and broken input: one table, one row per case.

Each row builds its inputs in a fresh working folder, runs ``termcheck`` in-process, and states
the exit code and a piece of the one-line message (which names the file, and the place where
there is one). No output may ever contain a traceback. When a new reader lands, add its rows
here (XML entities, zip bombs, ...).
"""

from __future__ import annotations

import json
import os
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from termcheck.engine import Engine
from termcheck.errors import ExitCode
from termcheck.model import FileNote

RunCli = Callable[..., tuple[str, str]]

VARIANT = "The specialized, special and new firms grew.\n"
"""One deprecated variant of the shipped glossary's srdi, at line 1, column 5."""
FINDING = "error deprecated-variant [srdi]"

_HEAD = "glossary: t\nsource_language: zh\ntarget_language: en\nconcepts:\n"


@dataclass
class Case:
    """What one row runs and expects."""

    args: list[str]
    code: int
    messages: tuple[str, ...]
    """Pieces of the output (stdout + stderr) that must be there."""
    absent: tuple[str, ...] = ()
    """Pieces that must not be there."""
    check: Callable[[Path, str], None] | None = None
    """Extra assertions on the working folder and the output."""
    input: bytes | None = None
    env: dict[str, str] = field(default_factory=dict)


Build = Callable[[Path, pytest.MonkeyPatch], Case]


def _write(path: Path, data: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(data, str):
        data = data.encode("utf-8")
    path.write_bytes(data)
    return path


def _good(tmp: Path, name: str = "good.txt") -> str:
    _write(tmp / name, VARIANT)
    return name


# -- glossaries ------------------------------------------------------------------------------


def malformed_yaml(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "bad.yaml", "concepts:\n  - id: x\n    source: [a\n")
    return Case(["check", "-g", "bad.yaml", _good(tmp)], ExitCode.USAGE,
                ("bad.yaml:4:1: invalid glossary: malformed YAML",))


def _marker_absent(name: str) -> Callable[[Path, str], None]:
    def check(tmp: Path, _: str) -> None:
        assert not (tmp / name).exists(), "a YAML tag ran code"

    return check


def python_tag_glossary(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    marker = tmp / "PWNED"
    _write(tmp / "evil.yaml", f'concepts: !!python/object/apply:os.system ["touch {marker}"]\n')
    return Case(
        ["check", "-g", "evil.yaml", _good(tmp)], ExitCode.USAGE,
        ("evil.yaml:1:11: invalid glossary: concepts: YAML tag "
         "tag:yaml.org,2002:python/object/apply:os.system is not allowed",),
        check=_marker_absent("PWNED"),
    )


def python_tag_config(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    marker = tmp / "PWNED"
    _write(tmp / "termcheck.yaml",
           f'language: !!python/object/apply:os.system ["touch {marker}"]\n')
    return Case(["check", _good(tmp)], ExitCode.USAGE,
                ("termcheck.yaml:1:11: invalid config: malformed YAML",),
                check=_marker_absent("PWNED"))


def yaml_alias(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "alias.yaml", _HEAD + "  - id: x\n    source: &s a\n    preferred: *s\n")
    return Case(["check", "-g", "alias.yaml", _good(tmp)], ExitCode.USAGE,
                ("alias.yaml:7:16: invalid glossary: concepts[0].preferred: YAML aliases",))


def glossary_wrong_type(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "types.yaml", _HEAD + "  - id: x\n    source: a\n    preferred: 42\n")
    return Case(["check", "-g", "types.yaml", _good(tmp)], ExitCode.USAGE,
                ("types.yaml:7:16: invalid glossary: concepts[0].preferred: expected a string, "
                 "got int 42 (put it in quotes)",))


def glossary_unknown_key(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "unk.yaml",
           _HEAD + "  - id: x\n    source: a\n    preferred: b\n    prefered: c\n")
    return Case(["check", "-g", "unk.yaml", _good(tmp)], ExitCode.USAGE,
                ('unk.yaml:8:5: invalid glossary: concepts[0].prefered: unknown key "prefered"',
                 'did you mean "preferred"?'))


def glossary_not_utf8(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "latin1.yaml", (_HEAD + "  - id: x\n    source: a\n    preferred: caf\xe9\n")
           .encode("latin-1"))
    return Case(["check", "-g", "latin1.yaml", _good(tmp)], ExitCode.USAGE,
                ("latin1.yaml:7:19: invalid glossary: not valid UTF-8 (byte 0xe9)",))


def empty_glossary(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "empty.yaml", "")
    return Case(["check", "-g", "empty.yaml", _good(tmp)], ExitCode.USAGE,
                ("empty.yaml: invalid glossary: the file is empty",))


def glossary_without_concepts(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "none.yaml", _HEAD.replace("concepts:\n", "concepts: []\n"))
    return Case(["check", "-g", "none.yaml", _good(tmp)], ExitCode.USAGE,
                ("none.yaml:4:11: invalid glossary: concepts: the glossary has no concepts",))


def missing_glossary(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    return Case(["check", "-g", "nowhere.yaml", _good(tmp)], ExitCode.USAGE,
                ("nowhere.yaml: invalid glossary: file not found",))


def glossary_is_a_directory(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    (tmp / "folder.yaml").mkdir()
    return Case(["check", "-g", "folder.yaml", _good(tmp)], ExitCode.USAGE,
                ("folder.yaml: invalid glossary: is a directory",))


def duplicate_ids(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "dup.yaml", _HEAD + "  - id: x\n    source: a\n    preferred: b\n"
           "  - id: x\n    source: c\n    preferred: d\n")
    return Case(["check", "-g", "dup.yaml", _good(tmp)], ExitCode.USAGE,
                ('dup.yaml:8:5: invalid glossary: concepts[1].id: duplicate concept id "x" '
                 "(first defined at dup.yaml:5:5)",))


def variant_under_two_concepts(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "twice.yaml", _HEAD + "  - id: x\n    source: a\n    preferred: b\n"
           "    deprecated: [zz top]\n  - id: y\n    source: c\n    preferred: d\n"
           "    deprecated: [ZZ-top]\n")
    return Case(["check", "-g", "twice.yaml", _good(tmp)], ExitCode.USAGE,
                ("twice.yaml:12:18: invalid glossary:",
                 'deprecated variant "ZZ-top" of "y" is also a deprecated variant of "x"'))


# -- configuration ---------------------------------------------------------------------------


def config_wrong_type(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "termcheck.yaml", "fail-level: 3\n")
    return Case(["check", _good(tmp)], ExitCode.USAGE,
                ('termcheck.yaml: invalid config: fail-level: "3" is not one of: error, warning, '
                 "info",))


def config_unknown_key(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "termcheck.yaml", "fail_level: error\n")
    return Case(["check", _good(tmp)], ExitCode.USAGE,
                ("termcheck.yaml: invalid config: fail_level: unknown key",
                 'did you mean "fail-level"?'))


def config_not_a_mapping(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "settings.yaml", "- just\n- a list\n")
    return Case(["check", "--config", "settings.yaml", _good(tmp)], ExitCode.USAGE,
                ("settings.yaml: invalid config: expected a mapping of settings, got list",))


def config_bad_size(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "termcheck.yaml", "max-file-size: [1]\n")
    return Case(["check", _good(tmp)], ExitCode.USAGE,
                ('termcheck.yaml: invalid config: max-file-size: "[1]" is not a size',))


def config_missing(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    return Case(["check", "--config", "nowhere.yaml", _good(tmp)], ExitCode.USAGE,
                ("nowhere.yaml: invalid config: file not found",))


# -- files to check --------------------------------------------------------------------------


def invalid_utf8(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "bad.txt", b"First line.\nThe specialized,\xff special and new.\n")
    return Case(["check", "bad.txt"], ExitCode.USAGE,
                ("bad.txt: error: line 2, column 17: not valid UTF-8 (byte 0xff)",))


def invalid_utf8_on_stdin(_: Path, __: pytest.MonkeyPatch) -> Case:
    return Case(["check", "-"], ExitCode.USAGE,
                ("<stdin>: error: line 1, column 5: not valid UTF-8 (byte 0xff)",),
                input=b"The \xff\n")


def unknown_encoding(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    return Case(["check", "--encoding", "klingon", _good(tmp)], ExitCode.USAGE,
                ("Invalid value for '--encoding': unknown encoding \"klingon\"",))


def utf16_with_bom(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "u16.txt", b"\xff\xfe" + ("Intro.\n" + VARIANT).encode("utf-16-le"))
    return Case(["check", "u16.txt"], ExitCode.FINDINGS, (f"u16.txt:2:5: {FINDING}",))


def utf16_without_bom(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "u16.txt", ("Intro.\n" + VARIANT).encode("utf-16-be"))
    return Case(["check", "u16.txt"], ExitCode.FINDINGS, (f"u16.txt:2:5: {FINDING}",))


def utf8_with_bom(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "bom.txt", b"\xef\xbb\xbf" + VARIANT.encode())
    # The BOM is not a character of the text: the variant is still at column 5.
    return Case(["check", "bom.txt"], ExitCode.FINDINGS, (f"bom.txt:1:5: {FINDING}",))


def binary_file(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "data.txt", b"\x00\x01\x02\xff" * 256)
    return Case(["check", "data.txt"], ExitCode.CLEAN,
                ("data.txt: skipped: binary file (it contains NUL bytes)",))


def binary_image(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8)
    return Case(["check", "photo.txt"], ExitCode.CLEAN, ("photo.txt: skipped: binary file",))


def empty_file(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "empty.txt", b"")
    return Case(["check", "empty.txt"], ExitCode.CLEAN, ("no findings in 1 file",))


def vanished_file(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Case:
    _good(tmp)
    _write(tmp / "docs" / "gone.txt", VARIANT)
    _write(tmp / "docs" / "kept.txt", VARIANT)
    walk = Engine.iter_files

    def iter_files(self: Engine, paths: list[str]) -> Iterator[tuple[str, FileNote | None]]:
        for path, note in walk(self, paths):
            if path.endswith("gone.txt"):
                os.remove(path)  # deleted after the walk found it, before it is read
            yield path, note

    monkeypatch.setattr(Engine, "iter_files", iter_files)
    return Case(["check", "docs"], ExitCode.USAGE,
                ("gone.txt: error: no such file (it disappeared during the run)",
                 f"kept.txt:1:5: {FINDING}"))


def unreadable_file_chmod(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode; see the monkeypatched row")
    path = _write(tmp / "secret.txt", VARIANT)
    path.chmod(0)
    return Case(["check", "secret.txt"], ExitCode.USAGE,
                ("secret.txt: error: permission denied",))


def unreadable_file_open(tmp: Path, monkeypatch: pytest.MonkeyPatch) -> Case:
    _write(tmp / "secret.txt", VARIANT)
    real_open = open

    def guarded_open(file: object, *args: object, **kwargs: object) -> object:
        if str(file).endswith("secret.txt"):
            raise PermissionError(13, "Permission denied", str(file))
        return real_open(file, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr("termcheck.engine.open", guarded_open, raising=False)
    return Case(["check", "secret.txt", _good(tmp)], ExitCode.USAGE,
                ("secret.txt: error: permission denied", f"good.txt:1:5: {FINDING}"))


def spaces_and_non_ascii_path(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "dir with spaces" / "日本 ü" / "ärtikel 1.txt", VARIANT)
    return Case(["check", "dir with spaces"], ExitCode.FINDINGS,
                (f"dir with spaces/日本 ü/ärtikel 1.txt:1:5: {FINDING}",))


def symlink_loop(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "tree" / "a.txt", VARIANT)
    os.symlink(tmp / "tree", tmp / "tree" / "loop")
    os.symlink(".", tmp / "tree" / "self")

    def once(_: Path, output: str) -> None:
        assert output.count(FINDING) == 1

    return Case(["check", "tree"], ExitCode.FINDINGS, (f"tree/a.txt:1:5: {FINDING}",), check=once)


def xliff_not_well_formed(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "job.xlf", "<xliff><file><body><target>" + VARIANT + "</target></body></file>")
    return Case(["check", "job.xlf"], ExitCode.USAGE,
                ("job.xlf: error: line 2, column 24: not well-formed XML: Premature end",),
                absent=("deprecated-variant",))


def docx_given_explicitly(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    # A zip signature and then prose: read as Word (DOCX is supported), refused as broken.
    _write(tmp / "report.docx", b"PK\x03\x04" + VARIANT.encode())
    return Case(["check", "report.docx"], ExitCode.USAGE,
                ("report.docx: error: not a Word document (not a zip archive)",),
                absent=("deprecated-variant",))


def unsupported_in_a_walk(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "in" / "job.pdf", VARIANT)
    _write(tmp / "in" / "a.txt", VARIANT)
    return Case(["check", "in"], ExitCode.FINDINGS,
                ("in/job.pdf: skipped: unsupported format: PDF", f"in/a.txt:1:5: {FINDING}"))


def larger_than_max_file_size(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    line = VARIANT.rstrip("\n") + " "
    _write(tmp / "huge.txt", line * (2 * 1024 * 1024 // len(line) + 1))
    # Skipped with a note, as documented: a size limit is a choice, not an input error.
    return Case(["check", "--max-file-size", "1M", "huge.txt", _good(tmp)], ExitCode.FINDINGS,
                ("huge.txt: skipped: file is 2.0 MB, larger than max-file-size 1.0 MB",
                 f"good.txt:1:5: {FINDING}"))


def missing_path(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    return Case(["check", "nowhere.txt", _good(tmp)], ExitCode.USAGE,
                ("nowhere.txt: error: no such file or directory", f"good.txt:1:5: {FINDING}"))


# -- issue 9: resources, codecs, nesting -----------------------------------------------------


def glossary_is_a_fifo(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    os.mkfifo(tmp / "pipe.yaml")
    return Case(["check", "-g", "pipe.yaml", _good(tmp)], ExitCode.USAGE,
                ("pipe.yaml: invalid glossary: is a FIFO, not a regular file",))


def glossary_is_a_device(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    return Case(["check", "-g", "/dev/zero", _good(tmp)], ExitCode.USAGE,
                ("/dev/zero: invalid glossary: is a device, not a regular file",))


def glossary_too_large(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    from termcheck.files import MAX_GLOSSARY_BYTES

    concept = "  - id: c\n    source: s\n    preferred: p\n"
    _write(tmp / "huge.yaml", _HEAD + concept + "#" * MAX_GLOSSARY_BYTES + "\n")
    return Case(["check", "-g", "huge.yaml", _good(tmp)], ExitCode.USAGE,
                ("huge.yaml: invalid glossary: is 10.0 MB, larger than the limit of 10.0 MB",))


def config_is_a_fifo(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    os.mkfifo(tmp / "pipe.yaml")
    return Case(["glossary", "lint", "--config", "pipe.yaml"], ExitCode.USAGE,
                ("pipe.yaml: invalid config: is a FIFO, not a regular file",))


def config_is_a_directory(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    (tmp / "conf.yaml").mkdir()
    return Case(["glossary", "lint", "--config", "conf.yaml"], ExitCode.USAGE,
                ("conf.yaml: invalid config: is a directory",))


def config_yaml_nested_deep(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "termcheck.yaml", "select: " + "[" * 3000 + "]" * 3000 + "\n")
    return Case(["check", _good(tmp)], ExitCode.USAGE,
                ("termcheck.yaml:1:", "invalid config: malformed YAML"))


def config_toml_nested_deep(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "pyproject.toml", "[tool.termcheck]\nselect = " + "[" * 3000 + "]" * 3000 + "\n")
    return Case(["check", _good(tmp)], ExitCode.USAGE,
                ("pyproject.toml: invalid config: malformed TOML: nested too deeply",))


def config_toml_inline_tables_deep(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "pyproject.toml",
           "[tool.termcheck]\nx = " + "{a=" * 3000 + "1" + "}" * 3000 + "\n")
    return Case(["check", _good(tmp)], ExitCode.USAGE,
                ("pyproject.toml: invalid config: malformed TOML: nested too deeply",))


def glossary_nested_deep(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "deep.yaml", _HEAD.replace("concepts:\n", "concepts: ")
           + "[" * 3000 + "]" * 3000 + "\n")
    return Case(["check", "-g", "deep.yaml", _good(tmp)], ExitCode.USAGE,
                ("deep.yaml:4:", "invalid glossary: malformed YAML"))


def _not_a_text_encoding(codec: str) -> Build:
    def build(tmp: Path, _: pytest.MonkeyPatch) -> Case:
        return Case(["check", "--encoding", codec, _good(tmp)], ExitCode.USAGE,
                    (f"Invalid value for '--encoding': \"{codec}\" is not a text encoding",))

    return build


def encoding_that_fails_without_position(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    return Case(["check", "--encoding", "punycode", _good(tmp)], ExitCode.USAGE,
                ("Invalid value for '--encoding': \"punycode\" is not an encoding for files",))


def json_report_non_utf8_file_name(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    name = os.fsdecode(b"bad\xff.txt")
    _write(tmp / name, VARIANT)

    def check(folder: Path, _: str) -> None:
        report = json.loads((folder / "report.json").read_bytes().decode("utf-8"))
        assert os.fsencode(report["findings"][0]["path"]) == b"bad\xff.txt"

    return Case(["check", "-f", "json", "-o", "report.json", name], ExitCode.FINDINGS,
                ("report written to report.json",), check=check)


def output_is_a_checked_file(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    name = _good(tmp)

    def check(folder: Path, _: str) -> None:
        assert (folder / name).read_text(encoding="utf-8") == VARIANT

    return Case(["check", "--fix", "-o", name, name], ExitCode.USAGE,
                (f"{name}: error: --output names a file that is being checked",), check=check)


def stdin_over_max_file_size(_: Path, __: pytest.MonkeyPatch) -> Case:
    return Case(["check", "--max-file-size", "1K", "-"], ExitCode.CLEAN,
                ("<stdin>: skipped: input is larger than max-file-size 1.0 KB",),
                input=VARIANT.encode() * 100)


def huge_max_file_size(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    return Case(["check", "--max-file-size", "99999999999999999999G", _good(tmp)],
                ExitCode.FINDINGS, (f"good.txt:1:5: {FINDING}",))


def fix_that_ascii_cannot_hold(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "g.yaml", _HEAD + "  - id: cafe\n    source: 甲\n    preferred: café society\n"
           "    deprecated: [coffee society]\n")
    for name in ("a.txt", "b.txt"):
        _write(tmp / name, "The coffee society met.\n")

    def check(folder: Path, _: str) -> None:
        for name in ("a.txt", "b.txt"):
            assert (folder / name).read_text(encoding="utf-8") == "The coffee society met.\n"

    return Case(["check", "--fix", "--encoding", "ascii", "-g", "g.yaml", "a.txt", "b.txt"],
                ExitCode.USAGE, ("cannot be written in ascii",), check=check)


def fix_of_a_hard_linked_file(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    name = _good(tmp)
    os.link(tmp / name, tmp / "twin.txt")

    def check(folder: Path, _: str) -> None:
        assert (folder / "twin.txt").read_text(encoding="utf-8") == VARIANT
        assert os.path.samefile(folder / name, folder / "twin.txt")

    return Case(["check", "--fix", name], ExitCode.USAGE,
                ("good.txt: error: not fixed: cannot write: it has 2 hard links",), check=check)


def rendering_that_folds_to_nothing(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "g.yaml", _HEAD + '  - id: c\n    source: 甲\n    preferred: "-"\n'
           "    deprecated: [old thing]\n")
    return Case(["check", "-g", "g.yaml", _good(tmp)], ExitCode.USAGE,
                ("g.yaml:7:16: invalid glossary: concepts[0].preferred: '-' has no letters",))


def rendering_of_zero_width_characters_in_lint(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    _write(tmp / "g.yaml", _HEAD + '  - id: c\n    source: 甲\n    preferred: good thing\n'
           '    deprecated: ["\\u200b\\u200d"]\n')
    return Case(["glossary", "lint", "-g", "g.yaml"], ExitCode.USAGE,
                ("concepts[0].deprecated[0]:", "has no letters or digits once folded"))


def ansi_escape_in_file_name(tmp: Path, _: pytest.MonkeyPatch) -> Case:
    name = "e\x1b[2Jvil\nfake.txt"
    _write(tmp / name, VARIANT)
    return Case(["check", name], ExitCode.FINDINGS,
                (f"e\\x1b[2Jvil\\nfake.txt:1:5: {FINDING}",), absent=("\x1b",))


CASES = [
    pytest.param(malformed_yaml, id="glossary-malformed-yaml"),
    pytest.param(python_tag_glossary, id="glossary-python-tag-not-executed"),
    pytest.param(yaml_alias, id="glossary-yaml-alias"),
    pytest.param(glossary_wrong_type, id="glossary-wrong-type"),
    pytest.param(glossary_unknown_key, id="glossary-unknown-key"),
    pytest.param(glossary_not_utf8, id="glossary-not-utf8"),
    pytest.param(empty_glossary, id="glossary-empty-file"),
    pytest.param(glossary_without_concepts, id="glossary-no-concepts"),
    pytest.param(missing_glossary, id="glossary-missing"),
    pytest.param(glossary_is_a_directory, id="glossary-is-a-directory"),
    pytest.param(duplicate_ids, id="glossary-duplicate-ids"),
    pytest.param(variant_under_two_concepts, id="glossary-variant-under-two-concepts"),
    pytest.param(python_tag_config, id="config-python-tag-not-executed"),
    pytest.param(config_wrong_type, id="config-wrong-type"),
    pytest.param(config_unknown_key, id="config-unknown-key"),
    pytest.param(config_not_a_mapping, id="config-not-a-mapping"),
    pytest.param(config_bad_size, id="config-bad-size"),
    pytest.param(config_missing, id="config-missing"),
    pytest.param(invalid_utf8, id="text-invalid-utf8"),
    pytest.param(invalid_utf8_on_stdin, id="stdin-invalid-utf8"),
    pytest.param(unknown_encoding, id="text-unknown-encoding"),
    pytest.param(utf16_with_bom, id="text-utf16-bom"),
    pytest.param(utf16_without_bom, id="text-utf16-no-bom"),
    pytest.param(utf8_with_bom, id="text-utf8-bom"),
    pytest.param(binary_file, id="binary-nul-pattern"),
    pytest.param(binary_image, id="binary-png"),
    pytest.param(empty_file, id="text-empty"),
    pytest.param(vanished_file, id="file-vanishes-mid-run"),
    pytest.param(unreadable_file_chmod, id="file-unreadable-chmod"),
    pytest.param(unreadable_file_open, id="file-unreadable-open"),
    pytest.param(spaces_and_non_ascii_path, id="path-spaces-non-ascii"),
    pytest.param(symlink_loop, id="walk-symlink-loop"),
    pytest.param(xliff_not_well_formed, id="malformed-xlf"),
    pytest.param(docx_given_explicitly, id="broken-docx"),
    pytest.param(unsupported_in_a_walk, id="unsupported-in-walk"),
    pytest.param(larger_than_max_file_size, id="file-over-max-size"),
    pytest.param(missing_path, id="path-missing"),
    pytest.param(glossary_is_a_fifo, id="glossary-is-a-fifo"),
    pytest.param(glossary_is_a_device, id="glossary-is-a-device"),
    pytest.param(glossary_too_large, id="glossary-over-size-limit"),
    pytest.param(glossary_nested_deep, id="glossary-nested-deep"),
    pytest.param(config_is_a_fifo, id="config-is-a-fifo"),
    pytest.param(config_is_a_directory, id="config-is-a-directory"),
    pytest.param(config_yaml_nested_deep, id="config-yaml-nested-deep"),
    pytest.param(config_toml_nested_deep, id="config-toml-nested-deep"),
    pytest.param(config_toml_inline_tables_deep, id="config-toml-inline-tables-deep"),
    pytest.param(_not_a_text_encoding("rot13"), id="encoding-rot13"),
    pytest.param(_not_a_text_encoding("base64"), id="encoding-base64"),
    pytest.param(_not_a_text_encoding("zlib"), id="encoding-zlib"),
    pytest.param(encoding_that_fails_without_position, id="encoding-punycode"),
    pytest.param(json_report_non_utf8_file_name, id="json-report-non-utf8-name"),
    pytest.param(output_is_a_checked_file, id="output-is-a-checked-file"),
    pytest.param(stdin_over_max_file_size, id="stdin-over-max-size"),
    pytest.param(huge_max_file_size, id="max-file-size-huge"),
    pytest.param(fix_that_ascii_cannot_hold, id="fix-encoding-cannot-hold-rendering"),
    pytest.param(fix_of_a_hard_linked_file, id="fix-hard-linked-file"),
    pytest.param(rendering_that_folds_to_nothing, id="glossary-rendering-folds-to-nothing"),
    pytest.param(rendering_of_zero_width_characters_in_lint, id="lint-zero-width-rendering"),
    pytest.param(ansi_escape_in_file_name, id="report-escape-in-file-name"),
]


@pytest.mark.parametrize("build", CASES)
def test_hostile_input(
    build: Build, run_cli: RunCli, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    case = build(tmp_path, monkeypatch)
    for name, value in case.env.items():
        monkeypatch.setenv(name, value)
    out, err = run_cli(*case.args, input=case.input, expect=case.code)
    output = out + err
    assert "Traceback" not in output
    assert "internal error" not in output
    for message in case.messages:
        assert message in output, f"{message!r} not in output:\n{output}"
    for message in case.absent:
        assert message not in output
    if case.check is not None:
        case.check(tmp_path, output)


def test_mixed_folder_checks_every_good_file(run_cli: RunCli, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    good = ["a.txt", "c.md", "sub/d.txt", "e utf16.txt"]
    for name in good[:3]:
        _write(folder / name, VARIANT)
    _write(folder / good[3], b"\xff\xfe" + VARIANT.encode("utf-16-le"))
    _write(folder / "b.txt", b"The \xff\n")
    _write(folder / "bin.txt", b"\x00\x01\x02\xff" * 64)
    _write(folder / "job.pdf", VARIANT)
    (folder / "gone.txt").symlink_to(folder / "nowhere.txt")
    out, _ = run_cli("check", "-f", "json", folder, expect=ExitCode.USAGE)
    report = json.loads(out)
    found = sorted(Path(f["path"]).relative_to(folder).as_posix() for f in report["findings"])
    assert found == sorted(good)
    notes = {Path(n["path"]).name: n["kind"] for n in report["notes"]}
    assert notes == {"b.txt": "error", "bin.txt": "skipped", "job.pdf": "skipped",
                     "gone.txt": "error"}
    assert "Traceback" not in out


@pytest.mark.slow
def test_twenty_megabyte_single_line_checks(run_cli: RunCli, tmp_path: Path) -> None:
    chunk = "Officials said exports rose as firms in the province won orders this quarter. "
    body = chunk * (20 * 1024 * 1024 // len(chunk) + 1)
    _write(tmp_path / "long.txt", VARIANT.rstrip("\n") + " " + body + "The small giant.")
    started = time.monotonic()
    out, _ = run_cli("check", tmp_path / "long.txt", expect=ExitCode.FINDINGS)
    assert time.monotonic() - started < 120
    assert f"long.txt:1:5: {FINDING}" in out
    assert "[little-giant]" in out


def test_pathological_glossary_compiles_and_checks_quickly(
    run_cli: RunCli, tmp_path: Path
) -> None:
    lines = [_HEAD.rstrip("\n")]
    # 3,000 renderings that overlap each other: "a", "a a", "a a a", ... plus a distinct word.
    for number in range(1, 3001):
        words = "a " * (number // 10 + 1)
        lines.append(f"  - id: c{number}\n    source: s{number}\n"
                     f"    preferred: {words}x{number}\n    deprecated: ['{words}y{number}']")
    long_preferred = " ".join(f"w{i}" for i in range(1000))[:5000]
    long_variant = " ".join(f"v{i}" for i in range(1000))[:5000]
    lines.append(f"  - id: long\n    source: L\n    preferred: {long_preferred}\n"
                 f"    deprecated: ['{long_variant}']")
    _write(tmp_path / "patho.yaml", "\n".join(lines) + "\n")
    text = ("a " * 400 + "y2990 and x17. " + long_variant + ".\n\n") * 5
    _write(tmp_path / "patho.txt", text)
    started = time.monotonic()
    out, _ = run_cli("check", "--no-cache", "-g", tmp_path / "patho.yaml",
                     tmp_path / "patho.txt", expect=ExitCode.FINDINGS)
    assert time.monotonic() - started < 60
    assert out.count("[c2990]") == 5
    assert out.count("[long]") == 5
