"""Officials extraction: the seed article, each title pattern, later mentions, non-people and bad input."""

from __future__ import annotations

import time

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from searchkit.article import Official
from searchkit.officials import extract_officials
from tests.conftest import SEED


def by_name(text: str) -> dict[str, Official]:
    return {o.name: o for o in extract_officials(text)}


def one(text: str) -> Official:
    found = extract_officials(text)
    assert len(found) == 1, found
    return found[0]


# --- the seed article -------------------------------------------------------------------------------


def test_seed_finds_exactly_the_eight_officials():
    found = extract_officials(SEED.read_text(encoding="utf-8"))
    assert [o.name for o in found] == [
        "Mikhail Popov",
        "Tehmina Janjua",
        "Tasnim Aslam",
        "Igor Morgulov",
        "Zamir Kabulov",
        "Oleg Syromolotov",
        "Khawaja Asif",
        "Sergei Lavrov",
    ]
    people = {o.name: o for o in found}
    assert people["Mikhail Popov"].mentions == 3
    assert people["Mikhail Popov"].title.startswith("Deputy Secretary National Security Council")
    assert people["Mikhail Popov"].affiliation == "Russia"
    assert people["Tasnim Aslam"].mentions == 2
    assert people["Tasnim Aslam"].title == "Special Secretary of Ministry of Foreign Affairs of Pakistan"
    assert people["Tasnim Aslam"].affiliation == "Pakistan"
    assert people["Tehmina Janjua"].title == "Foreign Secretary"
    assert people["Igor Morgulov"].title == "Deputy Foreign Minister"
    assert people["Igor Morgulov"].affiliation == "Russia"
    assert people["Oleg Syromolotov"].affiliation == "Russia"
    assert people["Zamir Kabulov"].title == "Ambassador"
    assert people["Khawaja Asif"].title == "Foreign Minister"
    assert (people["Sergei Lavrov"].title, people["Sergei Lavrov"].affiliation) == ("Foreign Minister", "Russia")
    assert all(o.kind == "government" for o in found)
    assert all(o.mentions == 1 for o in found if o.name not in ("Mikhail Popov", "Tasnim Aslam"))


# --- title before the name --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name", "title", "affiliation"),
    [
        ("The talks opened after Foreign Secretary Amna Qureshi arrived in the city.",
         "Amna Qureshi", "Foreign Secretary", ""),
        ("A meeting with Russian Deputy Foreign Minister Pavel Dronov ended early.",
         "Pavel Dronov", "Deputy Foreign Minister", "Russia"),
        ("The delegation was led by Deputy Secretary National Security Council of the Russia Federation "
         "Yuri Belkin, who arrived late.", "Yuri Belkin",
         "Deputy Secretary National Security Council of the Russia Federation", "Russia"),
        ("The convoy carried Ambassador Timur Rakhimov to the border.", "Timur Rakhimov", "Ambassador", ""),
        ("The bill was opposed by Sen. Maria Keller on procedural grounds.", "Maria Keller", "Senator", ""),
        ("Treasury Secretary Alan Reed declined to comment on the dollar.", "Alan Reed", "Treasury Secretary", ""),
        ("The paper was signed by Special Secretary of Ministry of Foreign Affairs of Pakistan Nadia Rauf "
         "at the ceremony.", "Nadia Rauf", "Special Secretary of Ministry of Foreign Affairs of Pakistan",
         "Pakistan"),
        ("In a speech, Japanese Finance Minister Kenji Morita urged lower rates.",
         "Kenji Morita", "Finance Minister", "Japan"),
        ("Later, Saudi Arabian Oil Minister Faisal Qadri told the meeting output would hold.",
         "Faisal Qadri", "Oil Minister", "Saudi Arabia"),
        ("Prices rose after West German Economics Minister Ulrich Brandes spoke.",
         "Ulrich Brandes", "Economics Minister", "West Germany"),
        ("Markets steadied after U.S. Trade Representative Carla Dunn spoke.",
         "Carla Dunn", "Trade Representative", "United States"),
        ("British Chancellor of the Exchequer Peter Hale rejected the idea on Tuesday.",
         "Peter Hale", "Chancellor of the Exchequer", "Britain"),
    ],
)
def test_title_before_name(sentence, name, title, affiliation):
    official = one(sentence)
    assert (official.name, official.title, official.affiliation, official.kind) == (
        name, title, affiliation, "government")


