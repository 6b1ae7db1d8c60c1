"""News-archive exports: each documented layout built here, loaded article by article.

The fixtures are written by the tests themselves from the archives' documented structure
(Nexis Uni DOCX through python-docx; the rest as text, HTML, XML and RTF by hand), with
public-domain text (Lincoln, 1863 and 1865; Washington, 1789): no archive content is stored.
"""

import io
import textwrap
import warnings
import zipfile

import pandas as pd
import pytest

import toolkit
from toolkit import news_archives
from toolkit.errors import LoadWarning

GETTYSBURG = [
    "Four score and seven years ago our fathers brought forth on this continent, a new nation, "
    "conceived in Liberty, and dedicated to the proposition that all men are created equal.",
    "Now we are engaged in a great civil war, testing whether that nation, or any nation so conceived "
    "and so dedicated, can long endure.",
]
SECOND_INAUGURAL = [
    "With malice toward none, with charity for all, with firmness in the right as God gives us to see the right, "
    "let us strive on to finish the work we are in.",
    "Fondly do we hope, fervently do we pray, that this mighty scourge of war may speedily pass away.",
]
WASHINGTON = [
    "Among the vicissitudes incident to life no event could have filled me with greater anxieties than that "
    "of which the notification was transmitted by your order.",
]
METADATA_WORDS = ("Length:", "Byline:", "Load-Date", "Classification", "Copyright", "LENGTH:", "BYLINE:",
                  "LOAD-DATE", "Section:", "Language:", "Publication-Type", "End of Document", "DOCUMENTS")


def load(paths, **options):
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        articles = toolkit.load_articles(paths, **options)
    return articles, [w for w in caught if issubclass(w.category, LoadWarning)]


def assert_clean(articles):
    for text in articles["text"]:
        for word in METADATA_WORDS:
            assert word not in text, (word, text)


# --- Nexis Uni -----------------------------------------------------------------------------

def nexis_uni_lines(stories, *, cover=True):
    lines = []
    if cover:
        lines += ["User Name: = Library user", "Date and Time: = 2022-01-10 09:00", "Job Number: = 165432",
                  f"Documents ({len(stories)})", "1. A new nation", "Client/Matter: -None-",
                  "Search Terms: civil war", "Search Type: Terms and Connectors", "Narrowed by: Content Type News", ""]
    for title, outlet, date, byline, paragraphs in stories:
        lines += [title, outlet, date, f"Copyright 2022 {outlet} All Rights Reserved", "",
                  "Section: WORLD; Version:2", f"Length: {sum(len(p.split()) for p in paragraphs)} words"]
        if byline:
            lines.append(f"Byline: {byline}")
        lines += ["Body", *paragraphs, "Classification", "Language: ENGLISH", "Publication-Type: Newspaper",
                  "Subject: WAR (90%); CIVIL WAR (88%)", "Load-Date: January 8, 2022", "End of Document"]
    return lines


STORIES = [
    ("A new nation", "The Gettysburg Gazette", "January 7, 2022 Friday", "Abraham Lincoln", GETTYSBURG),
    ("With malice toward none", "The Washington Chronicle", "March 4, 2022 Friday 12:00 PM GMT", "", SECOND_INAUGURAL),
    ("A new nation", "The Gettysburg Gazette", "January 7, 2022 Friday", "Abraham Lincoln", GETTYSBURG),
]


def write_docx(path, lines):
    import docx

    document = docx.Document()
    for line in lines:
        document.add_paragraph(line)
    document.save(path)


def test_nexis_uni_docx_every_article_with_its_metadata(tmp_path):
    path = tmp_path / "Files (3).DOCX"
    write_docx(path, nexis_uni_lines(STORIES))
    articles, caught = load(path)
    assert not caught
    assert len(articles) == 3
    first = articles.iloc[0]
    assert first["title"] == "A new nation"
    assert first["outlet"] == "The Gettysburg Gazette"
    assert first["date"] == pd.Timestamp("2022-01-07")
    assert first["author"] == "Abraham Lincoln"
    assert first["language"] == "en"
    assert first["section"] == "WORLD; Version:2"
    assert first["length"] == sum(len(p.split()) for p in GETTYSBURG)
    assert first["text"] == "\n\n".join(GETTYSBURG)
    assert articles.iloc[1]["date"] == pd.Timestamp("2022-03-04")
    assert articles["export_position"].tolist() == ["1 of 3", "2 of 3", "3 of 3"]
    # Nexis delivers the same story twice: the copy points at the first
    assert pd.isna(articles.iloc[0]["export_duplicate_of"]) and articles.iloc[2]["export_duplicate_of"] == 1
    assert_clean(articles)


