"""The 14 persuasion techniques of SemEval-2020 Task 11, each in one plain line.

Names are exactly those of the task (and of ``TechniqueSpan.technique``); the lines are
ours, for readers of the reports, and match docs/techniques.md (a test keeps them equal).
"""

from __future__ import annotations

TECHNIQUES: dict[str, str] = {
    "Appeal_to_Authority":
        "Says a claim is true because someone important or an expert said it, not because of evidence.",
    "Appeal_to_fear-prejudice":
        "Pushes the reader toward a view by stoking fear of what happens otherwise, or by playing on prejudice.",
    "Bandwagon,Reductio_ad_hitlerum":
        "Urges agreement because everyone else agrees, or rejects an idea because a hated group holds it.",
    "Black-and-White_Fallacy":
        "Presents two options as the only ones, when more exist.",
    "Causal_Oversimplification":
        "Gives one cause for an outcome that has many.",
    "Doubt":
        "Questions someone's credibility to undermine them, without engaging their argument.",
    "Exaggeration,Minimisation":
        "Makes something look much bigger, or much smaller, than the facts support.",
    "Flag-Waving":
        "Leans on patriotism or group pride to justify a position.",
    "Loaded_Language":
        "Uses words chosen for their emotional charge rather than their precision.",
    "Name_Calling,Labeling":
        "Tags a person or group with a label meant to make the reader despise or admire them.",
    "Repetition":
        "Repeats the same message again and again so that it sticks.",
    "Slogans":
        "A short, catchy phrase standing in for an argument.",
    "Thought-terminating_Cliches":
        "A stock phrase that discourages further thinking or discussion.",
    "Whataboutism,Straw_Men,Red_Herring":
        "Deflects criticism by pointing at others, misrepresents an opposing view, or changes the subject.",
}


def explain(technique: str) -> str:
    """One plain line for a technique name; unknown names get a neutral line."""
    return TECHNIQUES.get(technique, "A persuasion technique (no description available).")