def test_organisation_before_the_office_becomes_the_affiliation():
    people = by_name(
        "Federal Reserve Board Chairman Martin Greer said growth was slowing, while Bundesbank President "
        "Hans Georg Vollmer disagreed and OPEC President Ade Okonjo stayed silent. Greer said later that "
        "Bank of Japan governor Taro Ishida agreed."
    )
    assert list(people) == ["Martin Greer", "Hans Georg Vollmer", "Ade Okonjo", "Taro Ishida"]
    assert people["Martin Greer"].affiliation == "Federal Reserve Board"
    assert people["Martin Greer"].kind == "government"
    assert people["Martin Greer"].mentions == 2
    assert people["Hans Georg Vollmer"].title == "Bundesbank President"
    assert people["Ade Okonjo"].affiliation == "OPEC"
    assert people["Taro Ishida"].affiliation == "Bank of Japan"


def test_title_before_a_bare_surname_needs_a_strong_capitalised_office():
    assert one("Officials said President Halvorsen would sign the bill.").name == "Halvorsen"
    assert one("The plan was backed by Secretary of State Lindqvist this week.").title == "Secretary of State"
    assert extract_officials("The delay angered the minister and the party.") == []
    assert extract_officials("Shares in General Motors fell, traders said.") == []


def test_title_with_a_comma_before_the_name():
    official = one("Russian Foreign Minister, Andrei Sokolov, had said the talks would resume.")
    assert (official.name, official.title, official.affiliation) == ("Andrei Sokolov", "Foreign Minister", "Russia")
    official = one("The loan was approved, the Governor of the Bank of Greece, Nikos Pappas, said on Monday.")
    assert official.name == "Nikos Pappas"
    assert official.title == "Governor of the Bank of Greece"
    assert official.affiliation == "Greece"


# --- name then title --------------------------------------------------------------------------------


def test_name_then_title():
    official = one("The visitors included Timur Rakhimov, Special Representative of the Russian President on "
                   "Central Asia, who spoke first.")
    assert official.name == "Timur Rakhimov"
    assert official.title == "Special Representative of the Russian President"
    assert official.affiliation == "Russia"

    official = one("Alan Reed, the Treasury Secretary, said the dollar was stable. Mr. Reed added nothing.")
    assert (official.name, official.title, official.mentions) == ("Alan Reed", "Treasury Secretary", 2)

    official = one("The board will consider it, said Lena Vogt, chairman of the Federal Reserve Board.")
    assert (official.title, official.affiliation) == ("chairman of the Federal Reserve Board", "Federal Reserve Board")
    assert official.kind == "government"


def test_appositive_title_cut_short_is_not_used():
    # "chief" alone would be a wrong title: the office is "chief economist", not in the gazetteer
    assert extract_officials("Growth will slow, said Ravi Menon, chief economist at a local bank.") == []


def test_name_then_title_keeps_the_first_title_and_fills_the_affiliation():
    official = one("She met Ambassador Farid Nazari, Special Envoy of the Afghan Government, on Friday.")
    assert (official.title, official.affiliation) == ("Ambassador", "Afghanistan")


# --- later mentions ---------------------------------------------------------------------------------


def test_later_mentions_by_surname_and_honorific_are_counted_not_new_people():
    text = (
        "Deputy Interior Minister Irina Volkova arrived on Monday. Volkova met local leaders.\n\n"
        "Later Ms Volkova's aides said Volkova would stay. Mrs. Volkova declined to comment."
    )
    official = one(text)
    assert (official.name, official.mentions) == ("Irina Volkova", 5)


def test_honorific_before_the_full_name_merges_into_one_person():
    official = one("Mr. Okafor said little. Later, Finance Minister Chidi Okafor, speaking in Lagos, said more.")
    assert (official.name, official.title, official.mentions) == ("Chidi Okafor", "Finance Minister", 2)


