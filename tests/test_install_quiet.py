"""`make install` installs the hub's scripts without setuptools' banner."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys

from scripts.site_config import ROOT


def test_the_editable_install_prints_no_build_backend_warning(tmp_path):
    recipe = next(line.strip() for line in (ROOT / "Makefile").read_text(encoding="utf-8").splitlines()
                  if re.search(r"pip install .*-e \.$", line))
    project = tmp_path / "project"
    project.mkdir()
    shutil.copy2(ROOT / "pyproject.toml", project)
    shutil.copytree(ROOT / "scripts", project / "scripts", ignore=shutil.ignore_patterns("__pycache__"))
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", "--system-site-packages", str(venv)], check=True)
    # the recipe's pip, installing into a throwaway environment instead of .venv
    command = recipe.replace("$(PY) -m pip", f"{sys.executable} -m pip --python {venv}/bin/python")
    result = subprocess.run(["sh", "-c", command], cwd=project, capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stderr
    assert "BuildBackendWarning" not in result.stdout + result.stderr