def test_nexis_uni_malformed_article_is_reported_with_its_position(tmp_path):
    lines = nexis_uni_lines(STORIES[:2])
    broken = ["Untitled fragment", "Body", "A paragraph with no metadata at all.", "End of Document"]
    path = tmp_path / "export.docx"
    write_docx(path, lines + broken)
    articles, caught = load(path)
    assert len(articles) == 2 and len(caught) == 1
    report = toolkit.load_report(articles)
    assert report["reason"].str.contains("article 3 of 3").any()


def test_nexis_uni_text_and_rtf_are_read_like_the_docx(tmp_path):
    lines = nexis_uni_lines(STORIES[:2], cover=False)
    (tmp_path / "nexis.txt").write_text("\n".join(lines), encoding="utf-8")
    rtf = "{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times;}}" + "".join(
        "\\pard " + line.replace("\\", "\\\\").replace("{", "\\{").replace("}", "\\}") + "\\par\n" for line in lines
    ) + "}"
    (tmp_path / "nexis.rtf").write_text(rtf, encoding="ascii")
    text_articles, _ = load(tmp_path / "nexis.txt")
    rtf_articles, _ = load(tmp_path / "nexis.rtf")
    columns = ["title", "outlet", "date", "author", "text"]
    pd.testing.assert_frame_equal(text_articles[columns], rtf_articles[columns])
    assert text_articles["title"].tolist() == ["A new nation", "With malice toward none"]
    assert_clean(text_articles)


def test_rtf_unicode_escapes_are_decoded(tmp_path):
    lines = nexis_uni_lines([("Caf\\'e9 \\u8220?news\\u8221?", "Outlet", "January 7, 2022", "", GETTYSBURG)],
                            cover=False)
    rtf = "{\\rtf1\\ansi " + "".join(f"\\pard {line}\\par\n" for line in lines) + "}"
    (tmp_path / "export.rtf").write_text(rtf, encoding="ascii")
    articles, _ = load(tmp_path / "export.rtf")
    assert articles.iloc[0]["title"] == "Café “news”"


# --- LexisNexis Academic --------------------------------------------------------------------

def lexisnexis_text(stories):
    # the request header LexisNexis Academic puts before the first document
    blocks = ["\n\n\nDownload Request: Selected Items: 1-2\nTime Of Request: Friday, March 20, 2018  16:51:31\n\n"
              "Terms: (DATE(>=2009-12-01 and <=2010-05-11) and (civil war))\n\nSource: Gazettes\nProject ID: None\n\n"]
    for number, (title, outlet, date, byline, paragraphs) in enumerate(stories, start=1):
        if number == 2:  # an edition under the date, centred like it
            date += "\n                                   Edition 1;\n                                    Scotland"
        body = "\n\n".join(
            "\n".join(textwrap.wrap(p, 70)) for p in paragraphs  # lines wrapped at 70 characters
        )
        blocks.append(
            f"                          {number} of {len(stories)} DOCUMENTS\n\n"
            f"                          {outlet}\n\n"
            f"                         {date}\n\n{title}\n\nBYLINE: {byline}\n\nSECTION: NEWS; Pg. 5\n\n"
            f"LENGTH: 120 words\n\n{body}\n\nLOAD-DATE: January 9, 2022\n\nLANGUAGE: ENGLISH\n\n"
            f"PUBLICATION-TYPE: Newspaper\n\n            Copyright 2022 {outlet}\n                All Rights Reserved\n\n"
        )
    return "".join(blocks)


def test_lexisnexis_academic_text_by_content_not_suffix(tmp_path):
    path = tmp_path / "download.txt"  # an ordinary suffix: recognised by "1 of 2 DOCUMENTS"
    path.write_text(lexisnexis_text(STORIES[:2]), encoding="utf-8")
    articles, _ = load(path)
    assert articles["title"].tolist() == ["A new nation", "With malice toward none"]
    assert articles["outlet"].tolist() == ["The Gettysburg Gazette", "The Washington Chronicle"]
    assert articles.iloc[0]["author"] == "Abraham Lincoln"
    assert articles.iloc[0]["length"] == 120
    assert articles.iloc[1]["edition"] == "Edition 1; Scotland"
    assert articles.iloc[0]["text"] == "\n\n".join(GETTYSBURG)
    assert_clean(articles)


