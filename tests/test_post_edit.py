"""Post-editing learnt from the memory: rules, their application, switching one off."""

import shutil
from pathlib import Path

import pytest
from conftest import run_cli

from iwo_tm.language.machine_translation import available
from iwo_tm.suggest.post_edit import (
    PostEditor,
    Rule,
    learn_rules,
    read_switches,
    rules_from_json,
    rules_to_json,
    switched,
    write_switches,
)

# Apertium's English of a memory's Spanish beside the team's English for it
TRIPLES = [
    ("Out with the regime fujimorista!", "Out with the Fujimorista regime!", "u1"),
    ("The regime fujimorista kills.", "The Fujimorista regime kills.", "u2"),
    ("Against all the regime fujimorista and the mates.", "Against the whole Fujimorista "
     "regime and the comrades.", "u3"),
    ("The mates of Puno march.", "The comrades of Puno march.", "u4"),
    ("Hello mates.", "Hello comrades.", "u5"),
    ("The workers march in Lima.", "The workers march in Lima.", "u6"),
]  # fmt: skip


def test_rules_are_learnt_where_the_team_always_changes_apertium() -> None:
    rules = {r.mt: r for r in learn_rules(TRIPLES)}
    assert rules["regime fujimorista"].english == "Fujimorista regime"
    assert rules["regime fujimorista"].helped == 3 and rules["regime fujimorista"].seen == 3
    assert rules["mates"].english == "comrades"
    assert "workers" not in rules and "march" not in rules  # the team keeps these
    assert rules["mates"].where == ["u3", "u4", "u5"]


def test_a_rule_is_applied_with_the_case_of_its_place() -> None:
    editor = PostEditor(learn_rules(TRIPLES))
    text, used = editor.apply("Mates, down with the regime fujimorista!")
    assert text == "Comrades, down with the Fujimorista regime!"
    assert {r.mt for r in used} == {"mates", "regime fujimorista"}


def test_a_rule_does_not_match_across_punctuation() -> None:
    editor = PostEditor([Rule("of down", "from below", 3, 3)])
    assert editor.apply('the cry of "Down with them')[0] == 'the cry of "Down with them'
    assert editor.apply("the view of down there")[0] == "the view from below there"


def test_unknown_words_take_the_memorys_english_or_lose_their_mark() -> None:
    editor = PostEditor((), {"golpista": ("coup", 9, 12)})
    text, used = editor.apply("The government *golpista of *Boluarte")
    assert text == "The government coup of Boluarte"
    assert [(r.mt, r.english, r.helped, r.seen) for r in used] == [("*golpista", "coup", 9, 12)]


def test_a_rule_switched_off_is_not_applied(tmp_path: Path) -> None:
    rules = learn_rules(TRIPLES)
    mates = next(r for r in rules if r.mt == "mates")
    mates.on = False
    write_switches(tmp_path / "post-edits.tsv", rules)
    again = switched(learn_rules(TRIPLES), read_switches(tmp_path / "post-edits.tsv"))
    text, _ = PostEditor(again).apply("The mates and the regime fujimorista")
    assert text == "The mates and the Fujimorista regime"


def test_rules_read_back_from_json_and_refuse_anything_else() -> None:
    rules = learn_rules(TRIPLES)
    assert rules_from_json(rules_to_json(rules)) == rules
    for bad in ({"mt": "x"}, [{"mt": 1}], [{"__class__": "os.system"}], "rules"):
        with pytest.raises(ValueError):
            rules_from_json(bad)


def test_a_bad_switch_line_names_the_file_and_line(tmp_path: Path) -> None:
    from iwo_tm.errors import IwoError

    path = tmp_path / "post-edits.tsv"
    path.write_text("use\tapertium\tenglish\nmaybe\tmates\tcomrades\n", encoding="utf-8")
    with pytest.raises(IwoError) as err:
        read_switches(path)
    assert str(err.value).startswith(f"{path}:2:")


@pytest.mark.skipif(not available(), reason="apertium and apertium-eng-spa not installed")
def test_post_edits_command_switches_a_rule_off_for_suggest(tmp_path: Path) -> None:
    shutil.copytree(Path(__file__).resolve().parent.parent / "corpus", tmp_path / "corpus")
    assert run_cli("align", "-q", cwd=tmp_path).returncode == 0
    listed = run_cli("post-edits", "--show", "5000", cwd=tmp_path)
    assert listed.returncode == 0, listed.stderr
    rows = [line.split() for line in listed.stdout.splitlines()[1:]]
    number = next(r[0] for r in rows if r[2:4] == ["mates", "comrades"])
    text = tmp_path / "new.md"
    text.write_text("---\nlang: es\n---\n\nLos compañeros de Puno marchan hacia la plaza.\n")
    run_cli("suggest", str(text), "--mt", "yes", "--format", "md", "-o", "a.md", cwd=tmp_path)
    assert "comrades" in (tmp_path / "a.en.md").read_text()
    off = run_cli("post-edits", "--off", number, cwd=tmp_path)
    assert off.returncode == 0 and "wrote" in off.stdout
    assert any(line.startswith("off\tmates\tcomrades") for line in
               (tmp_path / "tmx" / "post-edits.tsv").read_text().splitlines())  # fmt: skip
    run_cli("suggest", str(text), "--mt", "yes", "--format", "md", "-o", "b.md", cwd=tmp_path)
    assert "comrades" not in (tmp_path / "b.en.md").read_text()


def test_a_rule_whose_english_another_rule_explains_is_not_learnt() -> None:
    """In "they went back to the mates of Puno" the team's "comrades" answers "mates", not
    "went back to": no rule writes "comrades" for Apertium's "back" or "back to"."""
    triples = [
        ("Today they went back to the mates of Puno.", "Today they rejoined the comrades of Puno."),
        ("Then they went back to the mates of Lima.", "Then they met the comrades of Lima again."),
        ("Now they went back to the mates of Cusco.", "Now they joined the comrades of Cusco."),
        ("Later they went back to the mates of Tacna.", "Later they returned to the comrades of "
         "Tacna."),
        ("Hello mates.", "Hello comrades."),
        ("The mates march.", "The comrades march."),
        ("Our mates fight.", "Our comrades fight."),
    ]  # fmt: skip
    rules = {
        r.mt: r.english for r in learn_rules((m, e, str(k)) for k, (m, e) in enumerate(triples))
    }
    assert rules["mates"] == "comrades"
    assert not [mt for mt, english in rules.items() if "back" in mt and "comrades" in english]


def test_a_rule_does_not_repeat_the_word_beside_it() -> None:
    editor = PostEditor([Rule("headed", "led by the", 5, 6), Rule("that go all", "go and", 5, 5)])
    assert editor.apply("The relatives headed the march.")[0] == "The relatives led by the march."
    assert editor.apply("That go all and nobody remains!")[0] == "Go and nobody remains!"


def test_a_rules_english_keeps_the_apostrophe_the_team_writes() -> None:
    triples = [
        (f"We open the road to {t}!", f"Let's open the road to {t}!", t)
        for t in ("Lima", "Puno", "Cusco", "Tacna")
    ]
    rules = {r.mt: r.english for r in learn_rules(triples)}
    assert any("Let's" in english for english in rules.values()), rules
    assert not any("Let s" in english for english in rules.values())
