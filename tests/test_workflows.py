"""The GitHub Actions workflows: valid, and doing what the README says they do."""

from __future__ import annotations

import subprocess
import sys

import pytest
import yaml

from scripts.site_config import ROOT

WORKFLOWS = ROOT / ".github" / "workflows"


def steps(workflow: str, job: str) -> list[dict]:
    return yaml.safe_load((WORKFLOWS / workflow).read_text("utf-8"))["jobs"][job]["steps"]


def position(all_steps: list[dict], text: str) -> int:
    """The index of the first step whose `run` or `uses` contains ``text``."""
    for index, step in enumerate(all_steps):
        if text in step.get("run", "") + step.get("uses", ""):
            return index
    pytest.fail(f"no step runs or uses {text!r}")


def test_workflows_match_github_s_schema():
    result = subprocess.run(
        [sys.executable, "-m", "check_jsonschema", "--builtin-schema", "vendor.github-workflows",
         *sorted(map(str, WORKFLOWS.glob("*.yml")))], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_pull_requests_get_annotations_build_tests_and_the_site():
    workflow = yaml.safe_load((WORKFLOWS / "pull-request.yml").read_text("utf-8"))
    assert "pull_request" in workflow[True]  # YAML 1.1 reads the key `on` as True
    job = steps("pull-request.yml", "check")
    order = [position(job, "scripts.check --format github"), position(job, "make build"),
             position(job, "bash .ci/run"), position(job, "actions/upload-artifact")]
    assert order == sorted(order)
    uploads = {step["with"]["name"]: step["with"]["path"] for step in job
               if "upload-artifact" in step.get("uses", "")}
    assert uploads == {"site": "site/", "test-artifacts": "test-artifacts/"}


def test_deploy_publishes_main_built_for_its_public_address_after_the_tests():
    workflow = yaml.safe_load((WORKFLOWS / "deploy.yml").read_text("utf-8"))
    assert workflow[True]["push"]["branches"] == ["main"]
    build = steps("deploy.yml", "build")
    assert position(build, "bash .ci/run") < position(build, "make build") \
        < position(build, "upload-pages-artifact")
    build_step = build[position(build, "make build")]
    assert build_step["env"]["SITE_URL"] == "${{ steps.pages.outputs.base_url }}/"
    deploy = workflow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    assert "actions/deploy-pages" in deploy["steps"][0]["uses"]


def test_ci_runs_the_readme_s_test_command():
    readme = (ROOT / "README.md").read_text("utf-8")
    assert "make test    #" in readme
    assert (ROOT / ".ci" / "run").read_text("utf-8").rstrip().endswith("make test")


@pytest.mark.parametrize("workflow, job", [("pull-request.yml", "check"), ("deploy.yml", "build")])
def test_both_workflows_keep_the_handouts_between_runs(workflow, job):
    """The handouts rendered by a run are restored before the build and the tests of the
    next one, and saved even when a test failed."""
    run = steps(workflow, job)
    restore, save = position(run, "actions/cache/restore"), position(run, "actions/cache/save")
    assert restore < position(run, "bash .ci/run") < save
    assert run[restore]["with"]["path"] == run[save]["with"]["path"] == ".cache/handouts"
    assert run[restore]["with"]["restore-keys"] == "handouts-"
    assert run[save]["if"] == "${{ !cancelled() }}"


def test_pull_requests_get_the_translations_summary_and_notices():
    job = steps("pull-request.yml", "check")
    summary = job[position(job, "scripts.translations summary")]["run"]
    assert '--base "${{ github.event.pull_request.base.sha' in summary
    assert summary.rstrip().endswith('>> "$GITHUB_STEP_SUMMARY"')
    assert position(job, "scripts.check --format github") < position(job, "scripts.translations summary")


def test_one_completeness_setting_for_ci_both_workflows_and_a_translator_s_machine():
    """mkdocs.yml says which languages must be complete; nothing overrides it, so the
    deploy workflow publishes what CI accepted."""
    for path in [*WORKFLOWS.glob("*.yml"), ROOT / ".ci" / "run", ROOT / "Makefile"]:
        assert "HUB_REQUIRE_COMPLETE" not in path.read_text("utf-8"), path
    assert "complete_languages: [en, es]" in (ROOT / "mkdocs.yml").read_text("utf-8")