# --- Factiva -------------------------------------------------------------------------------

def factiva_codes_html(stories):
    def row(code, value):
        return f'<tr><td align="right" valign="top" class="index"><b>{code}</b>&nbsp;</td><td>{value}</td></tr>'

    articles = []
    for number, (title, outlet, date, byline, paragraphs) in enumerate(stories):
        lp = "".join(f'<p class="articleParagraph enarticleParagraph">{p}</p>' for p in paragraphs[:1])
        td = "".join(f'<p class="articleParagraph enarticleParagraph">{p}</p>' for p in paragraphs[1:])
        articles.append(
            '<div class="article enArticle"><table>'
            + row("HD", f"<b class='enHeadline'>{title}</b>") + row("BY", byline) + row("WC", "312 words")
            + row("PD", date) + row("SN", outlet) + row("SC", "GAZTTE") + row("LA", "English")
            + row("CY", f"(c) 2022 {outlet}") + row("LP", lp) + row("TD", td)
            + row("NS", "gcat : Political/General News") + row("AN", f"Document GAZTTE0020220107ei170000{number}")
            + "</table></div>"
        )
    return "<html><head><title>Factiva</title></head><body><div id='contentLeft'>" + "".join(articles) + "</div></body></html>"


def factiva_class_html(stories):
    articles = []
    for number, (title, outlet, date, byline, paragraphs) in enumerate(stories):
        body = "".join(f'<p class="articleParagraph enarticleParagraph">{p}</p>' for p in paragraphs)
        author = f'<div class="author">By {byline}</div>' if byline else ""
        articles.append(
            f'<div class="article enArticle"><div id="hd"><span class="enHeadline">{title}</span></div>{author}'
            f"<div>312 words</div><div>{date}</div><div>08:30</div><div>{outlet}</div><div>GAZTTE</div>"
            f"<div>English</div><div>(c) 2022 {outlet}. All Rights Reserved.</div>{body}"
            f"<div>Document GAZTTE0020220107ei170000{number}</div></div>"
        )
    return "<html><body>" + "".join(articles) + "</body></html>"


FACTIVA_STORIES = [
    ("A new nation", "The Gettysburg Gazette", "7 January 2022", "Abraham Lincoln", GETTYSBURG),
    ("The first inaugural", "The Federal Herald", "30 April 2022", "", WASHINGTON),
]


@pytest.mark.parametrize("layout", [factiva_codes_html, factiva_class_html])
def test_factiva_html_both_layouts(tmp_path, layout):
    path = tmp_path / "Factiva-20220110.htm"
    path.write_text(layout(FACTIVA_STORIES), encoding="utf-8")
    articles, caught = load(path)
    assert not caught
    assert articles["title"].tolist() == ["A new nation", "The first inaugural"]
    assert articles["outlet"].tolist() == ["The Gettysburg Gazette", "The Federal Herald"]
    assert articles["date"].tolist() == [pd.Timestamp("2022-01-07"), pd.Timestamp("2022-04-30")]
    assert articles["author"].tolist() == ["Abraham Lincoln", ""]
    assert articles["language"].tolist() == ["en", "en"]
    assert articles["word_count"].tolist() == [312, 312]
    assert articles["accession_number"].tolist() == ["GAZTTE0020220107ei1700000", "GAZTTE0020220107ei1700001"]
    assert articles.iloc[0]["text"] == "\n\n".join(GETTYSBURG)
    assert "Document GAZTTE" not in " ".join(articles["text"]) and "(c) 2022" not in " ".join(articles["text"])


