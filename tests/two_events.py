"""A hand-built corpus of two events and three outlets, with one shared wire story and
one outlet's house-style sentence repeated across both events (for tests)."""

from __future__ import annotations

from pathlib import Path

WIRE = (
    "Rescue crews pulled dozens of residents from flooded homes along the river overnight, "
    "and officials said the water had reached its highest level in forty years."
)
HOUSE = (
    "The Daily Courier has asked the governor's office for comment and will update this "
    "story when it replies."
)
STOCK = '"This is a debate we want to have," he said.'

ARTICLES = {
    # event "flood": Courier, Herald and Tribune; Herald and Tribune run the same wire copy
    "f1": (
        "Daily Courier",
        "flood",
        "Floods force hundreds from homes in river valley",
        [
            "Floods forced hundreds of families from their homes in the river valley on "
            "Tuesday after days of heavy rain.",
            "The governor declared a state of emergency for three counties.",
            STOCK,
            HOUSE,
        ],
    ),
    "f2": (
        "Herald",
        "flood",
        "River floods valley towns",
        [
            WIRE,
            "The governor declared an emergency in three counties on Tuesday.",
            "Schools in the valley will stay closed until Friday.",
        ],
    ),
    "f3": (
        "Tribune",
        "flood",
        "Record flood hits the valley",
        [WIRE, "Farmers said their harvest was lost to the water."],
    ),
    # event "budget": the same three outlets on a budget vote
    "b1": (
        "Daily Courier",
        "budget",
        "Senate passes the state budget after long night",
        [
            "The state senate passed the budget by two votes after an all-night session.",
            "Opposition senators said the plan cuts school funding.",
            HOUSE,
        ],
    ),
    "b2": (
        "Herald",
        "budget",
        "Budget clears senate by two votes",
        [
            "Senators approved the state budget early on Wednesday by a margin of two votes.",
            STOCK,
            "The bill now goes to the governor.",
        ],
    ),
    "b3": (
        "Tribune",
        "budget",
        "A narrow budget vote in the senate",
        [
            "The budget passed the senate narrowly, by two votes, on Wednesday morning.",
            "Teachers' unions criticised cuts to school funding.",
        ],
    ),
}


def write_two_events(folder: Path, *, with_event_column: bool = True) -> Path:
    """Write the corpus (one ``.txt`` per article plus ``metadata.csv``) into ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    dates = {"flood": "2024-03-05", "budget": "2024-03-06"}
    lines = ["article_id,source_file,outlet,published" + (",event" if with_event_column else "")]
    for aid, (outlet, event, headline, body) in ARTICLES.items():
        (folder / f"{aid}.txt").write_text(headline + "\n\n" + "\n\n".join(body) + "\n")
        row = f"{aid},{aid}.txt,{outlet},{dates[event]}"
        lines.append(row + (f",{event}" if with_event_column else ""))
    (folder / "metadata.csv").write_text("\n".join(lines) + "\n")
    return folder
