from __future__ import annotations

import json
import random
import re
import sys
from collections import Counter
from pathlib import Path
from types import ModuleType

import pytest

from unspin.errors import InputError
from unspin.evaluation.attribution import (
    DEVELOPMENT,
    FIFTH_HELD_BACK,
    FOURTH_HELD_BACK,
    NAMED_PARTS,
    NEW_HELD_BACK,
    OLD_HELD_BACK,
    PREDICTED_KINDS,
    SEVENTH_HELD_BACK,
    SIXTH_HELD_BACK,
    THIRD_HELD_BACK,
    Dateline,
    Entity,
    GoldArticle,
    Mention,
    Predicted,
    PredictedSource,
    Relation,
    Report,
    bootstrap,
    load_set,
    match,
    mentions,
    name_is_right,
    normalise_name,
    part_of,
    predict,
    problems,
    score,
    score_article,
)
from unspin.evaluation.polnear import annotation_file, read_relations

DATA = Path(__file__).resolve().parents[1] / "data" / "attribution"

# A tiny article with every case the scorer tells apart. Offsets are worked out below.
TEXT = ("LONDON (AP) — Officials said taxes rise. John Smith said no. He added more. "
        "The report says so. It is expected to pass.")


def _at(word: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(word, start + 1)
    return start, start + len(word)


def _relation(rid: str, source: str | None, form: str, entity: str | None, kind: str | None,
              cue: str = "said", nth: int = 0) -> Relation:
    span = (_at(source, nth),) if source else ()
    return Relation(rid, span, source or "", (_at(cue),), ((0, 1),), form, entity, kind)


ARTICLE = GoldArticle(
    name="tiny", split="handmade", text=TEXT,
    entities={"John Smith": Entity("John Smith", "person", ("Smith",)),
              "Report on taxes": Entity("Report on taxes", "document")},
    relations=(
        _relation("H1", "Officials", "vague", None, "vague"),
        _relation("H2", "John Smith", "name", "John Smith", "person", cue="said no"),
        _relation("H3", "He", "pronoun", "John Smith", "person", cue="added"),
        _relation("H4", "The report", "document", "Report on taxes", "document", cue="says"),
        _relation("H5", None, "none", None, "vague", cue="expected"),
    ),
    datelines=(Dateline(0, 13, "London", "AP"),),
)


def _predicted(word: str, kind: str, name: str | None = None, nth: int = 0) -> PredictedSource:
    start, end = _at(word, nth)
    return PredictedSource(start, end, word, kind, name)


PREDICTED = Predicted((
    _predicted("LONDON", "named_organization", "LONDON"),    # a dateline: no gold source
    _predicted("Officials", "vague"),                         # right
    _predicted("John Smith", "named_person", "John Smith"),   # right
    _predicted("He", "named_person", "Jane Doe"),             # wrong name
    _predicted("The report", "vague"),                        # a document flagged vague
    _predicted("expected", "vague"),                          # the implicit vague holder
), contents=((0, 30),))                                         # runs over the dateline


def test_attribution_scores_every_figure_of_a_hand_computed_article() -> None:
    report = score_article(ARTICLE, PREDICTED)
    figures = report.figures()
    assert figures["vague_precision"] == pytest.approx(2 / 3)  # Officials, expected / 3 flags
    assert figures["vague_recall"] == 1.0                      # Officials: the one explicit
    assert figures["implicit_vague_recall"] == 1.0
    assert figures["named_precision"] == pytest.approx(1 / 3)  # John Smith, not LONDON, He
    assert figures["resolution_accuracy"] == 0.0               # "He" went to Jane Doe
    assert figures["resolution_coverage"] == 1.0
    assert report.counts["dateline_sources"] == 1 and report.counts["dateline_contents"] == 1
    assert report.confusion["no gold source", "named_organization"] == 1
    assert report.confusion["document", "vague"] == 1
    assert report.resolution["pronoun", "wrong"] == 1
    reasons = {(e.figure, e.reason) for e in report.errors}
    assert ("vague precision", "gold is document / document") in reasons
    assert ("named precision", "no gold source") in reasons
    assert ("named precision", "wrong name") in reasons


def test_attribution_counts_misses_and_unresolved_names() -> None:
    predicted = Predicted((_predicted("He", "vague"),))
    report = score_article(ARTICLE, predicted)
    assert report.counts["resolution_found"] == 1 and report.counts["resolution_unresolved"] == 1
    assert report.figures()["unresolved_rate"] == 1.0
    assert report.counts["vague_gold"] == 1 and report.counts["vague_found"] == 0
    assert report.confusion["vague", "missed"] == 1
    assert report.confusion["person", "missed"] == 1  # John Smith: found by nobody


@pytest.mark.parametrize("name,correct", [(None, True), ("Paul Hendry", False)])
def test_attribution_rewards_unresolved_only_for_an_undecidable_pronoun(
        name: str | None, correct: bool) -> None:
    text = "Hendry and Kell met. He said it was over."
    article = GoldArticle(
        "two-men", "handmade", text,
        {"Paul Hendry": Entity("Paul Hendry", "person", ("Hendry",)),
         "Steve Kell": Entity("Steve Kell", "person", ("Kell",))},
        (Relation("H1", ((21, 23),), "He", ((24, 28),), ((29, 40),), "pronoun", "unresolved",
                  "person", ("Paul Hendry", "Steve Kell")),))
    kind = "named_person" if name else "vague"
    report = score_article(article, Predicted((PredictedSource(21, 23, "He", kind, name),)))
    assert report.figures()["resolution_accuracy"] == (1.0 if correct else 0.0)


def test_attribution_mentions_merge_a_shared_source_and_place_implicit_holders_at_the_cue() -> None:
    twice = (*ARTICLE.relations, _relation("H6", "He", "pronoun", "John Smith", "person"))
    found = mentions(GoldArticle("x", "handmade", TEXT, ARTICLE.entities, twice))
    assert [m.text for m in found] == ["Officials", "John Smith", "He", "The report", "expected"]
    assert found[-1].implicit and found[-1].spans == (_at("expected"),)


def test_attribution_match_prefers_the_larger_overlap_then_the_earlier_mention() -> None:
    gold = [Mention(((0, 10),), "a", "vague", None, "vague"),
            Mention(((5, 30),), "b", "vague", None, "vague"),
            Mention(((40, 50),), "c", "none", None, "vague", implicit=True)]
    assert match(PredictedSource(2, 12, "", "vague"), gold) is gold[0]       # 8 chars to 7
    assert match(PredictedSource(8, 20, "", "vague"), gold) is gold[1]
    assert match(PredictedSource(5, 10, "", "vague"), gold) is gold[0]       # a tie: the earlier
    assert match(PredictedSource(45, 47, "", "vague"), gold) is gold[2]      # only the cue
    assert match(PredictedSource(60, 70, "", "vague"), gold) is None


@pytest.mark.parametrize("name,expected", [
    ("The Washington Post", "washington post"),
    ("Trump’s", "trump"),
    ("R. Gil Kerlikowske", "r gil kerlikowske"),
    ("  Hillary  Rodham-Clinton ", "hillary rodham-clinton"),
    ("Sarukhán", "sarukhán"),
])
def test_attribution_normalises_names(name: str, expected: str) -> None:
    assert normalise_name(name) == expected


@pytest.mark.parametrize("name,right", [
    ("John Smith", True), ("Smith", True), ("john smith's", True), ("Jane Doe", False),
    ("Said Smith", False), (None, False),
])
def test_attribution_names_are_right_only_as_listed(name: str | None, right: bool) -> None:
    assert name_is_right(name, "John Smith", ARTICLE) is right


def test_attribution_names_a_pair_in_either_order() -> None:
    pair = GoldArticle(
        name="pair", split="handmade", text="", relations=(),
        entities={"Ann Lee and Bo Park": Entity("Ann Lee and Bo Park", "person")})
    assert name_is_right("Bo Park and Ann Lee", "Ann Lee and Bo Park", pair)
    assert name_is_right("Ann Lee & Bo Park", "Ann Lee and Bo Park", pair)
    assert not name_is_right("Ann Lee", "Ann Lee and Bo Park", pair)
    assert not name_is_right("Bo Park and Cy Chu", "Ann Lee and Bo Park", pair)


def test_attribution_reports_add_up_and_say_none_when_nothing_was_counted() -> None:
    one = score_article(ARTICLE, PREDICTED)
    two = one + one
    assert two.counts["vague_flags"] == 2 * one.counts["vague_flags"]
    assert two.figures() == one.figures()
    assert Report().figures()["vague_precision"] is None
    assert score([ARTICLE, ARTICLE], {"tiny": PREDICTED}).counts == two.counts


def test_attribution_bootstrap_is_repeatable_and_brackets_the_value() -> None:
    empty = score_article(ARTICLE, Predicted(()))
    reports = [score_article(ARTICLE, PREDICTED), empty, empty]
    first = bootstrap(reports, "named_precision", samples=200, seed=1)
    assert first == bootstrap(reports, "named_precision", samples=200, seed=1)
    assert first is not None and 0.0 <= first[0] <= 1 / 3 <= first[1] <= 1.0
    assert bootstrap([empty], "named_precision", samples=10) is None


def test_attribution_problems_catch_bad_labels() -> None:
    bad = GoldArticle("bad", "handmade", TEXT, ARTICLE.entities, (
        Relation("H1", (_at("Officials"),), "Officers", (), (), "vague", None, "vague"),
        Relation("H2", (_at("He"),), "He", (), (), "pronoun", "Jane Doe", "person"),
        Relation("H3", (_at("He"),), "He", (), (), "pronoun", "John Smith", "person"),
        Relation("H4", (), "", (), (), "name", None, None),
    ))
    found = "\n".join(problems(bad))
    assert "'Officers'" in found
    assert "'Jane Doe' is not in the entity table" in found
    assert "H2 and H3 share a source span" in found
    assert "form 'none' goes with an empty source span" in found


def test_attribution_rejects_a_label_file_without_its_header(tmp_path: Path) -> None:
    (tmp_path / "handmade").mkdir()
    (tmp_path / "handmade" / "x.txt").write_text("text", encoding="utf-8")
    (tmp_path / "handmade" / "x.jsonl").write_text('{"record": "entity"}\n', encoding="utf-8")
    with pytest.raises(InputError, match="first line must be the article record"):
        load_set(tmp_path)
    (tmp_path / "handmade" / "x.jsonl").write_text('{"record": "article"}\n{oops\n',
                                                   encoding="utf-8")
    with pytest.raises(InputError, match="line 2 is not JSON"):
        load_set(tmp_path)


def _write_handmade(root: Path, name: str, header: dict[str, object]) -> None:
    (root / "handmade").mkdir(exist_ok=True)
    (root / "handmade" / f"{name}.txt").write_text("Officials said so.", encoding="utf-8")
    (root / "handmade" / f"{name}.jsonl").write_text(
        json.dumps({"record": "article", "name": name, "split": "handmade", **header}) + "\n",
        encoding="utf-8")


def test_attribution_parts_keep_the_new_held_back_articles_apart(tmp_path: Path) -> None:
    _write_handmade(tmp_path, "fresh", {"part": NEW_HELD_BACK})
    _write_handmade(tmp_path, "blind", {"part": THIRD_HELD_BACK})
    _write_handmade(tmp_path, "blind4", {"part": FOURTH_HELD_BACK})
    _write_handmade(tmp_path, "blind5", {"part": FIFTH_HELD_BACK})
    _write_handmade(tmp_path, "blind6", {"part": SIXTH_HELD_BACK})
    _write_handmade(tmp_path, "blind7", {"part": SEVENTH_HELD_BACK})
    _write_handmade(tmp_path, "surnames", {})   # drawn for the first held-back part
    _write_handmade(tmp_path, "tuned", {})
    parts = {a.name: part_of(a) for a in load_set(tmp_path)}
    assert parts == {"fresh": NEW_HELD_BACK, "blind": THIRD_HELD_BACK, "blind4": FOURTH_HELD_BACK,
                     "blind5": FIFTH_HELD_BACK, "blind6": SIXTH_HELD_BACK, "blind7": SEVENTH_HELD_BACK,
                     "surnames": OLD_HELD_BACK, "tuned": DEVELOPMENT}
    dev = GoldArticle("wash-post_x", "dev", "", {}, ())
    assert part_of(dev) == OLD_HELD_BACK


def test_attribution_rejects_a_part_it_does_not_know(tmp_path: Path) -> None:
    _write_handmade(tmp_path, "x", {"part": "heldback"})
    with pytest.raises(InputError, match="the parts a file may name are 'new-held-back', 'third-held-back', "
                                         "'fourth-held-back', 'fifth-held-back', 'sixth-held-back', "
                                         "'seventh-held-back'"):
        load_set(tmp_path)


# --- the committed set ------------------------------------------------------------------------


def test_attribution_handmade_articles_are_well_formed_and_cover_the_issue() -> None:
    articles = load_set(DATA)
    assert len(articles) >= 15
    assert [p for a in articles for p in problems(a)] == []
    datelines = {a.text[d.start:d.end] for a in articles for d in a.datelines}
    assert {"WASHINGTON (AP) —", "LONDON —", "Washington (AFP) –"} <= datelines
    forms = {r.form for a in articles for r in a.relations}
    assert set(forms) >= {"name", "surname", "pronoun", "description", "vague", "document"}
    assert any(r.entity == "unresolved" for a in articles for r in a.relations)


@pytest.fixture(scope="module")
def polnear_dir(shared_dir: Path) -> Path:
    path = shared_dir / "data" / "polnear"
    if not (path / "train" / "attributions").is_dir():
        pytest.skip(f"needs PolNeAR in {path}, which is absent")
    return path


@pytest.mark.slow
def test_attribution_polnear_labels_are_well_formed_and_large_enough(polnear_dir: Path) -> None:
    articles = [a for a in load_set(DATA, polnear_dir) if a.split != "handmade"]
    assert [p for a in articles for p in problems(a)] == []
    assert len(articles) >= 20 and sum(len(a.relations) for a in articles) >= 300
    assert {a.split for a in articles} == {"train", "dev"}
    assert len({a.name.split("_")[0] for a in articles}) >= 5  # publishers


@pytest.mark.slow
def test_attribution_new_held_back_part_is_large_enough_and_rich_in_vague_sources(
        polnear_dir: Path) -> None:
    """Issue 14's held-back check: at least 15 new articles and 40 vague mentions."""
    new = [a for a in load_set(DATA, polnear_dir) if part_of(a) == NEW_HELD_BACK]
    assert len(new) >= 15 and {a.split for a in new} == {"train"}
    vague = {(a.name, r.source) for a in new for r in a.relations if r.source and r.kind == "vague"}
    assert len(vague) >= 40


@pytest.mark.slow
def test_attribution_third_held_back_part_has_ten_articles_of_polnear_train(
        polnear_dir: Path) -> None:
    """Section 15's blind part: at least ten PolNeAR train articles, none of the first 150
    (on which the quotes stage's span rules were tuned)."""
    third = [a for a in load_set(DATA, polnear_dir) if part_of(a) == THIRD_HELD_BACK]
    first_150 = {p.stem for p in sorted((polnear_dir / "train" / "text").glob("*.txt"))[:150]}
    assert len(third) >= 10 and {a.split for a in third} == {"train"}
    assert not {a.name for a in third} & first_150


def _attribution_benchmark() -> ModuleType:
    sys.path.insert(0, str(Path(__file__).resolve().parents[2] / "benchmarks"))
    try:
        import attribution_eval
    finally:
        sys.path.pop(0)
    return attribution_eval


def test_attribution_benchmark_leaves_each_blind_part_out_unless_its_flag_asks(
        tmp_path: Path) -> None:
    """The third to seventh held-back parts are not even run through unspin by default;
    ``--score PART`` brings in its own part only."""
    for name, part in (("tuned", {}), ("blind", {"part": THIRD_HELD_BACK}),
                       ("blind4", {"part": FOURTH_HELD_BACK}), ("blind5", {"part": FIFTH_HELD_BACK}),
                       ("blind6", {"part": SIXTH_HELD_BACK}),
                       ("blind7", {"part": SEVENTH_HELD_BACK})):
        _write_handmade(tmp_path, name, part)
    articles = load_set(tmp_path)
    bench = _attribution_benchmark()

    def scored(*argv: str) -> set[str]:
        return {a.name for a in bench.scored_articles(articles, bench.parse_args(list(argv)).score)}

    assert scored() == {"tuned"}
    assert scored("--score", FOURTH_HELD_BACK) == {"tuned", "blind4"}
    assert scored("--score", THIRD_HELD_BACK) == {"tuned", "blind"}
    assert scored("--score", FIFTH_HELD_BACK) == {"tuned", "blind5"}
    assert scored("--score", SIXTH_HELD_BACK) == {"tuned", "blind6"}
    assert scored("--score", SEVENTH_HELD_BACK) == {"tuned", "blind7"}
    assert scored("--errors", SEVENTH_HELD_BACK) == {"tuned", "blind7"}
    assert scored("--score", THIRD_HELD_BACK, "--score", FIFTH_HELD_BACK) == {
        "tuned", "blind", "blind5"}


def test_attribution_benchmark_errors_name_parts_and_score_the_blind_ones() -> None:
    """``--errors`` alone lists the development part's misses; ``--errors PART`` (repeatable)
    any part's, and a blind part whose misses are listed is scored."""
    bench = _attribution_benchmark()
    assert bench.parse_args(["--errors"]).errors == {DEVELOPMENT}
    both = bench.parse_args(["--errors", FIFTH_HELD_BACK, "--errors", NEW_HELD_BACK])
    assert both.errors == {FIFTH_HELD_BACK, NEW_HELD_BACK} and FIFTH_HELD_BACK in both.score
    assert bench.parse_args([]).errors == set()


@pytest.mark.slow
def test_attribution_fourth_held_back_part_is_new_polnear_train_text(polnear_dir: Path) -> None:
    """Section 16's blind part: at least ten PolNeAR train articles of at least four
    publishers, none of the first 150 (the quotes stage's tuning text), about 180 relations."""
    articles = load_set(DATA, polnear_dir)
    fourth = [a for a in articles if part_of(a) == FOURTH_HELD_BACK]
    first_150 = {p.stem for p in sorted((polnear_dir / "train" / "text").glob("*.txt"))[:150]}
    assert len(fourth) >= 10 and {a.split for a in fourth} == {"train"}
    assert len({a.name.split("_")[0] for a in fourth}) >= 4
    assert not {a.name for a in fourth} & first_150
    assert sum(len(a.relations) for a in fourth) >= 180


@pytest.mark.slow
def test_attribution_fifth_held_back_part_is_new_polnear_train_text(polnear_dir: Path) -> None:
    """Section 17's blind part: at least ten PolNeAR train articles of at least four
    publishers, at most three each, none of the first 150, none of the fourth part, and at
    least 40 vague source mentions (the class it was drawn for)."""
    articles = load_set(DATA, polnear_dir)
    fifth = [a for a in articles if part_of(a) == FIFTH_HELD_BACK]
    first_150 = {p.stem for p in sorted((polnear_dir / "train" / "text").glob("*.txt"))[:150]}
    publishers = Counter(a.name.split("_")[0] for a in fifth)
    assert len(fifth) >= 10 and {a.split for a in fifth} == {"train"}
    assert len(publishers) >= 4 and max(publishers.values()) <= 3
    assert not {a.name for a in fifth} & first_150
    vague = [m for a in fifth for m in mentions(a) if m.kind == "vague" and m.form != "none"]
    assert len(vague) >= 40


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted((DATA / "polnear").glob("*.jsonl")), ids=lambda p: p.stem)
def test_attribution_polnear_spans_are_polnears(path: Path, polnear_dir: Path) -> None:
    """Our relations are PolNeAR's, in its order, from the first annotator file by name;
    a span differs only where the record says why, and added relations come last."""
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    header = records[0]
    ann = annotation_file(polnear_dir / header["split"] / "attributions", header["name"])
    assert ann is not None and ann.name == header["annotation"]
    gold = read_relations(ann.read_text(encoding="utf-8"))
    ours = [r for r in records if r["record"] == "relation"]
    assert [r["origin"] for r in ours] == ["polnear"] * len(gold) + ["added"] * (len(ours) - len(gold))
    for theirs, mine in zip(gold, ours):
        assert [tuple(s) for s in mine["content"]] == list(theirs.content)
        assert [tuple(s) for s in mine.get("polnear_cue", mine["cue"])] == list(theirs.cue)
        assert [tuple(s) for s in mine.get("polnear_source", mine["source"])] == list(theirs.source)
        assert ("polnear_source" in mine or "polnear_cue" in mine) <= ("polnear_issue" in mine)