def test_factiva_xml(tmp_path):
    def article(number, title, outlet, date, byline, paragraphs):
        tail = "".join(f"<paragraph>{p}</paragraph>" for p in paragraphs[1:])
        return (
            f"<ppsarticle><article><accessionNo>GAZTTE0020220107ei170000{number}</accessionNo>"
            f"<baseLanguage>EN</baseLanguage><copyright>(c) 2022 {outlet}</copyright>"
            f"<headline><paragraph><hlt>{title.split()[0]}</hlt> {' '.join(title.split()[1:])}</paragraph></headline>"
            + (f"<byline>{byline}</byline>" if byline else "")
            + f"<leadParagraph><paragraph>{paragraphs[0]}</paragraph></leadParagraph>"
            f"<publicationDate><dateTime>{date}T01:35:58Z</dateTime></publicationDate>"
            f"<sourceName>{outlet}</sourceName><sourceCode>GAZTTE</sourceCode>"
            f"<tailParagraphs>{tail}</tailParagraphs><wordCount>942</wordCount></article></ppsarticle>"
        )

    xml = (
        '<?xml version="1.0" encoding="utf-8"?><PPSResponse><ppsArticleResponse xmlns="http://global.factiva.com/pps/2.0">'
        '<ppsarticleResultSet count="2">'
        + article(0, "A new nation", "The Gettysburg Gazette", "2022-01-07", "Abraham Lincoln", GETTYSBURG)
        + article(1, "The first inaugural", "The Federal Herald", "2022-04-30", "", WASHINGTON)
        + "</ppsarticleResultSet></ppsArticleResponse></PPSResponse>"
    )
    (tmp_path / "factiva.xml").write_text(xml, encoding="utf-8")
    articles, _ = load(tmp_path / "factiva.xml")
    assert articles["title"].tolist() == ["A new nation", "The first inaugural"]
    assert articles["outlet"].tolist() == ["The Gettysburg Gazette", "The Federal Herald"]
    assert articles["date"].tolist() == [pd.Timestamp("2022-01-07 01:35:58"), pd.Timestamp("2022-04-30 01:35:58")]
    assert articles.iloc[0]["author"] == "Abraham Lincoln"
    assert articles["word_count"].tolist() == [942, 942]
    assert articles.iloc[0]["text"] == "\n\n".join(GETTYSBURG)


def test_factiva_rtf_with_field_codes(tmp_path):
    lines = []
    for number, (title, outlet, date, byline, paragraphs) in enumerate(FACTIVA_STORIES):
        lines += [f"HD\t{title}", f"BY\t{byline}" if byline else "BY", "WC\t312 words", f"PD\t{date}", f"SN\t{outlet}",
                  "SC\tGAZTTE", "LA\tEnglish", f"CY\t(c) 2022 {outlet}", "LP", paragraphs[0], "TD", *paragraphs[1:],
                  "NS\tgcat : Political/General News", f"AN\tDocument GAZTTE0020220107ei170000{number}", ""]
    tab = "{\\tab}"
    rtf = "{\\rtf1\\ansi " + "".join("\\pard " + line.replace("\t", tab) + "\\par\n" for line in lines) + "}"
    (tmp_path / "factiva.rtf").write_text(rtf, encoding="ascii")
    articles, caught = load(tmp_path / "factiva.rtf")
    assert not caught
    assert articles["title"].tolist() == ["A new nation", "The first inaugural"]
    assert articles["date"].tolist() == [pd.Timestamp("2022-01-07"), pd.Timestamp("2022-04-30")]
    assert articles.iloc[0]["text"] == "\n\n".join(GETTYSBURG)
    assert articles.iloc[1]["text"] == WASHINGTON[0]


def test_factiva_plain_text_layout(tmp_path):
    lines = []
    for number, (title, outlet, date, byline, paragraphs) in enumerate(FACTIVA_STORIES):
        lines += [title, *([f"By {byline}"] if byline else []), "312 words", date, "08:30", outlet, "GAZTTE",
                  "English", f"(c) 2022 {outlet}. All Rights Reserved.", "", *paragraphs, "",
                  f"Document GAZTTE0020220107ei170000{number}", ""]
    (tmp_path / "factiva.txt").write_text("\n".join(lines), encoding="utf-8")
    articles, _ = load(tmp_path / "factiva.txt")
    assert articles["title"].tolist() == ["A new nation", "The first inaugural"]
    assert articles["author"].tolist() == ["Abraham Lincoln", ""]
    assert articles["outlet"].tolist() == ["The Gettysburg Gazette", "The Federal Herald"]
    assert articles.iloc[0]["text"] == "\n\n".join(GETTYSBURG)


# --- Media Cloud ---------------------------------------------------------------------------

MEDIA_CLOUD = (
    "stories_id,publish_date,title,url,language,media_id,media_name,media_url\n"
    "101,2022-01-07 08:00:00,A new nation,https://www.gazette.example/2022/01/07/nation/,en,7,Gettysburg Gazette,"
    "https://gazette.example\n"
    "102,2022-03-04 09:00:00,With malice toward none,http://chronicle.example/malice,en,8,Washington Chronicle,"
    "https://chronicle.example\n"
    "103,2022-04-30 10:00:00,Lost story,https://herald.example/lost,en,9,Federal Herald,https://herald.example\n"
)


