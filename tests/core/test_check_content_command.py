"""`manage.py check_content`: what an editor or an operator sees when scanning files."""

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.management import call_command

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = Path(__file__).with_name("fixtures") / "safety"
DIRECTIVE = ROOT.parent / "shared" / "seed" / "directive.md"


def run(*args, stdin=None, monkeypatch=None):
    out, err = io.StringIO(), io.StringIO()
    if stdin is not None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(stdin.encode()), encoding="utf-8"))
    code = 0
    try:
        call_command("check_content", *args, stdout=out, stderr=err)
    except SystemExit as exc:
        code = exc.code
    return code, out.getvalue().splitlines(), err.getvalue()


def test_the_tampered_directive_is_flagged_line_by_line():
    path = FIXTURES / "tampered_directive.md"
    code, lines, _err = run(str(path))
    assert code == 1
    text = path.read_text(encoding="utf-8").splitlines()
    gambling = [line for line in lines if ": gambling: " in line]
    assert len(gambling) == 10
    first = gambling[0]
    assert first.startswith(f"{path}:3:13: gambling: 澳门新葡京娱乐场: ")
    assert text[2][12:20] == "澳门新葡京娱乐场"


def test_the_genuine_directive_passes():
    if not DIRECTIVE.exists():
        pytest.skip("../shared/seed/directive.md is not beside this checkout")
    assert run(str(DIRECTIVE)) == (0, [], "")


def test_obfuscated_spellings_are_each_reported():
    code, lines, _err = run(str(FIXTURES / "obfuscated.txt"))
    assert code == 1
    assert [line.split(": ")[2] for line in lines] == [
        "ｂｅｔ３６５ (bet365)",
        "百[U+200D]家[U+200B]乐 (百家乐)",
        "六 合 彩 (六合彩)",
        "bеt365 (bet365)",
        "澳門新葡京娛樂場 (澳门新葡京娱乐场)",
    ]
    assert [line.split(":")[1] for line in lines] == ["1", "2", "3", "4", "5"]


def test_html_is_read_as_html():
    code, lines, _err = run(str(FIXTURES / "defaced_page.html"))
    assert code == 1
    assert any(": link: https://www.example-casino.com/ (www.example-casino.com): " in line for line in lines)
    assert not any("<a" in line.split(": ")[2] for line in lines)  # terms are read from the text, not the markup


def test_standard_input(monkeypatch):
    code, lines, _err = run("-", stdin="<p>开户送彩金</p>\n", monkeypatch=monkeypatch)
    assert code == 1
    assert lines == ["-:1:4: gambling: 开户送彩金: 开户送彩金"]
    assert run("-", stdin="昆明市人民政府办公厅\n", monkeypatch=monkeypatch)[0] == 0


def test_a_missing_file_is_a_clear_error(tmp_path):
    clean = tmp_path / "clean.txt"
    clean.write_text("文明城市创建", encoding="utf-8")
    code, lines, err = run(str(clean), str(tmp_path / "missing.txt"))
    assert code == 2
    assert lines == []
    assert f"{tmp_path / 'missing.txt'}: no such file" in err


def test_gb18030_files_are_read(tmp_path):
    legacy = tmp_path / "legacy.txt"
    legacy.write_bytes("通知：百家乐".encode("gb18030"))
    code, lines, _err = run(str(legacy))
    assert (code, len(lines)) == (1, 1)


def test_exit_status_through_manage_py():
    env = {**os.environ, "DJANGO_SETTINGS_MODULE": "portal.settings.test"}
    command = [sys.executable, "manage.py", "check_content", str(FIXTURES / "tampered_directive.md")]
    result = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, check=False)
    assert result.returncode == 1
    assert "澳门新葡京娱乐场" in result.stdout
