"""Public or private: an office holder of a private body is not a public official (issue 12, held-out
precision). The kind comes from words in the title and its body, from what a defined acronym stands for,
and from the rest of an office written after the name. Every sentence here is made up for the test."""

from __future__ import annotations

import pytest

from searchkit.officials import extract_officials
from tests.test_officials import one


@pytest.mark.parametrize(
    ("sentence", "name", "kind"),
    [
        # private bodies named in the title
        ("Nadia Haroon, head of the National Consumers Organisation, welcomed the ruling.", "Nadia Haroon",
         "corporate"),
        ("Farhan Rizvi, president of the Lahore Traders Welfare Foundation, said shops would stay shut.",
         "Farhan Rizvi", "corporate"),
        ("Imran Sheikh, president of Habib Metro Bank, said deposits had grown.", "Imran Sheikh", "corporate"),
        ("Laura Quinn, a vice-president of Bank of America, said rates would rise.", "Laura Quinn", "corporate"),
        ("Aamir Dogar, director of the Bureau of Consumer Protection, said the labels misled buyers.",
         "Aamir Dogar", "government"),
        # public bodies: authority, court, police, army, bureau, central banks, parties
        ("Bilal Qureshi, chairman of the Capital Development Authority, said the road would open.",
         "Bilal Qureshi", "government"),
        ("Asma Jilani, spokesperson of the Lahore High Court, issued the notice.", "Asma Jilani", "government"),
        ("Zafar Iqbal, president of the State Bank of Pakistan, spoke at the launch.", "Zafar Iqbal",
         "government"),
        ("Nikos Pappas, governor of the Bank of Greece, said the loan was approved.", "Nikos Pappas",
         "government"),
        ("Kamran Gill, director of the Federal Investigation Bureau, said two men were held.", "Kamran Gill",
         "government"),
    ],
)
def test_kind_follows_the_words_of_the_body(sentence, name, kind):
    official = one(sentence)
    assert (official.name, official.kind) == (name, kind)


def test_an_acronym_the_text_spells_out_as_a_private_body_makes_its_president_corporate():
    text = ("Meanwhile, Multan Goods Ittehad (MGI) rejected the new fares. "
            "MGI President Saleem Akhtar said the rates were too low.")
    official = one(text)
    assert (official.name, official.title, official.kind) == ("Saleem Akhtar", "MGI President", "corporate")


def test_an_acronym_spelt_out_as_a_party_or_authority_stays_public():
    text = ("Pakistan Tehreek-e-Insaf (PTI) held a rally. PTI President Arif Alvi addressed it, and the "
            "Punjab Food Authority (PFA) was there too. PFA Chairman Noor Mahar said stalls were checked.")
    kinds = {o.name: o.kind for o in extract_officials(text)}
    assert kinds == {"Arif Alvi": "government", "Noor Mahar": "government"}


def test_an_unexplained_acronym_keeps_a_public_office_public():
    assert one("CIA Director Robert Haines told the committee on Tuesday.").kind == "government"
    assert one("President Obama and Exxon Corp said on Tuesday they met.").kind == "government"


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("Sana Mir, Head of Communication and Marketing Services for Unilever Pakistan, spoke first.",
         "Sana Mir"),
        ("Police held Adil Rana - Director, Head of Equity Operations JS Securities on Monday.", "Adil Rana"),
    ],
)
def test_an_office_after_the_name_that_goes_on_to_a_company_is_corporate(sentence, name):
    official = one(sentence)
    assert (official.name, official.kind) == (name, "corporate")


def test_an_office_after_the_name_that_goes_on_to_a_ministry_stays_public():
    official = one("Sana Mir, Head of Communication for the Ministry of Finance, spoke first.")
    assert (official.name, official.kind) == ("Sana Mir", "government")
    official = one("Tom Boyd, director of USDA's Cotton, Grain and Rice Price Support Division, said so.")
    assert (official.name, official.kind) == ("Tom Boyd", "government")


def test_a_bank_without_a_name_of_its_own_stays_public():
    assert one("Bank Governor Ali Mansoor said reserves had risen.").kind == "government"