def test_media_cloud_stories_joined_with_text_by_url(tmp_path):
    (tmp_path / "stories.csv").write_text(MEDIA_CLOUD, encoding="utf-8")
    texts = pd.DataFrame({
        "url": ["https://gazette.example/2022/01/07/nation", "https://chronicle.example/malice"],
        "body": ["\n\n".join(GETTYSBURG), "\n\n".join(SECOND_INAUGURAL)],
    })
    texts.to_csv(tmp_path / "texts.csv", index=False)
    articles, caught = load([tmp_path / "stories.csv", tmp_path / "texts.csv"])
    assert len(articles) == 2 and len(caught) == 1
    assert articles["outlet"].tolist() == ["Gettysburg Gazette", "Washington Chronicle"]
    assert articles["title"].tolist() == ["A new nation", "With malice toward none"]
    assert articles["date"].tolist() == [pd.Timestamp("2022-01-07 08:00"), pd.Timestamp("2022-03-04 09:00")]
    assert articles["stories_id"].tolist() == ["101", "102"]
    report = toolkit.load_report(articles)
    assert len(report) == 1 and "story without text" in report.iloc[0]["reason"]
    assert "herald.example/lost" in report.iloc[0]["reason"] and report.iloc[0]["line"] == 3


def test_media_cloud_stories_joined_with_saved_pages(tmp_path):
    (tmp_path / "stories.csv").write_text(MEDIA_CLOUD.split("103,")[0], encoding="utf-8")
    page = (
        "<html><head><title>A new nation</title>"
        '<link rel="canonical" href="https://www.gazette.example/2022/01/07/nation/"></head>'
        "<body><article><h1>A new nation</h1>" + "".join(f"<p>{p}</p>" for p in GETTYSBURG) + "</article></body></html>"
    )
    (tmp_path / "nation.html").write_text(page, encoding="utf-8")
    articles, _ = load([tmp_path / "stories.csv", tmp_path / "nation.html"])
    assert len(articles) == 1
    assert articles.iloc[0]["outlet"] == "Gettysburg Gazette"
    assert articles.iloc[0]["stories_id"] == "101"
    assert len(toolkit.load_report(articles)) == 1  # story 102 has no page


# --- detection and containers ---------------------------------------------------------------

def test_exports_inside_a_zip_are_found_by_content(tmp_path):
    docx_bytes = io.BytesIO()
    write_docx(docx_bytes, nexis_uni_lines(STORIES[:2]))
    with zipfile.ZipFile(tmp_path / "downloads.zip", "w") as archive:
        archive.writestr("nexis/Files (2).docx", docx_bytes.getvalue())
        archive.writestr("factiva/page1", factiva_class_html(FACTIVA_STORIES))  # no suffix at all
    articles, _ = load(tmp_path / "downloads.zip")
    assert sorted(articles["title"]) == ["A new nation", "A new nation", "The first inaugural",
                                         "With malice toward none"]


@pytest.mark.parametrize(("content", "name", "kind"), [
    (b"plain words about the war", "note.txt", None),
    (b"<html><body><div class='article'><p>x</p></div></body></html>", "page.html", None),
    (b"title,url,text\nA,http://a.example,b\n", "table.csv", None),
    (MEDIA_CLOUD.encode(), "stories.csv", "mediacloud-csv"),
    (b"{\\rtf1\\ansi \\pard Just a letter.\\par}", "letter.rtf", "document"),
])
def test_sniff_export_recognises_only_exports(content, name, kind):
    assert news_archives.sniff_export(content, name) == kind


def test_a_word_file_that_is_not_an_export_is_one_article(tmp_path):
    write_docx(tmp_path / "memo.docx", GETTYSBURG)
    articles, _ = load(tmp_path / "memo.docx")
    assert len(articles) == 1 and articles.iloc[0]["text"] == "\n\n".join(GETTYSBURG)


def test_media_cloud_media_names_get_canonical_outlet_names(tmp_path):
    (tmp_path / "stories.csv").write_text(
        "stories_id,publish_date,title,url,language,media_id,media_name,media_url\n"
        "7,2022-01-07,A new nation,https://tass.com/world/1,en,1,TASS.,https://tass.com\n", encoding="utf-8")
    pd.DataFrame({"url": ["https://tass.com/world/1"], "body": ["\n\n".join(GETTYSBURG)]}).to_csv(
        tmp_path / "texts.csv", index=False)
    articles, _ = load([tmp_path / "stories.csv", tmp_path / "texts.csv"])
    assert articles["outlet"].tolist() == ["TASS"]
