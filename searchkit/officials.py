"""Find named office holders in article text.

A title gazetteer plus capitalised-name patterns over one token scan; no model, no backtracking regex.
Handled shapes: "Russian Deputy Foreign Minister Igor Morgulov", "Bank of Japan governor Satoshi Sumita",
"Russian Foreign Minister, Sergei Lavrov,", "Alan Reed, the Treasury Secretary,", "Sen. Maria Keller";
later mentions ("Popov", "Ms Aslam") count towards the same person.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field

from searchkit.article import Official

__all__ = ["extract_officials"]

# A blank line (block break), a dotted abbreviation ("U.S."), a word (inner apostrophes/hyphens kept:
# "O'Connor", "Al-Sisi", "Aslam’s"), or any other single non-space character. Every alternative consumes
# input at a fixed rate, so matching is linear.
_TOKEN = re.compile(r"\n[^\S\n]*\n|(?:[^\W\d_]\.){2,}|[^\W_](?:\w|['’`-](?=\w))*|\S")

# --- gazetteer (casefolded keys) -------------------------------------------------------------------


def _wordset(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


_HEADS = _wordset(
    """minister ministers secretary ambassador president premier chairman chairwoman chairperson governor
    senator congressman congresswoman spokesman spokeswoman spokesperson director director-general general
    envoy representative treasurer chancellor commissioner mayor king queen prince princess emperor empress
    pope emir sultan leader speaker administrator executive officer ceo counsellor counselor consul attache
    judge justice attorney prosecutor adviser advisor negotiator commander undersecretary under-secretary
    secretary-general vice-president vice-chairman vice-premier deputy-governor governor-general viceroy
    archbishop bishop cardinal ayatollah chief head president-elect co-chairman ombudsman comptroller controller
    regent"""
)
# Heads that may stand before a bare surname ("President Reagan"); weak ones ("General", "Chief") need a
# full name, or "General Motors" would be a person.
_STRONG_HEADS = _wordset(
    """minister secretary ambassador president premier chairman chairwoman governor senator chancellor mayor
    king queen pope emperor emir sultan prince princess commissioner congressman congresswoman treasurer
    envoy judge speaker vice-president secretary-general director-general governor-general vice-premier
    president-elect"""
)
_DESCRIPTORS = _wordset(
    """deputy vice acting special former ex foreign finance trade economy economic economics agriculture
    agricultural farm oil petroleum energy mines mining defence defense interior home justice health labour
    labor employment commerce commercial industry industrial transport transportation education environment
    treasury budget planning development information communications telecommunications posts state prime
    chief senior junior assistant associate principal permanent parliamentary general first under joint
    managing press cabinet national security international external monetary fiscal exchequer lord privy seal
    public works social affairs welfare housing tourism culture sport sports youth water power science
    technology research military army navy naval air presidential executive operating legal regional
    provincial overseas resources natural fisheries food fuel coal steel shipping aviation customs revenue
    tax taxation privatisation privatization land lands minerals construction supply supplies cooperation
    co-operation relations management majority minority elect interim caretaker outgoing incoming designate
    top chief-of-staff
    staff intelligence police surgeon inspector solicitor postmaster brigadier major"""
)
# Company-name words: "American President Lines" is a firm, not President Lines.
_FIRM_WORDS = _wordset(
    """lines productions services technologies chemicals systems products savings securities insurance
    partners associates brothers bros labs laboratories pharmaceuticals electronics foods stores markets
    supermarkets properties realty capital ventures investments cos mills gas telegraph telephone
    broadcasting publishing newspapers media entertainment pictures studios textiles railroad railway
    railways mortgage bancshares financial world mine division subsidiary hotel hotels"""
)
_ORG_WORDS = (_wordset(
    """ministry ministries office council committee commission board bank reserve fund federation union
    assembly parliament senate house congress government department agency authority administration
    organization organisation association institute institution corporation corp inc incorporated co
    company ltd limited plc group holdings trust exchange party front league court service bureau force
    task action coalition alliance community nations states republic kingdom secretariat directorate
    embassy consulate federal central fed white kremlin pentagon diet bundestag knesset politburo reuters
    university college school church industries enterprises airlines airways motors bancorp
    ag sa nv gmbh spa bv llc lp democratic republican democrat conservative liberal socialist communist
    subcommittee cartel opec imf gatt nato oecd advisers advisors"""
) | _FIRM_WORDS
)
_COMPANY_MARKERS = (_wordset(
    """corp corporation inc incorporated co company ltd limited plc holdings industries enterprises airlines
    airways motors bancorp ag sa nv gmbh spa bv llc lp firm"""
) | _FIRM_WORDS
)
# Words that make a chairman or executive a company officer unless a government word is also there.
_CORPORATE_SIGNALS = {"chairman", "chairwoman", "chairperson", "executive", "ceo", "officer", "managing",
                      "vice-chairman", "co-chairman", "controller"}
_GOVERNMENT_SIGNALS = _wordset(
    """ministry minister government federal reserve fed central council committee commission senate house
    congress parliament cabinet department state treasury national assembly embassy party republican
    democratic administration agency subcommittee opec imf gatt nato oecd ec eec un ecb bis iea ico adb idb
    efta asean comecon unctad fao ilo who wto gcc"""
)
_HONORIFICS = {
    "mr": "", "mrs": "", "ms": "", "miss": "", "mme": "", "mlle": "", "dr": "", "sir": "", "dame": "",
    "lady": "", "herr": "", "frau": "", "monsieur": "", "senor": "", "señor": "", "signor": "",
    "sen": "Senator", "rep": "Representative", "gov": "Governor", "gen": "General", "lt": "Lieutenant",
    "col": "Colonel", "maj": "Major", "capt": "Captain", "adm": "Admiral", "sgt": "Sergeant",
    "cmdr": "Commander", "prof": "Professor", "rev": "Reverend", "sheikh": "Sheikh", "sheik": "Sheikh",
    "lord": "Lord",
}
_PARTICLES = {"de", "da", "di", "du", "del", "della", "der", "den", "van", "von", "la", "le", "bin", "ibn",
              "al", "el", "ben", "y", "dos", "das", "ter", "ten", "st", "arap"}
# Name suffixes end a name without being its surname.
_SUFFIXES = {"jr", "sr", "ii", "iii"}
# Capitalised words that open sentences or name dates, never part of a name or a title.
_STOPWORDS = _wordset(
    """the a an but and or nor in on at for with by from to of as he she it they we i you this that these
    those its his her their our my your there here earlier later however meanwhile also after before when
    while if although though since under over last next yesterday today tomorrow not no yes so then thus
    still such some many most other another both each every all any what which who whom whose where why how
    according despite during following between about against among through only even
    because unless until than like instead moreover furthermore nevertheless besides separately elsewhere
    now once again already reuter sources analysts officials dealers traders economists dear please thanks
    monday tuesday wednesday thursday friday saturday sunday january february march april may june july
    august september october november december jan feb mar apr jun jul aug sep sept oct nov dec"""
)
_FUNCTION_WORDS = {"of", "the", "and", "to", "for", "in", "on", "at", "a", "an", "by", "with", "as", "or",
                   "from", "vs", "is", "be", "up", "off", "over", "into", "out"}
_PORTFOLIOS = _wordset(
    """state finance defence defense justice agriculture commerce labor labour energy trade industry health
    education interior transport"""
)
# Lower-case words that may follow a complete appositive title ("..., chairman of X, said" / "on ...").
_TITLE_FOLLOWERS = _wordset(
    """and on in at for from to with who which whose said says told added stated has had have is was were
    will would also since until during before after when while but or"""
)
_DOT_ABBREVIATIONS = {"corp", "inc", "co", "ltd", "jr", "sr", "st", "bros", "no"}

_COUNTRIES: dict[str, str] = {}


def _add_countries(spec: str) -> None:
    # "Country: demonym, demonym; ..." -> every form maps to the country name.
    for entry in spec.split(";"):
        country, _, forms = entry.partition(":")
        country = country.strip()
        if not country:
            continue
        _COUNTRIES[country.casefold()] = country
        for form in forms.split(","):
            if form.strip():
                _COUNTRIES[form.strip().casefold()] = country


_add_countries(
    """United States: u.s., us, u.s.a., usa, american, america; Britain: british, britain, u.k., uk,
    england, english, united kingdom; Russia: russian, russia federation, russian federation;
    Soviet Union: soviet, soviets, ussr, u.s.s.r.; Pakistan: pakistani; India: indian; China: chinese;
    Japan: japanese; Germany: german; West Germany: west german; East Germany: east german;
    France: french; Italy: italian; Spain: spanish; Portugal: portuguese; Netherlands: dutch, holland;
    Belgium: belgian; Luxembourg: luxembourgish; Switzerland: swiss; Austria: austrian; Sweden: swedish;
    Norway: norwegian; Denmark: danish; Finland: finnish; Iceland: icelandic; Ireland: irish;
    Greece: greek; Turkey: turkish, türkiye; Cyprus: cypriot; Poland: polish; Hungary: hungarian;
    Czechoslovakia: czechoslovak; Czech Republic: czech; Slovakia: slovak; Romania: romanian;
    Bulgaria: bulgarian; Yugoslavia: yugoslav; Serbia: serbian; Croatia: croatian; Ukraine: ukrainian;
    Belarus: belarusian; Albania: albanian; Canada: canadian; Mexico: mexican; Brazil: brazilian;
    Argentina: argentine, argentinian; Chile: chilean; Peru: peruvian; Colombia: colombian;
    Venezuela: venezuelan; Ecuador: ecuadorean, ecuadorian; Bolivia: bolivian; Uruguay: uruguayan;
    Paraguay: paraguayan; Cuba: cuban; Jamaica: jamaican; Panama: panamanian; Nicaragua: nicaraguan;
    Honduras: honduran; Guatemala: guatemalan; El Salvador: salvadorean, salvadoran; Costa Rica: costa rican;
    Dominican Republic: dominican; Haiti: haitian; Australia: australian; New Zealand: new zealander;
    Indonesia: indonesian; Malaysia: malaysian; Singapore: singaporean; Thailand: thai;
    Philippines: philippine, filipino; Vietnam: vietnamese; South Korea: south korean;
    North Korea: north korean; Korea: korean; Taiwan: taiwanese; Hong Kong: hong kong;
    Burma: burmese; Sri Lanka: sri lankan; Bangladesh: bangladeshi; Nepal: nepalese, nepali;
    Afghanistan: afghan; Iran: iranian; Iraq: iraqi; Saudi Arabia: saudi, saudi arabian;
    Kuwait: kuwaiti; Qatar: qatari; Bahrain: bahraini; Oman: omani; Yemen: yemeni;
    United Arab Emirates: uae, emirati; Jordan: jordanian; Syria: syrian; Lebanon: lebanese;
    Israel: israeli; Egypt: egyptian; Libya: libyan; Tunisia: tunisian; Algeria: algerian;
    Morocco: moroccan; Sudan: sudanese; Ethiopia: ethiopian; Kenya: kenyan; Uganda: ugandan;
    Tanzania: tanzanian; Nigeria: nigerian; Ghana: ghanaian; Ivory Coast: ivorian; Senegal: senegalese;
    Cameroon: cameroonian; Zaire: zairean, zairian; Congo: congolese; Zambia: zambian;
    Zimbabwe: zimbabwean; South Africa: south african; Angola: angolan; Mozambique: mozambican;
    Botswana: botswanan; Namibia: namibian; Madagascar: malagasy; Mauritius: mauritian;
    Kazakhstan: kazakh; Uzbekistan: uzbek; Mongolia: mongolian; Vatican: vatican;
    European Union: eu, european union; European Community: ec, eec, european community"""
)
# Bigram keys ("saudi arabian") are looked up before single tokens.
_COUNTRY_BIGRAM_HEADS = {key.split()[0] for key in _COUNTRIES if " " in key}
# Places and city names that are never people (capitals and news cities; US states for governors).
_PLACES = _wordset(
    """islamabad moscow washington london paris bonn berlin tokyo beijing peking delhi karachi
    lahore kabul tehran baghdad riyadh jeddah cairo jerusalem tel aviv ankara istanbul athens rome milan
    madrid lisbon brussels amsterdam hague geneva zurich bern vienna stockholm oslo copenhagen helsinki
    dublin warsaw budapest prague bucharest sofia belgrade kiev minsk ottawa toronto montreal vancouver
    mexico brasilia rio sao paulo buenos aires santiago lima bogota caracas quito havana canberra sydney
    melbourne wellington jakarta kuala lumpur manila bangkok hanoi saigon seoul taipei rangoon colombo dhaka
    kathmandu dubai abu dhabi doha manama muscat kuwait amman damascus beirut tripoli tunis algiers rabat
    khartoum nairobi lagos abuja accra dakar kinshasa harare lusaka johannesburg pretoria cape town
    luanda singapore chicago houston dallas boston detroit atlanta miami denver seattle angeles francisco
    frankfurt munich hamburg osaka shanghai york europe asia africa america latin gulf persian middle east
    west east north south pacific atlantic texas california florida illinois ohio michigan pennsylvania
    virginia massachusetts jersey georgia carolina kansas iowa nebraska oklahoma louisiana alaska hawaii
    arizona nevada oregon colorado utah wisconsin minnesota missouri kentucky tennessee alabama
    mississippi arkansas indiana maryland delaware connecticut vermont maine idaho montana wyoming dakota
    capitol"""
)

# token classes
_NAME, _INITIAL, _HEAD, _DESC, _ORG, _HONORIFIC, _CONNECT, _PARTICLE, _COMMA, _DOT, _BREAK = range(11)
_NAMEISH = (_NAME, _INITIAL, _PARTICLE)
_TITLEISH = (_HEAD, _DESC, _ORG, _HONORIFIC)

_MAX_NAME_WORDS = 4
_MAX_TITLE_TOKENS = 12


def _fold(word: str) -> str:
    """Case- and accent-insensitive key."""
    decomposed = unicodedata.normalize("NFKD", word)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def _strip_possessive(word: str) -> tuple[str, bool]:
    if len(word) > 2 and word[-2] in "'’`" and word[-1] in "sS":
        return word[:-2], True
    return word, False


@dataclass
class _Tokens:
    words: list[str] = field(default_factory=list)  # possessive stripped
    possessive: list[bool] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    country: list[str] = field(default_factory=list)  # country a token names or implies, else ""
    styled: list[bool] = field(default_factory=list)  # in an ALL-CAPS or Title-Case block


def _is_capitalised(word: str) -> bool:
    if word[0].isupper():
        return True
    # "al-Assad", "d'Estaing", "bin-Laden"
    for sep in "-'’":
        head, found, rest = word.partition(sep)
        if found and rest and rest[0].isupper() and head.casefold() in _PARTICLES | {"d", "l"}:
            return True
    return False


def _is_head(key: str) -> bool:
    """"minister", "vice-president", "chairman-designate", "ex-minister"."""
    if key in _HEADS:
        return True
    parts = key.split("-")
    return (len(parts) > 1 and any(p in _HEADS for p in parts)
            and all(p in _HEADS or p in _DESCRIPTORS for p in parts))


def _label_word(word: str, next_raw: str) -> int:
    key = word.casefold()
    if word[0].isdigit():
        return _BREAK
    if not _is_capitalised(word):
        if key in ("of", "for", "the", "and"):
            return _CONNECT
        if key in _PARTICLES:
            return _PARTICLE
        if _is_head(key) and key != "general":  # "general sales manager", "the general public"
            return _HEAD
        if key in _DESCRIPTORS:
            return _DESC
        if key in _ORG_WORDS:
            return _ORG
        return _BREAK
    if len(word) == 1:
        if next_raw == ".":
            return _INITIAL
        return _BREAK if word in "AI" else _ORG
    if key in _STOPWORDS or key in _SUFFIXES:
        return _BREAK
    if key in _HONORIFICS and not word.isupper():  # "ADM" and "REP" are not honorifics
        return _HONORIFIC
    if _is_head(key):
        return _HEAD
    if word.isupper() or "." in word:
        return _ORG  # acronym or dotted abbreviation: OPEC, FATF, U.S.
    if key in _DESCRIPTORS or ("-" in key and all(p in _DESCRIPTORS for p in key.split("-"))):
        return _DESC
    if key in _ORG_WORDS or key in _PLACES or key in _COUNTRIES:
        return _ORG
    return _NAME


def _tokenise(text: str) -> _Tokens:
    raw = [m.group() for m in _TOKEN.finditer(text)]
    toks = _Tokens()
    block_start = 0
    n_words = n_lower = n_caps = 0

    def close_block(end: int) -> None:
        # Headlines in capitals or Title Case give no clue where a name ends: mentions only there.
        styled = n_words > 0 and ((n_lower == 0 and (n_words >= 4 or 2 * n_caps > n_words))
                                  or 5 * n_caps > 4 * n_words)
        toks.styled.extend([styled] * (end - block_start))

    for i, tok in enumerate(raw):
        if tok[0] == "\n":
            close_block(i)
            block_start = i
            n_words = n_lower = n_caps = 0
            toks.words.append(tok)
            toks.possessive.append(False)
            toks.labels.append(_BREAK)
            toks.country.append("")
            continue
        word, possessive = _strip_possessive(tok)
        toks.words.append(word)
        toks.possessive.append(possessive)
        toks.country.append("")
        first = word[0]
        if first == ",":
            toks.labels.append(_COMMA)
        elif first == ".":
            toks.labels.append(_DOT if len(word) == 1 else _BREAK)
        elif first == "&":
            toks.labels.append(_CONNECT)
        elif not first.isalnum():
            toks.labels.append(_BREAK)
        else:
            if first.isalpha():
                n_words += 1
                if first.islower() and word.casefold() not in _FUNCTION_WORDS:
                    n_lower += 1
                elif len(word) > 1 and word.isupper():
                    n_caps += 1
            toks.labels.append(_label_word(word, raw[i + 1] if i + 1 < len(raw) else ""))
    close_block(len(raw))
    _mark_countries(toks)
    for i, word in enumerate(toks.words):
        # "Attorney General", "Major General", but "General Motors" is a firm
        if word == "General" and (i == 0 or toks.labels[i - 1] not in (_HEAD, _DESC, _HONORIFIC)):
            toks.labels[i] = _NAME
    return toks


def _mark_countries(toks: _Tokens) -> None:
    words, labels = toks.words, toks.labels
    i = 0
    while i < len(words):
        if labels[i] in (_NAME, _ORG, _DESC) and words[i][0].isupper():
            key = words[i].casefold()
            if key in _COUNTRY_BIGRAM_HEADS and i + 1 < len(words):
                pair = f"{key} {words[i + 1].casefold()}"
                if pair in _COUNTRIES:
                    toks.country[i] = toks.country[i + 1] = _COUNTRIES[pair]
                    labels[i] = labels[i + 1] = _ORG
                    i += 2
                    continue
            if key in _COUNTRIES and labels[i] != _DESC:
                toks.country[i] = _COUNTRIES[key]
                labels[i] = _ORG
        i += 1


def _chunks(toks: _Tokens) -> list[list[int]]:
    """Runs of name and title words; connectors kept only where they join a title or an org name."""
    words, labels, n = toks.words, toks.labels, len(toks.words)
    chunks: list[list[int]] = []
    cur: list[int] = []
    has_head = False

    def flush() -> None:
        nonlocal cur, has_head
        while cur and labels[cur[-1]] in (_CONNECT, _PARTICLE):
            cur.pop()
        if cur:
            chunks.append(cur)
        cur = []
        has_head = False

    i = -1
    while i + 1 < n:
        i += 1
        lab = labels[i]
        if toks.styled[i]:
            flush()
            continue
        if (words[i] == "(" and cur and i + 2 < n and labels[i + 1] == _ORG and words[i + 1].isupper()
                and words[i + 2] == ")"):
            i += 2  # "President of the Brazilian Coffee Institute (IBC) Jorio Dauster"
            continue
        if words[i] == ")" and cur and labels[cur[-1]] == _NAME and i + 1 < n and labels[i + 1] == _NAME:
            continue  # an editor's bracket inside a name: "(Brazilian Finance Minister Dilson) Funaro"
        if words[i] == "<" and cur:
            # a ticker inside a title: "Sony Corp <SNE.T> chairman Akio Morita"
            close = next((j for j in range(i + 1, min(i + 8, n)) if words[j] == ">"), 0)
            if close and all(labels[j] in (_ORG, _DOT, _NAME) for j in range(i + 1, close)):
                i = close
                continue
        if lab in (_NAME, _INITIAL, *_TITLEISH):
            cur.append(i)
            has_head = has_head or lab in (_HEAD, _HONORIFIC)
            if toks.possessive[i] and lab == _NAME:
                flush()  # "Aslam's meeting": what follows belongs to the name, it is not part of it
            continue
        if lab == _DOT and cur:
            prev = cur[-1]
            if labels[prev] in (_INITIAL, _HONORIFIC) or words[prev].casefold() in _DOT_ABBREVIATIONS:
                continue  # "Sen.", "W.", "Corp." do not end a sentence here
            flush()
            continue
        if lab == _CONNECT and cur:
            key = words[i].casefold()
            prev_lab = labels[cur[-1]]
            next_lab = labels[i + 1] if i + 1 < n else _BREAK
            if key in ("of", "for"):
                # "Chairman Beryl Sprinkel of the Council ...": the clause follows a name, not a title
                ok = prev_lab != _CONNECT and not (has_head and prev_lab == _NAME)
            elif key == "the":
                ok = words[cur[-1]].casefold() in ("of", "for")
            else:  # "and" / "&": join "Trade and Industry", not "Igor Morgulov and Ambassador ..."
                ok = (prev_lab in (_NAME, _DESC, _ORG) and next_lab in (_NAME, _DESC, _ORG)
                      and not (prev_lab == _NAME and (has_head or next_lab != _NAME)))
            if ok:
                cur.append(i)
                continue
            flush()
            continue
        if (lab == _PARTICLE and cur and labels[cur[-1]] in (_NAME, _PARTICLE) and i + 1 < n
                and labels[i + 1] in (_NAME, _PARTICLE, _ORG)):  # "Miguel de la Madrid"
            cur.append(i)
            if labels[i + 1] == _ORG and not words[i + 1].isupper():
                labels[i + 1] = _NAME  # a place name as a surname after a particle
            continue
        flush()
    flush()
    return chunks


@dataclass
class _Candidate:
    pos: int  # token index of the surname
    name: list[str]
    title: str
    affiliation: str
    kind: str


def _split_name(toks: _Tokens, chunk: list[int]) -> tuple[list[int], list[int]]:
    """The chunk's trailing name run (validated) and the title region before it."""
    labels = toks.labels
    j = len(chunk)
    while j > 0 and labels[chunk[j - 1]] in _NAMEISH:
        j -= 1
    name, region = chunk[j:], chunk[:j]
    while name and labels[name[0]] == _PARTICLE:
        region.append(name.pop(0))
    if not name or labels[name[-1]] != _NAME:
        return [], chunk
    if region and labels[region[-1]] == _CONNECT:
        # "Governor of Texas Bill Clements": the run starts with the object of the "of".
        words_at = [k for k, idx in enumerate(name) if labels[idx] == _NAME]
        if len(words_at) < 3:
            return [], chunk
        cut = words_at[-2]
        while cut > 0 and labels[name[cut - 1]] == _INITIAL:
            cut -= 1
        region, name = region + name[:cut], name[cut:]
    if sum(labels[idx] == _NAME for idx in name) > _MAX_NAME_WORDS:
        return [], chunk
    return name, region