@pytest.mark.slow
def test_attribution_predict_reports_kinds_on_a_handmade_article() -> None:
    article = next(a for a in load_set(DATA) if a.name == "vague-sources")
    found = predict([article])[article.name]
    assert found.sources and all(s.kind in PREDICTED_KINDS for s in found.sources)
    assert all(article.text[s.start:s.end] == s.text for s in found.sources)


# Section 14's words: a short source span holding one makes an article likely to cite a vague source.
_VAGUE_WORDS = re.compile(
    r"\b(officials|experts|critics|analysts|sources?|aides|observers|advisers|strategists|insiders|"
    r"people familiar|some|many|others|media|reports|supporters|opponents|economists|lawmakers|"
    r"Republicans|Democrats|voters)\b", re.IGNORECASE)


@pytest.mark.slow
def test_attribution_sixth_held_back_part_keeps_its_draw_rule(polnear_dir: Path) -> None:
    """Section 18's blind part: twelve PolNeAR train articles, at most three per publisher,
    none of the first 150, each first annotator file with at most 25
    relations and at least 2 source spans under 60 characters holding one of section 14's
    words (the relaxed rule of section 17)."""
    articles = load_set(DATA, polnear_dir)
    sixth = [a for a in articles if part_of(a) == SIXTH_HELD_BACK]
    first_150 = {p.stem for p in sorted((polnear_dir / "train" / "text").glob("*.txt"))[:150]}
    publishers = Counter(a.name.split("_")[0] for a in sixth)
    assert len(sixth) == 12 and {a.split for a in sixth} == {"train"}
    assert len(publishers) >= 4 and max(publishers.values()) <= 3
    assert not {a.name for a in sixth} & first_150
    for article in sixth:
        ann = annotation_file(polnear_dir / "train" / "attributions", article.name)
        assert ann is not None
        gold = read_relations(ann.read_text(encoding="utf-8"))
        short = {r.source for r in gold if r.source and len(r.source_text) < 60
                 and _VAGUE_WORDS.search(r.source_text)}
        assert len(gold) <= 25 and len(short) >= 2, article.name