def test_same_surname_different_people_stay_apart():
    people = by_name(
        "Treasury Secretary Jane Holt spoke first. Then Senator Mark Holt asked questions. "
        "Mark Holt said he was unhappy; Holt wants a vote."
    )
    assert set(people) == {"Jane Holt", "Mark Holt"}
    assert people["Jane Holt"].mentions == 1
    assert people["Mark Holt"].mentions == 3


def test_all_caps_headline_mentions_count_for_known_people():
    text = "DUNMORE SAYS RATES WILL FALL\n\nCentral bank governor Ellen Dunmore said rates would fall."
    official = one(text)
    assert (official.name, official.mentions) == ("Ellen Dunmore", 2)


# --- company officers -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("sentence", "name", "title", "affiliation"),
    [
        ("The merger was announced by chairman Rafael Ortiz on Tuesday.", "Rafael Ortiz", "chairman", ""),
        ("Sales will grow, chief executive Anna Berg told analysts.", "Anna Berg", "chief executive", ""),
        ("Output fell, Delmar Corp chairman Owen Price said.", "Owen Price", "Delmar Corp chairman",
         "Delmar Corp"),
        ("Profits rose, said Tom Lyle, president of Harbor Foods Inc.", "Tom Lyle",
         "president of Harbor Foods Inc", "Harbor Foods Inc"),
        ("Shares rose after Kestrel Corp <KES.N> chairman Ivo Marsh resigned.", "Ivo Marsh",
         "Kestrel Corp chairman", "Kestrel Corp"),
    ],
)
def test_company_officers_are_corporate(sentence, name, title, affiliation):
    official = one(sentence)
    assert (official.name, official.title, official.affiliation, official.kind) == (
        name, title, affiliation, "corporate")


def test_a_firm_named_after_a_title_is_not_a_person():
    assert extract_officials("Sales at American President Lines fell, the company said.") == []


# --- not people -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence",
    [
        "A spokesman at the Foreign Office said the meeting went well.",
        "The country was kept on the grey list of the Financial Action Task Force last year.",
        "The National Security Council met in Moscow and later in Islamabad.",
        "Officials at the Ministry of Foreign Affairs said nothing.",
        "He later met the Russian President on the sidelines.",
        "The foreign secretary elaborated on the security situation.",
        "The talks were described as useful, added the spokesman.",
        "The Finance Ministry and the Bank of England issued a joint statement.",
    ],
)
def test_organisations_places_and_bare_titles_are_not_people(sentence):
    assert extract_officials(sentence) == []


# --- bad input --------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "",
        "   \n\n  ",
        "Wheat prices rose two cents on strong export demand, traders said.",
        "Shr 1.20 dlrs vs 98 cts\nNet 4,500,000 vs 3,900,000\nRevs 88.1 mln vs 75.2 mln",
        "U.S. TREASURY SECRETARY BAKER SAYS DOLLAR DECLINE HAS GONE FAR ENOUGH\n\n"
        "TREASURY SECRETARY JAMES BAKER SAID THE DOLLAR HAD FALLEN ENOUGH AGAINST THE YEN.",
        "Analysts Expect Finance Minister Ruiz Moreno To Quit Soon",
        "Acme Inc <ACME.N> and Borg Co <BRG.O> said they agreed to merge; <XYZ.N> <QQ.L> rose.",
        "<<<>>> ((( ))) ... ,,, ;;; ''' --- ``` \x00 \ufeff",
    ],
)
def test_inputs_without_officials_give_nothing(text):
    assert extract_officials(text) == []


def test_apostrophes_hyphens_and_accents_in_names():
    people = by_name(
        "Justice Minister Siobhan O'Connor met Egyptian President Abdel Fattah Al-Sisi and Turkish "
        "President Tayyip Erdoğan. O'Connor's aides said Erdoğan was late."
    )
    assert list(people) == ["Siobhan O'Connor", "Abdel Fattah Al-Sisi", "Tayyip Erdoğan"]
    assert people["Siobhan O'Connor"].mentions == 2
    assert people["Abdel Fattah Al-Sisi"].affiliation == "Egypt"
    assert (people["Tayyip Erdoğan"].affiliation, people["Tayyip Erdoğan"].mentions) == ("Turkey", 2)