def _has_head(toks: _Tokens, region: list[int]) -> bool:
    return any(toks.labels[idx] in (_HEAD, _HONORIFIC) for idx in region)


def _strong_enough(toks: _Tokens, region: list[int]) -> bool:
    """May this title stand before a bare surname ("President Reagan", "Ms Aslam")?"""
    words, labels = toks.words, toks.labels
    last = region[-1]
    if labels[last] == _HONORIFIC:
        # "Mr Reed"; a rank needs its dot ("Lt Fowl" is a line of a poultry table)
        return not _HONORIFICS[words[last].casefold()] or (last + 1 < len(words) and labels[last + 1] == _DOT)
    if labels[last] != _HEAD:
        # only "Secretary of State Shultz" may end in something other than the office itself
        if (len(region) < 3 or words[region[-2]] != "of" or labels[region[-3]] != _HEAD
                or words[last].casefold() not in _PORTFOLIOS or not words[last][0].isupper()):
            return False
        last = region[-3]
    if not any(p in _STRONG_HEADS for p in words[last].casefold().split("-")):
        return False
    # "Indonesian Energy minister Subroto" yes, "told the minister Bonn ..." no
    return words[last][0].isupper() or any(words[idx][0].isupper() for idx in region)


def _describe(toks: _Tokens, region: list[int]) -> tuple[str, str, str]:
    """(title, affiliation, kind) from the tokens of a title phrase."""
    words, labels, country = toks.words, toks.labels, toks.country
    region = region[-_MAX_TITLE_TOKENS:] if len(region) > _MAX_TITLE_TOKENS else region
    while region and labels[region[0]] == _CONNECT:
        region = region[1:]
    k = 0
    nationality = ""
    while k < len(region) and country[region[k]]:
        nationality = nationality or country[region[k]]
        k += 1
    title_part = region[k:]
    # An organisation named before the office: "Bundesbank President", "Exxon Corp chairman".
    m = 0
    while m < len(title_part) and labels[title_part[m]] in (_NAME, _ORG, _CONNECT):
        m += 1
    prefix = title_part[:m] if m < len(title_part) else []
    while prefix and labels[prefix[-1]] == _CONNECT:
        prefix.pop()
    affiliation = " ".join(words[idx] for idx in prefix)
    if not affiliation:
        affiliation = nationality or next((country[idx] for idx in title_part if country[idx]), "")
    if not affiliation:
        # "chairman of the Federal Reserve Board"
        for n, idx in enumerate(title_part):
            if words[idx].casefold() in ("of", "for"):
                obj = [t for t in title_part[n + 1:] if words[t].casefold() != "the"]
                if obj and any(labels[t] in (_ORG, _NAME) for t in obj):
                    affiliation = " ".join(words[t] for t in obj)
                break
    parts = []
    for idx in title_part:
        if labels[idx] == _HONORIFIC:
            mapped = _HONORIFICS[words[idx].casefold()]
            if mapped:
                parts.append(mapped)
        else:
            parts.append(words[idx])
    title = " ".join(parts)
    keys = {words[idx].casefold() for idx in region}
    governmental = bool(keys & _GOVERNMENT_SIGNALS) or any(country[idx] for idx in region)
    corporate = bool(keys & _COMPANY_MARKERS) or bool(keys & _CORPORATE_SIGNALS and not governmental)
    kind = "corporate" if corporate else "government"
    return title, affiliation, kind


