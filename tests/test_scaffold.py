"""`python main.py new NAME`: a scaffold that passes check at once and plays in both roles."""
import io
import json

from game.check import run_check
from game.cli import main
from game.story import Run, load


def test_new_scenario_passes_check_with_no_warnings_and_its_playtests(tmp_path, capsys):
    assert main(["new", "ward-box", "--scenes", str(tmp_path), "--title", 'The "box"']) == 0
    folder = tmp_path / "ward-box"
    assert (tmp_path / "scenario.schema.json").exists()  # for the editor line in every file
    out = io.StringIO()
    assert run_check([str(folder)], as_json=True, runs=50, seed=1, out=out) == 0
    entry = json.loads(out.getvalue())["scenarios"][0]
    assert (entry["id"], entry["title"]) == ("ward-box", 'The "box"')
    assert entry["errors"] == [] and entry["warnings"] == []
    assert all(test["passed"] for test in entry["playtests"])
    for role, data in entry["by_role"].items():
        assert data["unreachable_endings"] == [], role


def test_new_scenario_plays_to_an_ending_in_both_roles(tmp_path, capsys):
    main(["new", "ward-box", "--scenes", str(tmp_path)])
    scenario = load(tmp_path / "ward-box")
    for role in ("professional", "service_user"):
        run = Run(scenario, role)
        while not run.ended:
            run.choose(next(v.index for v in run.choices if v.enabled))
        assert run.ending is not None


def test_new_refuses_to_overwrite_and_explains_a_bad_name(tmp_path, capsys):
    main(["new", "ward-box", "--scenes", str(tmp_path)])
    before = (tmp_path / "ward-box" / "scenario.yaml").read_text()
    assert main(["new", "ward-box", "--scenes", str(tmp_path)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert (tmp_path / "ward-box" / "scenario.yaml").read_text() == before
    assert main(["new", "Ward Box", "--scenes", str(tmp_path)]) == 2
    assert "cannot be a scenario name" in capsys.readouterr().err