def test_particles_and_initials_inside_names():
    people = by_name(
        "The pact was signed by Mexican President Carlos de la Vega and by Judge Ruth B. Collins, "
        "and backed by President Daniel arap Moi."
    )
    assert list(people) == ["Carlos de la Vega", "Ruth B. Collins", "Daniel arap Moi"]


def test_hard_line_breaks_inside_a_name_are_spaces():
    official = one("The rate cut was welcomed by Trade Representative Clayton\nMorrow in a statement.")
    assert official.name == "Clayton Morrow"


def _cpu_seconds(text: str) -> float:
    start = time.process_time()  # CPU time: other processes on the machine do not count
    extract_officials(text)
    return time.process_time() - start


@pytest.mark.parametrize(
    "unit",
    [
        "Alpha Beta Gamma Delta ",  # capitalised words (one huge chunk)
        "Minister ",
        "Minister Alpha Beta ",
        "1234567890 ",
        ",.;:!?()<>'\"",
        "Foreign Minister, Alpha Beta, ",
        "Justices Alpha Beta, Gamma Delta and ",
        "Senators, including Alpha Beta and Sentor Gamma Delta ",
        "Alpha Beta was elected Secretery of ",
        "JD(S) MLA R K Alpha of PML(N) ",
        "Alpha Ltd said. The firm's chairman Beta Gamma spoke. ",
        "Alpha Beta, director at gold bullion dealer ",
        "Ab-",  # one hyphenated run of words, where a bare possessive might be looked for at every hyphen
        "Abs' Cd ",
        "Alpha bin Beta bin ",  # a name that each "bin" lets grow
        "council's cabinet member for ",
        "Alpha Beta, a gamma who leads the Delta and Epsilon and ",
        "Alpha Beta has said. The prime minister said ",
        "Alpha Beta, chief policy adviser to the charity ",
        "Alpha Inc said. Beta Gamma, president of the company, said. Commission chairman Delta Epsilon ",
        "Foreign Minister Alpha Beta of Japan ",
        "The Alpha Committee of Beta and Gamma Delta and ",
        "Labour's shadow business secretary Alpha Beta ",
        "Alpha Inc said its chairman Beta Gamma and its president Delta Epsilon ",
        "Alpha Beta wept. The prime minister apologised, the deputy minister said. Gamma Delta warned. ",
        "(Fed Chair) Alpha Beta and (Finance Minister) ",
    ],
    ids=["capitalised", "minister", "minister-name", "digits", "punctuation", "comma-pattern", "plural-office",
         "plural-including", "appointed-misspelt", "party-initials", "firm-referred-to", "trade-descriptor",
         "hyphen-run",
         "bare-possessives", "lineage-name", "council-office",
         "verb-office", "next-sentence-office",
         "adviser-to-charity", "body-referred-back", "country-after-name", "body-name-run",
         "owner-before-remit", "its-owner", "office-beside-lone-name", "office-in-brackets"],
)
def test_hostile_text_costs_linear_time(unit):
    # four times the text may cost about four times the work, never sixteen: a generous bound of 8
    quarter = unit * (125_000 // len(unit)) + "said"
    whole = unit * (500_000 // len(unit)) + "said"
    small = min(_cpu_seconds(quarter) for _ in range(2))
    large = _cpu_seconds(whole)
    assert large < 8 * small + 0.5, (small, large)


PIECES = [*"Aa .,'’-()<>\n&Ğ1", "Minister ", "Sen. ", "Mr ", "of ", "the ", "and ", "Foreign ", "Russian ",
          "Popov ", "Igor ", "de ", "U.S. ", "Corp ", "chairman ", "said ", "POPOV "]


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_arbitrary_text_never_raises(text):
    for official in extract_officials(text):
        assert official.name and official.title and official.mentions >= 1
        assert official.kind in ("government", "corporate")


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_arbitrary_unicode_never_raises(text):
    assert isinstance(extract_officials(text), list)