def _name_words(toks: _Tokens, name: list[int]) -> list[str]:
    return [toks.words[idx] + ("." if toks.labels[idx] == _INITIAL else "") for idx in name]


def _person(toks: _Tokens, chunk: list[int]) -> tuple[list[int], list[int]]:
    """(name, title region) when the chunk is a title followed by a name, else ([], chunk)."""
    name, region = _split_name(toks, chunk)
    if name and _has_head(toks, region):
        full = sum(toks.labels[idx] == _NAME for idx in name) >= 2
        if full or _strong_enough(toks, region):
            return name, region
    return [], chunk


def _candidates(toks: _Tokens, chunks: list[list[int]]) -> list[_Candidate]:
    labels, words = toks.labels, toks.words
    starts = {chunk[0]: k for k, chunk in enumerate(chunks)}
    out: list[_Candidate] = []

    def add(name: list[int], region: list[int]) -> None:
        title, affiliation, kind = _describe(toks, region)
        out.append(_Candidate(name[-1], _name_words(toks, name), title, affiliation, kind))

    def chunk_after(chunk: list[int], joiners: tuple[str, ...]) -> list[int] | None:
        # the chunk that starts right after `chunk` + a joiner ("," / "as") + an optional article
        after = chunk[-1] + 1
        if after >= len(words) or words[after].casefold() not in joiners:
            return None
        start = after + 1
        if start < len(words) and words[start].casefold() in ("the", "a", "an"):
            start += 1
        k = starts.get(start)
        return chunks[k] if k is not None else None

    def is_full_name(chunk: list[int]) -> bool:
        return (all(labels[idx] in _NAMEISH for idx in chunk) and labels[chunk[-1]] == _NAME
                and 2 <= sum(labels[idx] == _NAME for idx in chunk) <= _MAX_NAME_WORDS)

    def is_bare_title(chunk: list[int]) -> bool:
        return _has_head(toks, chunk) and not _person(toks, chunk)[0]

    def is_complete(chunk: list[int]) -> bool:
        # "Nimit N., chief economist at ...": a title cut short by a word the gazetteer lacks
        after = chunk[-1] + 1
        if after >= len(words) or not words[after][0].islower():
            return True
        return words[after] in _TITLE_FOLLOWERS

    for chunk in chunks:
        name, region = _person(toks, chunk)
        if name:
            add(name, region)
        elif is_bare_title(chunk) and (
            labels[chunk[-1]] in (_HEAD, _DESC)
            or (labels[chunk[-1]] == _ORG and any(words[idx].casefold() in ("of", "for") for idx in chunk))
        ):
            # "Russian Foreign Minister, Sergei Lavrov, ...", "the Governor of the Bank of Greece, D. H."
            nxt = chunk_after(chunk, (",",))
            if nxt and is_full_name(nxt):
                add(nxt, chunk)
        if name or is_full_name(chunk):
            # "Zamir Kabulov, Special Representative of ...", "Alan Reed, the Treasury Secretary,",
            # "to reappoint Paul Volcker as chairman of ..."
            name = name or chunk
            if sum(labels[idx] == _NAME for idx in name) < 2:
                continue
            nxt = chunk_after(chunk, (",", "as"))
            if nxt and is_bare_title(nxt) and is_complete(nxt):
                add(name, nxt[:_MAX_TITLE_TOKENS])
    return out


