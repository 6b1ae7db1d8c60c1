"""Build corpus.csv, the planted-duplicates fixture of tests/test_duplicates.py.

Run once by hand (``python tests/data/duplicates/make_corpus.py SEED WIKINEWS_DIR``);
the tests read only the CSV it writes. Sources: the client's seed page (a
Xinhua story as reprinted by China.org.cn) and Wikinews articles (CC BY 2.5,
"Wikinews, CC BY 2.5", https://en.wikinews.org). Every planted copy is made
here by an explicit edit, so the expected clusters are known.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pandas as pd

HERE = Path(__file__).parent

# Two texts written for this fixture: different stories on the same event as
# the seed (same call, same names, some quoted sentences) that must NOT be
# merged with it.
DISTINCT_SAME_EVENT = """MOSCOW, January 10 -- Russian Foreign Minister Sergei Lavrov spoke by telephone on Monday with Chinese State Councilor and Foreign Minister Wang Yi, the Russian Foreign Ministry said in a statement.

The ministers focused on events in Kazakhstan. Lavrov informed his Chinese counterpart about the results of the extraordinary online session of the Collective Security Treaty Organization (CSTO) Collective Security Council, at which leaders agreed to send a collective peacekeeping force to Kazakhstan at the request of President Kassym-Jomart Tokayev.

According to the statement, both sides agreed that the unrest had been provoked from outside and that attempts to stage "color revolutions" in Central Asia were unacceptable. They spoke in favour of the speedy restoration of law and order in Kazakhstan and expressed confidence that the country's authorities would cope with the situation.

The Chinese minister said Beijing respected the decision of the CSTO and supported the measures taken by the Kazakh leadership to stabilise the situation, the ministry said.

The two ministers also discussed the schedule of high-level contacts for the coming months, including the visit of Russian President Vladimir Putin to Beijing for the opening of the Winter Olympic Games on February 4. Wang Yi said China was grateful to Russia for its support of the Games and its opposition to attempts to politicise sport.

Lavrov and Wang exchanged views on strategic stability and on the security guarantees Russia had proposed to the United States and NATO, ahead of talks in Geneva and Brussels this week. The Chinese side expressed understanding of Russia's concerns, according to the statement.

The ministers agreed to keep in close contact on regional and international issues, including the situation in Afghanistan and on the Korean Peninsula.
"""

COMMENTARY_QUOTING = """The violence that shook Kazakhstan in the first week of January has given way to an uneasy calm, and the question now is who gains from chaos on China's western border.

On Monday the foreign ministers of China and Russia compared notes by telephone. According to Xinhua's account of the call:

{quote_1}

{quote_2}

Analysts in Beijing read the message as a signal that the two powers intend to act in concert in a region where both have large interests: pipelines and railways for China, security commitments and a large ethnic Russian population for Russia.

The speed of the CSTO deployment surprised Western capitals. The troops came in quickly and are already preparing to leave, which is the opposite of an occupation, one researcher on Central Asian affairs argued.

Western commentators have questioned the official account of foreign-trained militants, pointing to the fuel price protests in the west of the country that preceded the riots. Kazakh authorities say thousands have been detained.

Whatever the origins of the unrest, stability in Kazakhstan matters for the whole region. Trade along the China-Europe rail routes, much of which crosses Kazakh territory, was briefly disrupted, and border crossings at Khorgos were closed for several days.