RESERVED_POOL = (Path(__file__).resolve().parents[2] / "src" / "unspin" / "models" / "source_spans"
                 / "reserved_pool.txt")


def _polnear_label_headers() -> dict[str, dict[str, str]]:
    """Each PolNeAR label file's article record, by article name (no PolNeAR text needed)."""
    headers = {}
    for path in sorted((DATA / "polnear").glob("*.jsonl")):
        with path.open(encoding="utf-8") as lines:
            headers[path.stem] = json.loads(next(lines))
    return headers


def test_attribution_seventh_held_back_part_is_the_fixed_draw_from_the_reserved_pool() -> None:
    """Section 21's blind part: the reserved pool less every article already labelled, sorted,
    shuffled with ``random.Random(19)``, taken in that order at most three per publisher until
    twelve; all PolNeAR train."""
    headers = _polnear_label_headers()
    seventh = sorted(n for n, h in headers.items() if h.get("part") == SEVENTH_HELD_BACK)
    # labelled before the seventh part: no part, or one of the parts named before it (a later
    # part drawn from the same pool must not change this draw)
    earlier_parts = NAMED_PARTS[:NAMED_PARTS.index(SEVENTH_HELD_BACK)]
    earlier = {n for n, h in headers.items() if h.get("part", earlier_parts[0]) in earlier_parts}
    pool = RESERVED_POOL.read_text(encoding="utf-8").split()
    remaining = sorted(n for n in pool if n not in earlier)
    random.Random(19).shuffle(remaining)
    drawn: list[str] = []
    for name in remaining:
        publisher = name.split("_")[0]
        if len(drawn) < 12 and sum(d.split("_")[0] == publisher for d in drawn) < 3:
            drawn.append(name)
    assert seventh == sorted(drawn) and len(seventh) == 12
    assert {headers[n]["split"] for n in seventh} == {"train"}
    assert all(headers[n]["annotation"].startswith(n + "_") for n in seventh)


@pytest.mark.slow
def test_attribution_seventh_held_back_part_holds_every_polnear_relation(polnear_dir: Path) -> None:
    """Each article of section 21 labels every relation of its first annotator file, and its
    labels pass the form checks."""
    seventh = [a for a in load_set(DATA, polnear_dir) if part_of(a) == SEVENTH_HELD_BACK]
    assert len(seventh) == 12
    assert [p for a in seventh for p in problems(a)] == []
    for article in seventh:
        ann = annotation_file(polnear_dir / "train" / "attributions", article.name)
        assert ann is not None
        gold = read_relations(ann.read_text(encoding="utf-8"))
        assert sum(r.origin == "polnear" for r in article.relations) == len(gold), article.name