@dataclass
class _Person:
    name: list[str]
    title: str
    affiliation: str
    kind: str
    first: int
    mentions: int = 0
    first_seen: int = -1
    last_seen: int = -1


def _compatible(a: list[str], b: list[str]) -> bool:
    if len(a) == 1 or len(b) == 1:
        return True
    x, y = _fold(a[0]).rstrip("."), _fold(b[0]).rstrip(".")
    return x == y or (min(len(x), len(y)) == 1 and x[0] == y[0])


def _merge(candidates: list[_Candidate]) -> list[_Person]:
    people: list[_Person] = []
    by_surname: dict[str, list[int]] = {}
    for cand in sorted(candidates, key=lambda c: c.pos):
        key = _fold(cand.name[-1])
        match = next((p for p in reversed(by_surname.get(key, [])) if _compatible(people[p].name, cand.name)),
                     None)
        if match is None:
            by_surname.setdefault(key, []).append(len(people))
            people.append(_Person(cand.name, cand.title, cand.affiliation, cand.kind, cand.pos))
            continue
        person = people[match]
        if len(cand.name) > len(person.name):
            person.name = cand.name
        if not person.title and cand.title:
            person.title, person.kind = cand.title, cand.kind
        if not person.affiliation:
            person.affiliation = cand.affiliation
    return people