The lesson is that development remains the best remedy against turmoil, and that neighbours should help rather than lecture.
"""

LIGHT_EDITS = [  # (old, new): what a re-editing outlet typically changes
    ("BEIJING, Jan. 11 (Xinhua) -- ", ""),
    ("on Monday held a phone conversation with", "held phone talks on Monday with"),
    ("vigorous and determined strides", "vigorous strides"),
    ("Lavrov said he fully agrees with", "Lavrov said he fully agreed with"),
    ("the situation in Kazakhstan has improved significantly", "the situation in the country has improved significantly"),
    ("Wang added, also suggesting the two sides support", "Wang added. He also suggested the two sides support"),
    (" Enditem", ""),
]

WIKINEWS_EDITS = [
    ("On Saturday morning, representatives from Iran acknowledged", "Iranian officials on Saturday acknowledged"),
    ("The 176 people on board were all killed.", "All 176 people on board died."),
    ("For several days Iran denied the accusation.", "Iran had denied the accusation for days."),
]


def paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.split("\n") if p.strip()]


def join(paras: list[str]) -> str:
    return "\n\n".join(paras) + "\n"


def edit(text: str, edits) -> str:
    for old, new in edits:
        assert old in text, old
        text = text.replace(old, new)
    return text


def seed_body(seed_path: Path) -> str:
    lines = paragraphs(seed_path.read_text(encoding="utf-8"))
    start = next(i for i, line in enumerate(lines) if line.startswith("BEIJING, Jan. 11"))
    end = next(i for i, line in enumerate(lines) if line.endswith("Enditem"))
    return join(lines[start : end + 1])


def main(seed_path: Path, wikinews_dir: Path) -> None:
    seed_title = "Roundup: Chinese, Russian FMs hold phone call on bilateral ties, situation in Kazakhstan"
    body = seed_body(seed_path)
    paras = paragraphs(body)
    rows = [
        ("kz-01", seed_title, body, "Xinhua", "2022-01-11", "", "original"),
        ("kz-02", seed_title, body, "China.org.cn", "2022-01-11", "kz-01", "exact copy"),
        ("kz-03", "Wang Yi, Lavrov discuss unrest in Kazakhstan and Putin's Olympic visit",
         edit(body, LIGHT_EDITS), "Outlet C", "2022-01-11", "kz-01", "new headline, light edits"),
        ("kz-04", seed_title, join(paras[:-1]), "Outlet D", "2022-01-12", "kz-01", "final paragraph cut"),
        ("kz-05", seed_title, join(paras[8:] + paras[:8]), "Outlet E", "2022-01-12", "kz-01", "paragraphs reordered"),
        ("kz-06", "Lavrov, Wang Yi discuss Kazakhstan and preparations for Putin's visit to Beijing",
         DISTINCT_SAME_EVENT, "Outlet F", "2022-01-11", "", "distinct story, same event"),
        ("kz-07", "Commentary: Central Asia's stability is no playground for outside forces",
         COMMENTARY_QUOTING.format(
             quote_1=next(p for p in paras if p.startswith("Wang stressed")),
             quote_2=next(p for p in paras if p.startswith("China and Russia, as permanent"))), "Outlet G", "2022-01-13", "",
         "distinct story quoting two paragraphs"),
        ("kz-08", seed_title, body, "Outlet H", "2022-02-12", "kz-01", "exact copy a month later"),
    ]
    wikinews = pd.read_csv(wikinews_dir / "wikinews_2020.csv")
    picks = {  # title prefix -> planted copy (or None)
        "United States military kills Qasem Soleimani": None,
        "Iraqi Parliament votes for expulsion": "paragraphs reordered",
        "Stampede during funeral procession": None,
        "Iran admits downing Ukrainian jet": "new headline, light edits",
        "Bernie Sanders wins 2020 Nevada caucuses": "final paragraph cut",
        "Donald Trump wins 2020 US Republican delegates": None,
        "Former Egyptian President Hosni Mubarak dies": "final paragraph cut",
        "National Basketball Association suspends season": "exact copy",
    }
    for n, (prefix, variant) in enumerate(picks.items(), start=1):
        article = wikinews[wikinews.title.str.startswith(prefix)].iloc[0]
        doc_id, text, date = f"wn-{n:02d}", join(paragraphs(article.text)), article.date
        rows.append((doc_id, article.title, text, "Wikinews", date, "", "original"))
        if variant is None:
            continue
        wn_paras = paragraphs(text)
        copy_text = {
            "paragraphs reordered": lambda: join(wn_paras[2:] + wn_paras[:2]),
            "new headline, light edits": lambda: edit(text, WIKINEWS_EDITS),
            "final paragraph cut": lambda: join(wn_paras[:-1]),
            "exact copy": lambda: text,
        }[variant]()
        title = "Tehran says it shot down airliner by mistake" if "headline" in variant else article.title
        later = (pd.Timestamp(date) + pd.Timedelta(days=1)).strftime("%Y-%m-%d")
        rows.append((f"{doc_id}-copy", title, copy_text, "Mirror", later, doc_id, variant))
    corpus = pd.DataFrame(rows, columns=["doc_id", "title", "text", "outlet", "date", "expected_origin", "variant"])
    corpus.to_csv(HERE / "corpus.csv", index=False)
    print(corpus[["doc_id", "outlet", "date", "expected_origin", "variant"]].to_string())


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