def _count_mentions(toks: _Tokens, people: list[_Person]) -> None:
    """One mention per surname occurrence that is not part of someone else's name."""
    by_surname: dict[str, list[_Person]] = {}
    for person in people:
        by_surname.setdefault(_fold(person.name[-1]), []).append(person)
    words, labels = toks.words, toks.labels
    for i, word in enumerate(words):
        if not word[0].isalpha():
            continue
        group = by_surname.get(_fold(word))
        if not group:
            continue
        if toks.styled[i]:
            chosen = max(group, key=lambda p: p.last_seen)
        else:
            if labels[i] != _NAME:
                continue
            prev = i - 1
            if prev >= 1 and labels[prev] == _DOT and labels[prev - 1] == _INITIAL:
                prev -= 1
            if prev >= 0 and labels[prev] in (_NAME, _INITIAL):
                # "Howard Baker" is not "James Baker": the given name must fit.
                given = _fold(words[prev])
                fits = [p for p in group if len(p.name) > 1 and _given_fits(_fold(p.name[-2]), given)]
                if not fits:
                    continue
                chosen = fits[0]
            else:
                if not toks.possessive[i] and i + 1 < len(words) and labels[i + 1] == _NAME:
                    continue  # "Baker Hughes"
                chosen = max(group, key=lambda p: (p.first <= i, p.last_seen))
        chosen.mentions += 1
        if chosen.first_seen < 0:
            chosen.first_seen = i
        chosen.last_seen = i


def _given_fits(expected: str, seen: str) -> bool:
    expected, seen = expected.rstrip("."), seen.rstrip(".")
    return expected == seen or (min(len(expected), len(seen)) == 1 and expected[0] == seen[0])


def extract_officials(text: str) -> list[Official]:
    """Named office holders in `text` (headline + blank line + body), in order of first appearance."""
    if not text:
        return []
    toks = _tokenise(text)
    people = [p for p in _merge(_candidates(toks, _chunks(toks))) if p.title]
    _count_mentions(toks, people)
    people.sort(key=lambda p: min(p.first, p.first_seen) if p.first_seen >= 0 else p.first)
    return [
        Official(" ".join(p.name), p.title, p.affiliation, max(p.mentions, 1), p.kind)
        for p in people
    ]
