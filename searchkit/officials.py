"""Find named office holders in article text.

A title gazetteer plus capitalised-name patterns over one token scan; no model, no backtracking regex.
Handled shapes: "Russian Deputy Foreign Minister Igor Morgulov", "Bank of Japan governor Satoshi Sumita",
"Russian Foreign Minister, Sergei Lavrov,", "Alan Reed, the Treasury Secretary,", "Sen. Maria Keller";
later mentions ("Popov", "Ms Aslam") count towards the same person.
"""

from __future__ import annotations

import bisect
import functools
import html
import re
import unicodedata
from dataclasses import dataclass, field

from searchkit.article import Official

__all__ = ["extract_officials"]

# A blank line (block break), a party name with a bracketed letter ("JD(S)", "PML(N)"), capitals joined by
# "&" ("BB&T", "S&P"), a dotted abbreviation ("U.S."), a word (inner apostrophes/hyphens kept: "O'Connor",
# "Al-Sisi", "Aslam’s", and "Arabia´s" with a cp1252 accent), or any other single non-space character. Every
# alternative consumes input at a fixed rate, so matching is linear.
_TOKEN = re.compile(r"\n[^\S\n]*\n|[A-Z]{1,6}\([A-Z]{1,3}\)|[A-Z]{1,5}&[A-Z]{1,5}\b|(?:[^\W\d_]\.){2,}"
                    r"|[^\W_](?:\w|['’`´-](?=\w))*|\S")

# A tag cut off before its ">" and glued to the next word, as scraped pages have it: "</strongNiaz A. Malik".
_GLUED_TAG = re.compile(r"(</?[a-z]{1,10})(?=[A-Z])")
# A whole tag left in the text: "Iran's OPEC<br/>envoy".
_HTML_TAG = re.compile(r"</?[a-z]{1,10}\s?/?>")
# Sentences run together with no space, as some scraped papers print them: "... Loan SchemeHe said".
_GLUED_SENTENCE = re.compile(
    r"(?<=[a-z])(?=(?:He|She|It|They|We|The|This|That|These|In|On|At|But|Also|However|Meanwhile|According)\b)")

# A possessive written with the apostrophe alone, before a capitalised word ("Wales' First Minister"; not a
# plural inside a body's name, "Producers' Association": see _bare_possessive) or a country's before any word.
# It starts only where a hyphenated run of words starts, so each character is scanned once (linear). Pakistani
# papers print the apostrophe as a cp1252 accent ("Managers´ Index").
_BARE_POSSESSIVE = re.compile(r"(?<![\w'’´-])([A-Z][\w-]*s)['’´](?=[^\S\n]+([A-Za-z][\w-]*))")

# --- gazetteer (casefolded keys) -------------------------------------------------------------------


def _wordset(spec: str) -> frozenset[str]:
    return frozenset(spec.split())


_HEADS = _wordset(
    """minister ministers secretary ambassador president premier chairman chairwoman chairperson governor
    senator congressman congresswoman spokesman spokeswoman spokesperson director director-general general
    envoy representative treasurer chancellor commissioner mayor king queen prince princess emperor empress attaché
    convener convenor co-leader co-chair co-chairperson co-convener counterpart
    pope emir sultan leader speaker administrator executive officer ceo counsellor counselor consul attache
    judge justice attorney prosecutor adviser advisor negotiator commander undersecretary under-secretary
    secretary-general vice-president vice-chairman vice-premier deputy-governor governor-general viceroy
    archbishop bishop cardinal ayatollah chief head president-elect co-chairman ombudsman comptroller controller
    regent chair boss supremo whip counsel founder co-founder mp msp mla mlc mna mpa cm pm mep legislator lawmaker
    councillor councilor magistrate collector superintendent constable dgp igp patron official admiral marshal
    dig ssp sho sheriff delegate aide curator registrar warden provost trustee headteacher vice-chair
    vice-chairwoman vice-chairperson"""
)
# Heads that may stand before a bare surname ("President Reagan"); weak ones ("General", "Chief") need a
# full name, or "General Motors" would be a person.
_STRONG_HEADS = _wordset(
    """minister secretary ambassador president premier chairman chairwoman governor senator chancellor mayor
    king queen pope emperor emir sultan prince princess commissioner congressman congresswoman treasurer
    envoy judge speaker vice-president secretary-general director-general governor-general vice-premier
    president-elect justice supremo mp msp mla mlc mna mpa cm pm mep"""
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
    staff intelligence police surgeon inspector solicitor postmaster brigadier major lieutenant colonel captain
    commodore crown high additional dy lead district divisional opposition country honorary domestic climate
    shadow standing change pakistanis production poverty alleviation safety interfaith harmony narcotics statistics
    textile sustainability conservation marketing campaigns procurement investment"""
)
# Company-name words: "American President Lines" is a firm, not President Lines.
_FIRM_WORDS = _wordset(
    """lines productions services technologies chemicals systems products savings securities insurance
    partners associates brothers bros labs laboratories pharmaceuticals electronics foods stores markets
    supermarkets properties realty capital ventures investments cos mills gas telegraph telephone
    broadcasting publishing newspapers media entertainment pictures studios textiles railroad railway
    railways mortgage bancshares financial mine division subsidiary hotel hotels strategies solutions
    consultants consulting consultancy advisory"""
)
_ORG_WORDS = (_wordset(
    """ministry ministries office council committee commission board bank reserve fund federation union
    assembly parliament senate house congress government department agency authority administration
    organization organisation association institute institution corporation corp inc incorporated co
    company ltd limited plc group holdings trust exchange party front league court service bureau force
    task action coalition alliance community nations countries states republic kingdom secretariat directorate
    embassy consulate federal central fed white kremlin pentagon diet bundestag knesset politburo reuters
    university college school church industries enterprises airlines airways motors bancorp
    ag sa nv gmbh spa bv llc lp democratic republican democrat conservative liberal socialist communist
    subcommittee cartel opec imf gatt nato oecd advisers advisors world news county province prefecture municipality
    mission delegation chamber chambers centre center scheme schemes programme programmes initiative project projects
    package
    manufacturers exporters importers producers growers dealers agents distributors distributions transporters
    merchants retailers workers employers bridge road street square station airport stadium mosque daily
    river lake island hospital hospitals clinic museum academy motorway highway chowk bazaar
    index indices"""
) | _FIRM_WORDS
)
_COMPANY_MARKERS = (_wordset(
    """corp corporation inc incorporated co company ltd limited plc holdings industries enterprises airlines
    airways motors bancorp ag sa nv gmbh spa bv llc lp firm"""
) | _FIRM_WORDS
)
# Words that make a chairman or executive a company officer unless a government word is also there.
_CORPORATE_SIGNALS = {"chairman", "chairwoman", "chairperson", "executive", "ceo", "officer", "managing", "manager",
                      "vice-chairman", "co-chairman", "controller",
                      # a firm's portfolios: "vice president of marketing", "director of sustainability"
                      "marketing", "sustainability", "procurement", "campaigns"}
_GOVERNMENT_SIGNALS = _wordset(
    """ministry minister government federal reserve fed central council committee commission senate house
    congress parliament cabinet department state treasury national assembly embassy party republican
    democratic administration agency subcommittee opec imf gatt nato oecd ec eec un ecb bis iea ico adb idb
    efta asean comecon unctad fao ilo who wto gcc bundesbank kremlin pentagon authority authorities court justice
    courts tribunal judiciary police army navy military guard guards revenue bureau municipal metropolitan cantonment
    unicef unesco undp unhcr unep wfp iaea unctad monetary unfccc ipcc cop cop21 cop25 cop26 cop27 cop28"""
) | _wordset(
    # public bodies papers name by acronym alone: Pakistan, India, the UK, the US, international
    """fbr nab sbp secp nepra ogra pemra ndma pdma fia ispr wapda cda kmc lda hec ecp pta nadra fo mofa pbs pmd
    isi ctd nha drap pmdc ppra bisp boi kwsb
    rbi sebi cbi drdo isro
    defra beis hmrc nhs dwp fcdo fco ofgem ofwat ofcom sepa cma fca
    fbi cia nsa fcc sec ftc epa fda nasa usda hud irs cftc fdic nrc faa ntsb noaa gao cbo omb usaid mofcom miti
    iea irena fatf icc icj ebrd aiib iadb fao ilo icao imo unodc unaids"""
)
# Political parties are public bodies ("Pakistan Tehreek-e-Insaf (PTI)"): words of their names.
_PARTY_WORDS = _wordset(
    """league movement tehreek tehrik tehreek-e-insaf tehrik-e-insaf insaf jamaat jamaat-e-islami jamiat
    jamiat-ulema-e-islam awami qaumi muttahida janata dal samajwadi
    pti ppp pppp pml pml-n pml-q pml-f pml(n) pml(q) mqm mqm-p mqm-pakistan jui jui-f jui(f) anp bap tlp psp pdm
    bjp rjd bsp dmk aiadmk tmc aap ncp jd(s) jd(u) jdu shiv sena snp dup ukip gop tory tories
    spd cdu csu fdp ldp anc"""
)
# Words that make a spelt-out body public when nothing else says so ("Overseas Economic Cooperation Fund",
# "International Sugar Organization", "Economic Planning Unit", "... Conservation Service").
_PUBLIC_BODY_WORDS = _wordset(
    """service fund unit organization organisation international cooperation co-operation planning programme
    program"""
)
# A bank is a firm unless one of these makes it a public one ("State Bank of Pakistan", "World Bank").
_PUBLIC_BANK_WORDS = _wordset(
    """state central reserve national federal world development asian african european investment people export
    import export-import negara"""
)
# Words of a body of states, whatever else its name holds ("Association of Tin Producing Countries")
_STATES_BODIES = _wordset("countries")
# A state's insurer of deposits or crops, though its name ends in "Corp" ("Federal Deposit Insurance Corp")
_PUBLIC_INSURERS = (_wordset("deposit insurance"), _wordset("federal insurance"))
# Markets whose exchange is a members' business ("Chicago Mercantile Exchange", "New York Cotton Exchange")
_MARKETS = _wordset("mercantile futures cotton commodity metal grain")
# "Federation of Economic Organizations" (Keidanren): a federation of private bodies is one itself
_MEMBER_BODIES = _wordset("organizations organisations")
_HONORIFICS = {
    "mr": "", "mrs": "", "ms": "", "miss": "", "mme": "", "mlle": "", "dr": "", "sir": "", "dame": "",
    "lady": "", "herr": "", "frau": "", "monsieur": "", "senor": "", "señor": "", "signor": "",
    "sen": "Senator", "rep": "Representative", "gov": "Governor", "gen": "General", "lt": "Lieutenant",
    "col": "Colonel", "maj": "Major", "capt": "Captain", "adm": "Admiral", "sgt": "Sergeant",
    "cmdr": "Commander", "rev": "Reverend", "sheikh": "Sheikh", "sheik": "Sheikh", "lord": "Lord",
    # an academic or religious honorific is never the office ("Prof Ahsan Iqbal, the planning minister")
    "prof": "", "professor": "", "shri": "", "shree": "", "sri": "", "smt": "", "shrimati": "", "kumari": "",
    "begum": "", "syed": "", "sayed": "", "maulana": "", "mufti": "", "hazrat": "", "janab": "",
}
_PARTICLES = {"de", "da", "di", "du", "del", "della", "der", "den", "van", "von", "la", "le", "bin", "ibn",
              "al", "el", "ben", "y", "dos", "das", "ter", "ten", "st", "arap", "bint", "ul", "ud", "ur"}
# Name suffixes end a name without being its surname.
_SUFFIXES = {"jr", "sr", "ii", "iii"}
_LINEAGE = _wordset("bin ibn bint")
# Capitalised words that open sentences or name dates, never part of a name or a title.
_STOPWORDS = _wordset(
    """the a an but and or nor in on at for with by from to of as he she it they we i you this that these
    those its his her their our my your there here earlier later however meanwhile also after before when
    while if although though since under over last next yesterday today tomorrow not no yes so then thus
    still such some many most other another both each every all any what which who whom whose where why how
    according despite during following between about against among through only even neither either whether
    just almost perhaps indeed yet without within unlike amid amidst whilst whereas hence therefore likewise
    similarly recently currently initially finally ultimately eventually notably especially nonetheless
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
    will would also since until during before after when while but or outside near here"""
)
_DOT_ABBREVIATIONS = {"corp", "inc", "co", "ltd", "jr", "sr", "st", "bros", "no"}
# "D-Cal", "R-Texas" after a US legislator's name.
_PARTIES = {"D-": "Democratic", "R-": "Republican"}
# Capitalised words that open sentences ("All", "Dealers said") but sit inside names of bodies when a
# capitalised word follows.
_ORG_OPENERS = _wordset("all dealers traders")
# Plural offices shared by several names ("Justices A and B", "Ministers X and Y") -> each one's office.
_PLURAL_HEADS = {"justices": "justice", "ministers": "minister", "judges": "judge", "senators": "senator",
                 "mps": "mp", "msps": "msp", "mlas": "mla", "mnas": "mna", "lawmakers": "lawmaker",
                 "legislators": "legislator",
                 "councillors": "councillor"}
# "Senators including A, B and C", "Ministers such as X and Y": the names share the plural office as if listed
# directly after it. Only the capitalised office ("several ministers such as" is a description) and only before a
# full name ("Senators including Members of the PPP", "... members of the PPP" list no one).
_CAPITALISED_PLURAL_HEADS = "|".join(head.capitalize() for head in _PLURAL_HEADS if len(head) > 4)
_PLURAL_INCLUDING = re.compile(
    rf"\b({_CAPITALISED_PLURAL_HEADS}),?[^\S\n]+(?:including|such[^\S\n]+as)[^\S\n]+(?=([A-Z][a-z]+)[^\S\n]+[A-Z])")
# Offices only a public body has: a company word in the ministry's name does not make them corporate
# ("Minister of State for Power and Natural Gas").
_GOVERNMENT_HEADS = _wordset(
    """minister ministers senator senators mp mps msp msps mla mlas mlc mna mnas mpa cm pm mep legislator legislators
    lawmaker lawmakers councillor councillors councilor mayor ambassador envoy judge judges justice justices
    magistrate collector dgp igp superintendent constable congressman congresswoman premier"""
)
_FOUNDERS = _wordset("founder co-founder")
# Descriptors that rank an office holder, never begin the name of a body ("Deputy CIA Director").
_RANKS = _wordset(
    """deputy vice acting former ex senior junior assistant associate principal chief first interim caretaker
    outgoing incoming special top managing executive general"""
)
# Ranks that may come before the body an office belongs to ("Former FPCCI Chairman"); not "First", which opens
# firms' names ("First Boston Corp").
_STANDINGS = _wordset("former ex acting deputy vice senior junior assistant outgoing incoming interim caretaker top")
# Offices accredited "to" a country or body.
_ACCREDITED = _wordset("ambassador envoy commissioner high-commissioner representative consul mission delegation")
# Offices whose "of"/"for" names a portfolio ("Minister for Railways"), not the body they belong to.
_PORTFOLIO_HEADS = _GOVERNMENT_HEADS | {"secretary", "adviser", "advisor", "assistant"}
# Private bodies whose officers are not officials of the country named in the body's name.
_PRIVATE_BODIES = _wordset(
    """association associations chamber chambers club manufacturers exporters importers producers growers
    dealers distributors transporters merchants retailers employers consumer consumers traders foundation
    ngo trust charity society amnesty greenpeace oxfam wwf watch banks bankers friends"""
)
# Words that end private bodies' names, never people's ("Hindu Temple Society" is no Mr Temple Society);
# in lower case they open no name ("the charity Open Doors", "civil society")
_CAPITALISED_BODIES = _wordset("foundation society charity")
# Business bodies: "Pakistan Business Council", "UK Green Building Council", "Stock Exchange", "Business Forum"
# (unlike a "Business Secretary", whose office has no body word)
_TRADE_QUALIFIERS = _wordset("business businesses building investors investor stock")
_TRADE_BODIES = _wordset("council forum exchange federation alliance association group roundtable community")
# A union of these is a trade union, a private body ("National Farmers Union", "Trades Union Congress"), unlike
# the European or African Union.
_UNIONS = _wordset("union unions")
_UNION_MEMBERS = _wordset(
    "trades workers farmers teachers employees students journalists doctors nurses lawyers labour labor")
_CONSUMER_WORDS = _wordset("consumer consumers")
# Offices held "to" someone "on" a portfolio: "Special Assistant to the Prime Minister on Health".
_ADVISERS = _wordset("adviser advisor assistant")
_RETIRED = _wordset("retd retired")
# A judge's or a senator's own rank after the body an office belongs to ("Chairman NAB Justice X")
_PERSONAL_RANKS = frozenset({"Justice", "Senator"})
# Honorifics that name a style, not an office ("Sheikh", "Lord"): a title only when no office is named.
_STYLES = frozenset({"Sheikh", "Lord", "Reverend"})
# Lower-case words that say what a body is before its name ("the charity Shelter", "the think tank Ember")
_DESCRIBED_BODIES = _wordset(
    "charity campaign group ngo organisation organization trust foundation network coalition lobby tank firm company"
    " regulator watchdog agency union association body")
# of which private ones ("the charity Shelter", "the Transform Scotland lobby group")
_PRIVATE_DESCRIPTORS = _DESCRIBED_BODIES - _wordset("regulator watchdog agency body organisation organization")
# "Labour" is a party before a party's or a legislator's office, a portfolio before a minister
_LABOUR = frozenset({"Labour", "Labor"})
_PARTY_OFFICES = _wordset("mp mps msp mla mna mpa mep lawmaker legislator councillor councilor leader peer spokesman"
                          " spokeswoman spokesperson chairman chair whip candidate")
_LEGISLATORS = _wordset("mp msp mla mna mpa mep mlc lawmaker legislator councillor councilor")
# a legislature seat written after the name ("X MS" in the Senedd, "X AM", "X TD" in the Dail, "X MHK" in the
# House of Keys, "X MP"); in capitals, so "Ms" stays an honorific. Not "QC": a barrister's rank, no seat.
_SEAT_SUFFIXES = frozenset({"MS", "AM", "TD", "MP", "MSP", "MLA", "MLC", "MHK", "MNA", "MPA", "MEP"})
# seats few readers know by their letters, spelt out with the legislature they sit in
_SEATS_SPELT_OUT = {"MHK": ("Member of the House of Keys", "House of Keys"), "MS": ("Member of the Senedd", "Senedd"),
                    "MLC": ("Member of the Legislative Council", "Legislative Council")}
# places a manager runs as their office holder; a "fund manager" or "sales manager" is staff
# a partner who runs the firm ("managing partner", "senior partner"), unlike one of many ("a partner at ...")
_LEADING_PARTNERS = _wordset("managing senior")
_SITES = _wordset("distillery plant site mill mine factory refinery brewery smelter warehouse depot")
# UN climate summits as the BBC prints them ("Cop26 president")
_SUMMITS = _wordset("cop21 cop25 cop26 cop27 cop28")
_SUMMIT_WORDS = _SUMMITS | {"cop"}
_SURNAME_HEADS = _wordset("sultan king bishop marshal prince")
# Months that are also given names or surnames ("Theresa May", "Ali Jan Khan", "Jan Egeland")
_NAME_MONTHS = frozenset({"May", "Jan", "June", "April", "August"})
_BEFORE_A_DATE = _wordset(
    "in since until till by from last next early late mid of this during before after through to on")
# Ranks that only the armed forces give ("NDMA Chairman Lieutenant General X" is a public office)
_FORCES_RANKS = _wordset("brigadier colonel lieutenant commodore admiral marshal")
# Bodies whose remit follows "on": "Senate Standing Committee on Finance"
_REMIT_BODIES = _wordset("committee committees commission council subcommittee taskforce")
_CAPTIONS = frozenset({"Left", "Right", "Centre", "Center", "L", "R", "C"})
_MILITARY_RANKS = _wordset("brigadier colonel major captain lieutenant commodore general admiral marshal")
# "cabinet member for", "portfolio holder for": the word an office of a council needs before it
_COUNCIL_OFFICES = {"member": _wordset("cabinet executive"), "holder": _wordset("portfolio")}
# "Newly-appointed", "Recently-elected": adverbs that make an adjective of the appointment.
_HYPHENED_ADVERBS = _wordset("newly recently freshly duly jointly democratically popularly directly formerly")
# "A, B and other FBR officials"
_PLURAL_OFFICIALS = _wordset("officials office-bearers")
# The legal form that ends a company's name.
_LEGAL_FORMS_CAPITALISED = _wordset(
    "Corp Corporation Inc Incorporated Co Company Ltd Limited Plc PLC LLC GmbH AG SA")
# Goods a state-owned company trades in, and the words that make it the state's ("Pakistan State Oil").
_STATE_GOODS = _wordset("oil gas petroleum steel pipelines fertiliser fertilizer cement shipping")
_STATE_OWNERS = _wordset("state national")
# Public bodies a consumer word may sit in ("Bureau of Consumer Protection"), unlike "National Consumers Union".
_PUBLIC_NOUNS = _wordset("ministry department bureau authority commission agency council committee court")
# Offices a company has: "<Company> spokesman", "<Company> boss", "Rolm's president".
_COMPANY_OFFICES = _wordset("spokesman spokeswoman spokesperson boss president vice-president")
# A head after these words is a job, not an office ("film director", "head of Asian research").
_NOT_OFFICES = _wordset("film movie music musical art artistic creative theatre theater fashion casting research")
# Fields of study that end an analyst's job title in a private firm ("head of Asia economics").
_FIELDS = _wordset("economics strategy")
_DEALING_DESKS = _wordset("trader dealer")
# Titles of a head of state or government, whose country the headline may give ("Denmark to ...").
_HEADLINE_TITLES = {"president", "prime minister", "premier", "king", "queen", "emir", "sultan", "crown prince",
                    "pm", "chancellor"}
# Words that say nothing about whom an office belongs to ("Federal Minister", "Prime Minister Office").
_NOT_AFFILIATIONS = _wordset(
    """office ministry department group government federal provincial party council committee state central
    national secretariat division board lieutenant crown the agricultural foreign affairs scheme schemes programme
    programmes initiative project projects package asian african european arab asia-pacific apac emea
    east west north south business"""
)
# Lower-case words between a name and its office: "Ali Khan, then acting governor", "... was elected chairman".
_LEAD_INS = _wordset("the a an then now another also his her their its")
# lower-case words between a name's comma and its office that date the office: "Peter Rogers, previously president
# of ...", "David Lyon, currently managing director of ...", "William Bradt, new chairman of ..."
_TIME_ADVERBS = frozenset({"formerly", "previously", "currently", "presently", "recently", "new"})
# "the country's president": a country the article names elsewhere
_THE_COUNTRY = _wordset("country nation kingdom republic")
_AUXILIARIES = _wordset("was is has have had been be will would being")
_APPOINTED = _wordset(
    "elected re-elected appointed named nominated made sworn chosen designated promoted became becomes become"
    " remain remains remained"
)
_BECAME = _wordset("became becomes remain remains remained")
# "Ann Ode, who leads the Forest Trust": verbs that give an office over the body they name
_LEADS = _wordset("leads heads chairs directs led headed chaired directed")
# Verbs after "The <office>" that make it the subject of its sentence; how far back its person may be named
_SAID = _wordset("said says told added has had is was warned urged")
_SENTENCE_LOOKBACK = 80  # tokens
# Offices recognised when misspelt by one letter ("Secretery", "spokespersn", "Sentor"): long enough to be
# unmistakable (no English word is "senator" with one letter dropped).
_SPELLING_HEADS = ("minister", "secretary", "spokesman", "spokeswoman", "spokesperson", "chairman", "chairwoman",
                   "chairperson", "president", "governor", "ambassador", "director", "commissioner", "chancellor",
                   "senator")


def _one_letter_dropped(word: str) -> set[str]:
    return {word[:i] + word[i + 1:] for i in range(len(word))}


_MISSPELT_INITIALS = {head[0] for head in _SPELLING_HEADS}
_MISSPELT_HEADS: dict[str, str] = {}
for _head in _SPELLING_HEADS:
    for _variant in (_head, *sorted(_one_letter_dropped(_head))):
        _MISSPELT_HEADS.setdefault(_variant, _head)

_COUNTRIES: dict[str, str] = {}


def _country_forms(spec: str) -> list[tuple[str, list[str]]]:
    # "Country: form, form; ..." -> [(country, [form, ...]), ...]
    entries = [entry.partition(":") for entry in spec.split(";")]
    return [(country.strip(), [form.strip() for form in forms.split(",") if form.strip()])
            for country, _, forms in entries if country.strip()]


def _add_countries(spec: str) -> None:
    # "Country: demonym, demonym; ..." -> every form maps to the country name.
    for country, forms in _country_forms(spec):
        _COUNTRIES[country.casefold()] = country
        for form in forms:
            _COUNTRIES[form.casefold()] = country


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
# Small and newer states, often named in climate and development copy ("Maldives' environment minister")
_add_countries(
    """Maldives: maldivian; Bhutan: bhutanese; Myanmar: myanmar; Tajikistan: tajik; Kyrgyzstan: kyrgyz;
    Turkmenistan: turkmen; Azerbaijan: azerbaijani, azeri; Armenia: armenian; Moldova: moldovan; Latvia: latvian;
    Lithuania: lithuanian; Estonia: estonian; Slovenia: slovenian; Bosnia: bosnian; Kosovo: kosovar;
    Montenegro: montenegrin; North Macedonia: macedonian; Malta: maltese; Fiji: fijian; Tuvalu: tuvaluan;
    Vanuatu: vanuatuan; Samoa: samoan; Tonga: tongan; Kiribati: i-kiribati; Marshall Islands: marshallese;
    Palau: palauan; Nauru: nauruan; Solomon Islands: solomon islander; Papua New Guinea: papua new guinean;
    Barbados: barbadian; Antigua and Barbuda: antigua, antiguan; Bahamas: bahamian; Grenada: grenadian;
    Guyana: guyanese; Suriname: surinamese; Belize: belizean; Seychelles: seychellois; Eritrea: eritrean;
    Rwanda: rwandan; Burundi: burundian; Somalia: somali; Malawi: malawian; Mali: malian; Liberia: liberian;
    Sierra Leone: sierra leonean; Burkina Faso: burkinabe; Gambia: gambian; Mauritania: mauritanian;
    Djibouti: djiboutian; Lesotho: basotho; Gabon: gabonese; Togo: togolese; Benin: beninese; Laos: laotian;
    Cambodia: cambodian; Brunei: bruneian; East Timor: timorese, timor-leste; Guinea: guinean;
    Guinea-Bissau: bissau-guinean; Equatorial Guinea: equatoguinean; Niger: nigerien; Chad: chadian;
    Cape Verde: cape verdean; Comoros: comorian; South Sudan: south sudanese; Trinidad and Tobago: trinidadian,
    trinidad; Dominica:; Saint Lucia: st lucian; Eswatini: swazi, swaziland; Palestine: palestinian;
    Bosnia and Herzegovina:; Sao Tome and Principe:; St Kitts and Nevis:"""
)
# States and provinces whose names open with a country's word: "British Columbia" is not Britain's
_PROVINCES = {"British Columbia", "West Virginia", "South Australia", "Western Australia", "New Brunswick"}
_add_countries(";".join(f"{province}:" for province in _PROVINCES))
# The United Kingdom's nations by their adjectives (not countries of their own: "Scottish Power" is no state's)
_HOME_NATIONS = {"Welsh": "Wales", "Scottish": "Scotland", "Northern Irish": "Northern Ireland", "Wales": "Wales"}
# Capitals a story may be datelined from (casefolded) -> the country, for a headline naming two countries
_CAPITALS = {capital: country for country, capitals in _country_forms(
    """Pakistan: islamabad; India: new delhi; China: beijing; United States: washington; Britain: london;
    Russia: moscow; Japan: tokyo; France: paris; Germany: berlin; Italy: rome; Spain: madrid; Canada: ottawa;
    Australia: canberra; Iran: tehran; Afghanistan: kabul; Saudi Arabia: riyadh; Qatar: doha;
    United Arab Emirates: abu dhabi; Turkey: ankara; Egypt: cairo; Brazil: brasilia; South Korea: seoul;
    Indonesia: jakarta; Malaysia: kuala lumpur; Bangladesh: dhaka; Sri Lanka: colombo; Nepal: kathmandu;
    Iraq: baghdad; Greece: athens; Philippines: manila; Thailand: bangkok; Vietnam: hanoi; Kenya: nairobi;
    Nigeria: abuja; South Africa: pretoria; Ireland: dublin; Portugal: lisbon; Sweden: stockholm; Norway: oslo;
    Denmark: copenhagen; Finland: helsinki; Poland: warsaw; Austria: vienna; Switzerland: bern; Ukraine: kiev, kyiv;
    Oman: muscat; Kuwait: kuwait; Bahrain: manama; Jordan: amman; Syria: damascus; Lebanon: beirut;
    Israel: jerusalem; New Zealand: wellington; Argentina: buenos aires; Mexico: mexico city; Venezuela: caracas;
    Peru: lima; Chile: santiago; Colombia: bogota; Cuba: havana; Ghana: accra; Morocco: rabat; Algeria: algiers;
    Ethiopia: addis ababa; Zimbabwe: harare; Zambia: lusaka; Senegal: dakar; Hungary: budapest; Taiwan: taipei;
    Czech Republic: prague; Romania: bucharest; Bulgaria: sofia; Serbia: belgrade; Netherlands: amsterdam"""
) for capital in capitals}
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
    capitol asian african arab punjab sindh balochistan baluchistan khyber pakhtunkhwa gilgit-baltistan kashmir"""
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
    if len(word) > 2 and word[-2] in "'’`´" and word[-1] in "sS":
        return word[:-2], True
    return word, False


@dataclass
class _Tokens:
    words: list[str] = field(default_factory=list)  # possessive stripped
    possessive: list[bool] = field(default_factory=list)
    labels: list[int] = field(default_factory=list)
    country: list[str] = field(default_factory=list)  # country a token names or implies, else ""
    styled: list[bool] = field(default_factory=list)  # in an ALL-CAPS or Title-Case block
    headline_country: str = ""  # the one country the headline names, if any
    headline_end: int = 0  # the token that ends the headline (the first line break)
    subject_firm: str | None = None  # the first company the body names, filled on first use
    # acronym -> words of the name it was defined for: "Pakistan American Business Association (PABA)"
    acronyms: dict[str, frozenset[str]] = field(default_factory=dict)
    # acronyms the text spells out as a body with no public word: "Karachi Transport Ittehad (KTI)"
    private_acronyms: set[str] = field(default_factory=set)
    # generic body noun -> the bodies of that kind the article names ("bank" -> {"State Bank of Pakistan"}),
    # filled on first use
    bodies: dict[str, set[str]] | None = None
    # (last token, name) of the companies the article names, in order ("" for a cut-off name), filled on first use
    firms: tuple[list[int], list[str]] | None = None
    # words of the names Reuters tickers follow ("conrac" for "CONRAC <CAX>"), filled on first use
    ticker_names: set[str] | None = None
    # tokens right after a photo caption, where a name starts: "CEO Home Mart (Left) Asif Rana"
    after_caption: set[int] = field(default_factory=set)


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
    """"minister", "vice-president", "chairman-designate", "ex-minister", "patron-in-chief"."""
    if key in _HEADS or key in _PLURAL_HEADS:
        return True
    parts = key.split("-")
    return (len(parts) > 1 and any(p in _HEADS for p in parts)
            and all(p in _HEADS or p in _DESCRIPTORS or p in ("in", "of") for p in parts))


@functools.lru_cache(maxsize=1 << 16)  # news vocabulary repeats; the cache bounds the per-word cost
def _misspelt_head(key: str) -> str:
    """The office a word misspells by one letter ("secretery" -> "secretary"), else ""."""
    if not 6 <= len(key) <= 16 or key[0] not in _MISSPELT_INITIALS or not key.isalpha():
        return ""
    for variant in (key, *_one_letter_dropped(key)):
        head = _MISSPELT_HEADS.get(variant, "")
        # same first letter ("resident" is not "president"); a plural is not a misspelling
        if head and head[0] == key[0] and key != head + "s" and abs(len(key) - len(head)) <= 1:
            return head
    return ""


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
        if key == "under" and not next_raw.casefold().startswith("secretary"):
            return _BREAK  # "grown under President X": a preposition; "under secretary" is an office
        if key in _DESCRIPTORS:
            return _DESC
        if key in _ORG_WORDS:
            return _ORG
        return _BREAK
    if len(word) == 1:
        # "S. Ahmed", and undotted "R K Verma", "George W Bush"; "A" and "I" alone are words
        if next_raw == "." or (next_raw.isalpha() and next_raw.isupper() and len(next_raw) == 1):
            return _INITIAL
        if word not in "AIVX" and next_raw[:1].isupper() and next_raw[1:2].islower():  # not "George V"
            return _INITIAL
        return _BREAK if word in "AI" else _ORG
    if key in _ORG_OPENERS and next_raw[:1].isupper():
        return _ORG  # "All Pakistan Textile Mills Association", "Motor Dealers Association"
    if key == "under" and next_raw.casefold().startswith("secretary"):
        return _DESC  # "X, Under Secretary of the Treasury": an office, not the preposition
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
    if key.partition("-")[0] in _HYPHENED_ADVERBS:
        return _DESC  # "Newly-appointed Chief of ..." opens a sentence: an adjective, not a name ("Kelly-Smith" is)
    if key in _ORG_WORDS or key in _PLACES or key in _COUNTRIES or key in _CAPITALISED_BODIES or key in _SUMMITS:
        return _ORG
    return _NAME


def _plural_including(match: re.Match[str]) -> str:
    # "Ministers, including Finance Minister X": the listed person has an office of their own
    first = match.group(2).casefold()
    if _is_head(first) or first in _DESCRIPTORS or first in _RANKS or first in _COUNTRIES:
        return match.group()
    return match.group(1) + " "


def _bare_possessive(match: re.Match[str]) -> str:
    word = match.group(1)
    after = match.group(2)
    if after[0].isupper() and word.casefold() in _ORG_WORDS:
        return word + "'s"  # "Producers' Association": one body's name, the plural's apostrophe kept in it
    if after in _COMPANY_OFFICES or after == "chief":
        return word + "'s"  # "Greggs' spokeswoman", "Greggs' chief executive": the firm's office
    if word.casefold() in _ORG_WORDS or (after[0].islower() and word.casefold() not in _COUNTRIES
                                         and word not in _HOME_NATIONS.values()):
        return match.group()  # "the Philippines' energy minister" is the country's
    return word + "'s"


def _tokenise(text: str) -> _Tokens:
    # "BB&amp;T", "&lt;br/&gt;": scraped pages leave HTML entities in the text
    text = _GLUED_SENTENCE.sub(" ", _GLUED_TAG.sub(r"\1 ", _HTML_TAG.sub(" ", html.unescape(text))))
    text = _PLURAL_INCLUDING.sub(_plural_including, _BARE_POSSESSIVE.sub(_bare_possessive, text))
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
            label = _label_word(word, raw[i + 1] if i + 1 < len(raw) else "")
            if label in (_NAME, _BREAK) and (head := _misspelt_head(word.casefold())):
                toks.words[-1] = head.capitalize() if first.isupper() else head
                label = _HEAD
            toks.labels.append(label)
    close_block(len(raw))
    _mark_countries(toks)
    toks.headline_country = _headline_country(toks)
    _define_acronyms(toks)
    labels = toks.labels
    for i, word in enumerate(toks.words):
        # "Attorney General", "Major General", but "General Motors" is a firm; "Jose Graca Lima": a city after a
        # given name and a middle name is a surname
        if word == "Day" and i > 0 and labels[i - 1] == _HEAD:
            labels[i] = _BREAK  # "Martin Luther King Day", "Presidents Day": a holiday, not a person
        elif word == "Lord" and toks.words[i + 1:i + 2] == ["Mayor"]:
            labels[i] = _DESC  # "Belfast Lord Mayor": one office, not a style before it
        elif word in ("Dam", "Barrage") and i > 0 and labels[i - 1] == _NAME:
            labels[i] = _ORG  # "Diamer Basha Dam" is a dam ("Dam Teutong" a name)
        elif (word in _SEAT_SUFFIXES and i > 1 and labels[i - 1] == _NAME and labels[i - 2] in _NAMEISH
              and not "".join(toks.words[i + 1:i + 2])[:1].isupper()):
            # "minister X MS said": a seat after a full name ends it, not an acronym in it; after one word
            # ("the only Green MP, X") the word is the seat's party or place and the seat is the office
            labels[i] = _BREAK
        elif word == "Sheriff" and i > 0 and labels[i - 1] == _NAME and not toks.possessive[i - 1]:
            labels[i] = _NAME  # "Bunu Sheriff Musa": a name ("Boulder County Sheriff" is an office)
        elif word == "manager" and i > 0 and toks.words[i - 1].casefold() in _SITES:
            labels[i - 1], labels[i] = _DESC, _HEAD  # "distillery manager X" runs a named place ("fund manager" no)
        elif word.casefold() == "manager" and i > 0 and toks.words[i - 1].casefold() == "general":
            labels[i - 1], labels[i] = _DESC, _HEAD  # "General Manager" is an office; "sales manager" is not
        elif word.casefold() == "partner" and i > 0 and toks.words[i - 1].casefold() in _LEADING_PARTNERS:
            labels[i - 1], labels[i] = _DESC, _HEAD  # "managing partner at Bethmann Bank" runs the firm; "a partner" no
        elif (word == "General" and (i == 0 or labels[i - 1] not in (_HEAD, _DESC, _HONORIFIC))
              and toks.words[i + 1:i + 2] != ["Manager"]) or (
                labels[i] == _ORG and i >= 2 and labels[i - 1] == labels[i - 2] == _NAME and not toks.country[i]
                and word.casefold() in _PLACES and (i + 1 >= len(labels) or labels[i + 1] not in (_NAME, _ORG))):
            labels[i] = _NAME
        # "the country's finance minister": the country is not part of the office ("ADB country director" is);
        # "the official Algerian news agency": an adjective, not the office in "Chinese official Li Peng"
        elif (word == "country" and toks.possessive[i]) or (
                word.casefold() == "official" and i + 1 < len(labels) and labels[i + 1] in (_ORG, _DESC)):
            labels[i] = _BREAK
        # "M. Siddique Sheikh, President": an honorific after a name and before no name is a surname;
        # "Faisal Sultan said", "Nadia King": so is an office word after a given name and before no other name or
        # title word ("Ottoman Sultan Mehmed", "Jordan's King Hussein" stay offices)
        elif (labels[i] == _HONORIFIC and i > 0 and labels[i - 1] == _NAME and (
                i + 1 >= len(labels) or labels[i + 1] not in (_NAME, _INITIAL, _DOT, _PARTICLE))) or (
                labels[i] == _HEAD and word.casefold() in _SURNAME_HEADS and i > 0 and labels[i - 1] == _NAME
                and not toks.possessive[i - 1] and not toks.possessive[i]
                and (i + 1 >= len(labels) or labels[i + 1] not in (_NAME, _INITIAL, _HEAD, _DESC, _ORG))):
            labels[i] = _NAME
        # "the council's cabinet member for transport", "executive member for climate", "portfolio holder for
        # housing": a British council's office (a plain "member" is not one)
        elif (word.casefold() in _COUNCIL_OFFICES and i > 0 and toks.words[i + 1:i + 2] == ["for"]
              and toks.words[i - 1].casefold() in _COUNCIL_OFFICES[word.casefold()]):
            labels[i - 1], labels[i] = _DESC, _HEAD
        # "a policy director for charity ActionAid", "chief policy adviser": a portfolio right before its office
        # ("policy" alone is no office word: "head of policy research", "monetary policy")
        elif word == "policy" and i + 1 < len(labels) and labels[i + 1] == _HEAD:
            labels[i] = _DESC
        # "Special Assistant to the Prime Minister": an assistant to someone holds an office;
        # "Advocate General Sindh": the province's law officer (an advocate alone is a lawyer)
        elif (word == "Assistant" and toks.words[i + 1:i + 2] == ["to"]) or (
                word == "Advocate" and toks.words[i + 1:i + 2] == ["General"]):
            labels[i] = _HEAD
        # "Chief Election Commissioner Sikandar Sultan Raja": the office word inside a name after its title
        elif (labels[i] == _HEAD and word.casefold() in _SURNAME_HEADS and i > 1 and labels[i - 1] == _NAME
              and labels[i - 2] == _HEAD and i + 1 < len(labels) and labels[i + 1] == _NAME):
            labels[i] = _NAME
        elif word in _NAME_MONTHS and labels[i] == _BREAK and i + 1 < len(labels) and (
                (i > 0 and labels[i - 1] == _NAME and not toks.possessive[i - 1]) or (
                    labels[i + 1] == _NAME and (i == 0 or toks.words[i - 1].casefold() not in _BEFORE_A_DATE))) and (
                toks.words[i + 1] != "." and not toks.words[i + 1][0].isdigit()):
            labels[i] = _NAME  # "Theresa May said", "Ali Jan Khan"; not "May 5", "Jan. 5", "In April John Smith"
    return toks


_KIND_WORDS = (_GOVERNMENT_SIGNALS | _PARTY_WORDS | _PRIVATE_BODIES | (_COMPANY_MARKERS - _FIRM_WORDS)
               | _PUBLIC_BANK_WORDS | {"bank"} | _STATES_BODIES | _PUBLIC_INSURERS[0] | _MARKETS | _MEMBER_BODIES)


def _define_acronyms(toks: _Tokens) -> None:
    """Remember what "(PABA)" stands for, so "President of PABA" is known as an association's office."""
    words, labels = toks.words, toks.labels
    for i in range(2, len(words) - 1):
        if words[i - 1] == "(" and words[i + 1] == ")" and words[i].isupper() and words[i] not in toks.acronyms:
            start = i - 1
            while start > max(0, i - 10) and labels[start - 1] in (_NAME, _ORG, _DESC, _CONNECT, _HEAD):
                start -= 1
            while start < i - 2 and labels[start] in (_HEAD, _CONNECT):
                start += 1  # "President of the Islamic Society of Greater Houston (ISGH)": the office is no part
            # the words that tell a public body from a private one ("Securities" names no firm in "SEC")
            spelt = [words[k] for k in range(start, i - 1)]
            toks.acronyms[words[i]] = frozenset(word.casefold() for word in spelt) & _KIND_WORDS
            capitalised = [word for word in spelt if word[0].isupper()]
            # "them (USDA)" spells nothing out; "Brazilian Coffee Institute (IBC)" names a country's body
            folded = {word.casefold() for word in capitalised}
            if (len(capitalised) >= 2 and capitalised[0][0] == words[i][0] and not _public(folded)
                    and not folded & (_PUBLIC_BODY_WORDS | _COUNTRIES.keys())):
                toks.private_acronyms.add(words[i])


def _headline_country(toks: _Tokens) -> str:
    """The country a headline (the block before the first blank line) names, when it names exactly one; of two or
    more, the one whose capital the story is datelined from ("china offering pakistan ..." / "BEIJING: ...")."""
    words = toks.words
    end = toks.headline_end = next((i for i, word in enumerate(words) if word[0] == "\n"), 0)
    # a headline printed all in lower case ("us oil production important ...") writes the US as "us"
    lower_case = not any(word[0].isupper() for word in words[:end])
    found = set()
    for i in range(end):
        key = words[i].casefold()
        pair = f"{key} {words[i + 1].casefold()}"
        if pair in _COUNTRIES:
            found.add(_COUNTRIES[pair])
        elif key in _COUNTRIES and (key not in ("us", "english") or words[i] == "US" or (key == "us" and lower_case)):
            found.add(_COUNTRIES[key])
    if len(found) > 1:
        found -= _PROVINCES  # "British Columbia: Petrol rations after Canada storm" is about Canada
    if len(found) == 1:
        return found.pop()
    start = end
    while start < len(words) and (words[start][0] == "\n" or words[start] in ("strong", ">")):
        start += 1  # the dateline opens the body ("strong>ISLAMABAD:" is a scraped bold tag)
    dateline = " ".join(words[start:start + 2]).casefold()
    capital_of = _CAPITALS.get(dateline) or _CAPITALS.get(dateline.partition(" ")[0], "")
    return capital_of if capital_of in found and words[start].isupper() else ""


# Countries that are also given names ("Georgia Lane, a former envoy", "Israel Katz said")
_GIVEN_NAME_COUNTRIES = _wordset("georgia jordan india chad israel")
_NAME_FOLLOWERS = frozenset({",", "is", "was", "said", "says", "has", "who"})
_PLACE_PREPOSITIONS = _wordset("in of from to for at into across throughout with and")


def _a_given_name(toks: _Tokens, i: int) -> bool:
    """Is the country word at `i` a person's given name: one of the few that are, before a surname and a comma
    or a verb, and not after a preposition of place ("in Georgia Power's area")?"""
    words, labels = toks.words, toks.labels
    return (words[i].casefold() in _GIVEN_NAME_COUNTRIES and i + 2 < len(words) and labels[i + 1] == _NAME
            and words[i + 1][0].isupper() and words[i + 1].casefold() not in _COUNTRIES
            and words[i + 2] in _NAME_FOLLOWERS and not (i > 0 and words[i - 1].casefold() in _PLACE_PREPOSITIONS))


def _mark_countries(toks: _Tokens) -> None:
    words, labels = toks.words, toks.labels
    i = 0
    while i < len(words):
        if labels[i] in (_NAME, _ORG, _DESC, _HONORIFIC) and words[i][0].isupper():  # "Sri Lanka"
            key = words[i].casefold()
            triple = f"{key} {words[i + 1].casefold()} {words[i + 2].casefold()}" if (
                i + 2 < len(words) and words[i + 1] in ("and", "New")) else ""
            if triple in _COUNTRIES:  # "Trinidad and Tobago"
                toks.country[i:i + 3] = [_COUNTRIES[triple]] * 3
                labels[i:i + 3] = [_ORG] * 3
                i += 3
                continue
            if key in _COUNTRY_BIGRAM_HEADS and i + 1 < len(words):
                pair = f"{key} {words[i + 1].casefold()}"
                if pair in _COUNTRIES:
                    toks.country[i] = toks.country[i + 1] = _COUNTRIES[pair]
                    labels[i] = labels[i + 1] = _ORG
                    i += 2
                    continue
            if _a_given_name(toks, i):
                labels[i] = _NAME
            elif key in _COUNTRIES and labels[i] != _DESC:
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
        # "Solicitor General Tushar Mehta first": a lower-case descriptor after a name is not a title
        while cur and (labels[cur[-1]] in (_CONNECT, _PARTICLE) or (
                labels[cur[-1]] == _DESC and words[cur[-1]][0].islower() and len(cur) > 1
                and labels[cur[-2]] == _NAME)):
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
        if words[i] == "(" and cur and i + 2 < n and words[i + 1].casefold() in _RETIRED and words[i + 2] == ")":
            i += 2  # "Justice (retd) Javed Iqbal", "Lt Gen (retd) Asim Bajwa"
            continue
        if words[i] == "(" and cur and i + 2 < n and words[i + 1] in _CAPTIONS and words[i + 2] == ")":
            i += 2  # a photo caption: "CEO Home World (Right) Asif Rajar"
            toks.after_caption.add(i + 1)
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
            if (has_head and len(cur) >= 2 and labels[cur[-1]] == _NAME and labels[cur[-2]] in (_NAME, _INITIAL)
                    and not toks.possessive[cur[-1]]
                    and ((lab == _HEAD and words[i][0].isupper()) or (words[i].islower() and (lab in (_HEAD, _DESC) or (
                        lab == _ORG and i + 1 < n and words[i + 1] in _PLURAL_HEADS))))):
                # "Finance Minister Ishaq Dar Minister for Planning Ahsan Iqbal", "... Ahsan Iqbal federal ministers":
                # a list with its commas dropped; the next office opens the next title
                flush()
            cur.append(i)
            has_head = has_head or lab in (_HEAD, _HONORIFIC)
            if toks.possessive[i] and lab == _NAME and (has_head or i + 1 >= n or labels[i + 1] not in (_HEAD, _DESC)) \
                    and not (i + 1 < n and labels[i + 1] == _ORG and not toks.country[i + 1]
                             and (words[i] == "People" or words[i].endswith("s"))):
                # "People's Bank", "Purchasing Managers' Index", "Farmers' Union": a body's name goes on
                # "Aslam's meeting", "President Reagan's legal adviser": what follows is not part of the name;
                # "Bihar's Chief Minister" is one title
                flush()
            elif (toks.possessive[i] and lab == _HEAD and i + 1 < n and words[i + 1][0].isupper()
                  and labels[i + 1] in (_NAME, _ORG)):
                # "the prime minister's Ten Point Plan", "Queen's University": what an office owns is no person
                # ("the President's Chief of Staff" goes on to an office)
                flush()
            continue
        if lab == _DOT and cur:
            prev = cur[-1]
            if labels[prev] in (_INITIAL, _HONORIFIC) or words[prev].casefold() in _DOT_ABBREVIATIONS:
                continue  # "Sen.", "W.", "Corp." do not end a sentence here
            flush()
            continue
        if words[i] == "The" and cur and words[cur[-1]] in ("of", "for", "to"):
            labels[i] = lab = _CONNECT  # "chief executive officer of The Hallwood Group Inc"
        if (words[i] == "to" and cur and labels[cur[-1]] in (_HEAD, _ORG) and i + 1 < n
                and ((words[cur[-1]].casefold() in _ACCREDITED and (words[i + 1] == "the" or words[i + 1][0].isupper()))
                     or (words[cur[-1]].casefold() in _ADVISERS and _office_or_body_at(toks, i + 1)))):
            # "Ambassador to the United Nations", "envoy to Afghanistan", "chief of the IMF Mission to Pakistan",
            # "Adviser to the Chief Minister"
            labels[i] = lab = _CONNECT
        if (words[i] == "on" and cur and i + 1 < n and words[i + 1][0].isupper()
                and (any(words[idx].casefold() in _ADVISERS for idx in cur)
                     or (words[cur[-1]].casefold() in _REMIT_BODIES and _has_head(toks, cur)))):
            labels[i] = lab = _CONNECT  # "Adviser to the Prime Minister on Finance"
        if lab == _CONNECT and cur:
            key = words[i].casefold()
            prev_lab = labels[cur[-1]]
            next_lab = labels[i + 1] if i + 1 < n else _BREAK
            if key in ("of", "for", "to", "on"):
                # "Chairman Beryl Sprinkel of the Council ...": the clause follows a name, not a title
                ok = prev_lab != _CONNECT and not (has_head and prev_lab == _NAME)
            elif key == "the":
                ok = words[cur[-1]].casefold() in ("of", "for", "to")
            else:  # "and" / "&": join "Trade and Industry", not "Igor Morgulov and Ambassador ..."
                ok = (prev_lab in (_NAME, _DESC, _ORG) and next_lab in (_NAME, _DESC, _ORG)
                      and not (prev_lab == _NAME and (has_head or next_lab != _NAME)))
                # "President Dairy and Cattle Farmers Association Shakir Umer": a private body's name after the
                # office goes on past its "and"
                ok = ok or (has_head and prev_lab == _NAME and next_lab == _NAME and _private_body_ahead(toks, i + 1))
                # "chairman and chief executive of ...": two offices of one person, before any name
                # ("NPO Therapies' president and founder": the owner's name before its possessive is no person's)
                owner = next((k + 1 for k in range(len(cur) - 1, -1, -1) if toks.possessive[cur[k]]), 0)
                ok = ok or (prev_lab == _HEAD and next_lab == _HEAD
                            and all(labels[idx] != _NAME for idx in cur[owner:]))
                # "Director Marketing & Customer Services Khurram Mushtaq": a department of the office
                ok = ok or (key == "&" and has_head and prev_lab in (_NAME, _ORG) and next_lab in (_NAME, _ORG))
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


_BODY_LOOKAHEAD = 4


def _private_body_ahead(toks: _Tokens, at: int) -> bool:
    """Do the capitalised words from `at` end in a private body's word ("Cattle Farmers Association") before any
    other body's word, office or country ("and Senate Foreign Relations Committee Chairman" does not)?"""
    words, labels = toks.words, toks.labels
    for idx in range(at, min(at + _BODY_LOOKAHEAD, len(words))):
        if not words[idx][0].isupper() or toks.country[idx] or labels[idx] not in (_NAME, _ORG):
            return False
        if labels[idx] == _ORG:
            return words[idx].casefold() in _PRIVATE_BODIES
    return False


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
    while j > 0 and labels[chunk[j - 1]] in _NAMEISH and (j == len(chunk) or chunk[j] not in toks.after_caption):
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
    # "Tamim bin Hamad bin Khalifa Al Thani": each "bin" links one more forebear's name into a full name
    lineage = sum(toks.words[idx].casefold() in _LINEAGE for idx in name)
    if sum(labels[idx] == _NAME for idx in name) > _MAX_NAME_WORDS + lineage:
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
    head = words[last].casefold()
    if not any(p in _STRONG_HEADS for p in _PLURAL_HEADS.get(head, head).split("-")):
        return False
    # "Indonesian Energy minister Subroto" yes, "told the minister Bonn ..." no
    return words[last][0].isupper() or any(words[idx][0].isupper() for idx in region)


def _describe(toks: _Tokens, region: list[int]) -> tuple[str, str, str]:
    """(title, affiliation, kind) from the tokens of a title phrase."""
    words, labels, country = toks.words, toks.labels, toks.country
    region = region[-_MAX_TITLE_TOKENS:] if len(region) > _MAX_TITLE_TOKENS else region
    if (len(region) > 2 and labels[region[0]] == _ORG and words[region[0]].isupper() and not country[region[0]]
            and country[region[1]] and words[region[1]].casefold() != country[region[1]].casefold()):
        region = region[1:]  # "broadcaster ZDF Greek Finance Minister": the office opens at the country's adjective
    while region and labels[region[0]] == _CONNECT:
        region = region[1:]
    k = 0
    nationality = ""
    while k < len(region) and country[region[k]] and not _opens_a_name(toks, region, k):
        nationality = nationality or country[region[k]]
        k += 1
    title_part = region[k:]
    keys = _body_keys(toks, region)
    # "First National Bank", "Citizens National Bank": a name of its own before "National Bank" makes a lender's
    # name, unlike "Swiss National Bank" or "National Bank of Belgium"
    named_lender = any(words[idx] == "National" and idx + 1 in region and words[idx + 1].startswith("Bank")
                       and idx - 1 in region and words[idx - 1][0].isupper() and not country[idx - 1]
                       for idx in region)
    if named_lender:
        keys.discard("national")
    # "Chase Manhattan bank", "Bank of America" are firms; "Bank of Greece", a bare "bank president" may
    # be a central bank's
    private = _private(keys) or named_lender or ("bank" in keys and not _public(keys) and any(
        labels[idx] == _NAME or words[idx].casefold() in ("america", "american") for idx in region)) or any(
        _limited(toks, words[idx]) for idx in region) or _staff_association(toks, region)
    # An organisation named before the office: "Bundesbank President", "Exxon Corp chairman".
    # Descriptors may sit inside it ("National Assembly Speaker") but not end it ("Treasury Secretary").
    # a rank opens no body but may come before one, as the country may: "Former FPCCI Chairman", "Deputy CIA
    # Director", "outgoing U.S. Federal Reserve Chairman"
    first = 0
    while first + 1 < len(title_part):
        idx = title_part[first]
        if country[idx] and first > 0:
            nationality = nationality or country[idx]
        elif not (labels[idx] == _DESC and (words[idx].casefold() in _STANDINGS
                                            or words[idx].casefold().partition("-")[0] in _HYPHENED_ADVERBS)
                  and labels[title_part[first + 1]] in (_ORG, _NAME)):
            break
        first += 1

    def in_body(at: int) -> bool:
        # "National Assembly", "Foreign Ministry", "Justice Party" open a body; "former EU", "Deputy" do not
        idx = title_part[at]
        if labels[idx] in (_NAME, _ORG, _CONNECT):
            return True
        # "Justice Party" (an office word right before an organisation word); "Foreign Ministry", "International
        # Energy Agency", "National Accountability Bureau" (a descriptor, then capitalised words up to one)
        ahead = at + 1
        while (labels[idx] == _DESC and ahead < len(title_part) and labels[title_part[ahead]] in (_DESC, _NAME)
               and words[title_part[ahead]][0].isupper()):
            ahead += 1
        nxt = title_part[ahead] if ahead < len(title_part) else -1
        opens = nxt >= 0 and labels[nxt] == _ORG and not country[nxt] and words[idx][0].isupper()
        if labels[idx] == _HEAD:
            # "Justice Party", not "Chief Financial" nor "Chairman ICS" (the acronym is the body the office is of)
            return opens and words[idx].casefold() not in _RANKS and not words[nxt].isupper()
        return labels[idx] == _DESC and (at > first or (opens and words[idx].casefold() not in _RANKS))

    m = first
    while m < len(title_part) and in_body(m):
        m += 1
    prefix = title_part[first:m] if m < len(title_part) else []
    whole = list(prefix)
    while prefix and labels[prefix[-1]] in (_CONNECT, _DESC, _HEAD) and not (
            words[prefix[-1]] in _LABOUR and len(prefix) == 2 and words[prefix[0]] in _HOME_NATIONS):
        prefix.pop()  # "Scottish Labour leader": the party, not "Scottish"
    if prefix and len(whole) > len(prefix) + 1 and words[whole[len(prefix)]] == "of" and labels[prefix[-1]] == _ORG:
        prefix = whole  # "Karachi Chamber of Commerce & Industry President", "Ministry of Foreign Affairs spokesman"
        while prefix and (labels[prefix[-1]] in (_CONNECT, _HEAD) or words[prefix[-1]].casefold() in _RANKS):
            prefix.pop()  # "Ministry of International Trade and Industry Vice Minister"
    if len(prefix) > 1 and country[prefix[-1]] and not country[prefix[-2]] and words[prefix[-2]].isupper():
        prefix.pop()  # "ADB Pakistan country director": the bank's office in Pakistan, the bank's officer
    of_object = _of_object(toks, title_part)
    if prefix and all(country[idx] for idx in prefix):
        nationality, prefix = country[prefix[0]], []  # "former EU lead negotiator": the European Union
    while prefix and words[prefix[-1]] in _ACCREDITED:
        prefix.pop()  # "IMF mission head": the IMF's officer
    sources = [_words_of(toks, prefix), nationality]
    if len(prefix) == 1 and nationality and words[prefix[0]].casefold() in _BARE_BODIES:
        sources.reverse()  # "EU Commission chief", "Pakistan Army chief": the country's body, not a bare "Army"
    if any(labels[idx] == _HEAD and words[idx].casefold() in _ACCREDITED for idx in title_part):
        sources.reverse()  # "Iran's OPEC envoy" is Iran's envoy to OPEC
    # "Chief Minister Sindh", "IGP Punjab": the province after the office
    sources.append(next((words[idx] for k, idx in enumerate(title_part[1:]) if labels[title_part[k]] == _HEAD
                         and words[idx].casefold() in _PLACES and not country[idx]), ""))
    # "chairman of Air Cargo Agents Association of Pakistan" belongs to the association, "chairman of
    # Pakistan Board of Investment" to the board; "Representative of the Russian President" to Russia
    named_body = (len(of_object) > 1 and bool(country[of_object[0]]) and not country[of_object[1]]
                  and labels[of_object[1]] in (_NAME, _ORG) and not _says_nothing(_words_of(toks, of_object[1:])))
    if private or named_body:
        sources.append(_words_of(toks, of_object))
    # an organisation right after the office: "Chairman LPG Distributions Association", "CEO AKD Securities",
    # "Managing Director Pakistan State Oil" (a body whose name opens with a country, not the country's office)
    end = len(title_part)
    while end > 1 and labels[title_part[end - 2]] == _ORG and (
            (labels[title_part[end - 1]] == _HONORIFIC and not _HONORIFICS[words[title_part[end - 1]].casefold()])
            or words[title_part[end - 1]] in _PERSONAL_RANKS):
        end -= 1  # "Chairman ICS Mr. Richard Prebble", "Chairman NAB Justice (retd) Javed Iqbal"
    j = end
    while j > 0 and (labels[title_part[j - 1]] in (_NAME, _ORG) or (
            labels[title_part[j - 1]] == _DESC and words[title_part[j - 1]][0].isupper()) or (
            words[title_part[j - 1]] in ("and", "&") and j > 1 and words[title_part[j - 2]][0].isupper()) or (
            words[title_part[j - 1]] == "of" and j > 1 and labels[title_part[j - 2]] in (_NAME, _ORG)
            and words[title_part[j - 2]][0].isupper())):
        j -= 1  # "Director IMF Middle East and Central Asia Department", "Governor State Bank of Pakistan"
    body_after = title_part[j:end] if 0 < j < end and labels[title_part[j - 1]] == _HEAD else []
    while body_after and labels[body_after[0]] == _DESC and not words[body_after[0]][0].isupper():
        body_after = body_after[1:]
    while body_after and words[body_after[-1]].casefold() in _MILITARY_RANKS:
        body_after = body_after[:-1]  # "General Manager Sui Gas Company Brigadier (R) Agha Noor"
    if (len(body_after) == 2 and words[body_after[0]].isupper() and labels[body_after[0]] == _ORG
            and words[body_after[1]].casefold() in _PLACES):
        body_after = body_after[:1]  # "Chairman APTMA Punjab": the association's provincial chapter
    if (len(body_after) > 1 and words[body_after[0]].isupper() and labels[body_after[0]] == _ORG
            and words[body_after[-1]].casefold() in _UNITS):
        body_after = body_after[:1]  # "Director IMF Middle East and Central Asia Department": the IMF's officer
    # "... Pakistan State Oil" but not "chief U.K. Economist"; "Chairman All Pakistan CNG Association"
    if len(body_after) > 1 and ((country[body_after[0]] and not country[body_after[1]]
                                 and labels[body_after[-1]] != _NAME)
                                or words[body_after[-1]].casefold() in _PRIVATE_BODIES
                                or any(words[idx] == "of" for idx in body_after)):
        # "Governor State Bank of Pakistan", "Chairman Board of Investment": the body, not the country in its name
        sources.append(_words_of(toks, body_after))
    # "Managing Director Maxus Pakistan": a country after a name is the firm's, the firm is the affiliation
    # "chief of the IMF Mission to Egypt": the mission's country is where it works, not whose it is
    sources.append(next((country[idx] for idx in title_part if country[idx] and not _in_a_firm_name(toks, idx)
                         and words[idx - 1] != "to"), ""))
    sources.append(_words_of(toks, of_object))
    if body_after:
        sources.append(_words_of(toks, body_after))
    affiliation = next((text for text in map(_BASED_IN.sub, [""] * len(sources), sources)
                        if text and not _says_nothing(text)), "")
    if (not affiliation and len(of_object) > 2 and words[of_object[-1]].casefold() in _PUBLIC_NOUNS
            and all(words[idx][0].isupper() for idx in of_object)):
        # "chairman of the Climate Change Committee", "head of the National Security Council": a body's whole
        # capitalised name, though each of its words alone would say nothing
        affiliation = _words_of(toks, of_object)
    opener = title_part[0]
    party_office = words[opener] in _LABOUR and words[title_part[1 % len(title_part)]].casefold() in _PARTY_OFFICES
    if (not affiliation and len(title_part) > 1 and labels[opener] == _DESC and words[opener][0].isupper()
            and (toks.possessive[opener] or party_office)):
        # "Labour's shadow chancellor": the owner, not a portfolio; "Labour MP", "Labour leader": the party
        affiliation = words[title_part[0]]
    if " and " in affiliation and words[title_part[-1]].casefold() in _LEGISLATORS:
        affiliation = affiliation.partition(" and ")[0]  # "Scottish Labour and Glasgow MSP": the party, then the seat
    owner_end = next((k for k, idx in enumerate(title_part[:-1]) if toks.possessive[idx]), -1)
    if (not affiliation and owner_end >= 0 and labels[title_part[owner_end + 1]] in (_HEAD, _DESC)
            and words[title_part[owner_end + 1]][0].islower()
            and all(words[idx][0].isupper() and labels[idx] in (_NAME, _ORG, _DESC) and not country[idx]
                    for idx in title_part[:owner_end + 1])):
        # "First National Bank's managing director", "Greggs' spokeswoman": the owner of a lower-case office
        affiliation = _words_of(toks, title_part[:owner_end + 1])
    parts = []
    for idx in title_part:
        word = words[idx]
        if labels[idx] == _HONORIFIC:
            word = _HONORIFICS[word.casefold()]
        elif word.casefold() in _PLURAL_HEADS:  # "Justices A and B": each is a Justice
            single = _PLURAL_HEADS[word.casefold()]
            word = single.upper() if word[:-1].isupper() else word[0] + single[1:]  # "MSPs" -> "MSP"
        elif toks.possessive[idx] and idx != title_part[-1]:
            word += "'" if word.endswith("s") else "'s"  # "Bihar's Chief Minister", "Wales' First Minister"
        if word:
            parts.append(word)
    title = " ".join(parts)
    # a country after a name is part of a firm's name ("Managing Director Maxus Pakistan", "Nestlé Pakistan")
    governmental = (_public(keys) or bool(keys & _FORCES_RANKS)
                    or any(country[idx] and not _in_a_firm_name(toks, idx) for idx in region))
    first_head = next((idx for idx in title_part if labels[idx] == _HEAD), title_part[-1])
    # "Rolm's president", "Hambrecht and Quist president"
    company_voice = (bool(prefix) and all(labels[idx] in (_NAME, _CONNECT) for idx in prefix)
                     and labels[prefix[0]] == labels[prefix[-1]] == _NAME and not governmental
                     and words[first_head].casefold() in _COMPANY_OFFICES) or (
        # "IBM spokesman", "NYSE president", "president of the RAC": an acronym the text does not explain, with a
        # company's office
        any(len(body) == 1 and words[body[0]].isupper() and words[body[0]].replace("-", "").isalpha()
            and words[body[0]] not in toks.acronyms and not country[body[0]] for body in (prefix, of_object))
        and not governmental and words[first_head].casefold() in _COMPANY_OFFICES) or (
        # "Insulate Britain spokeswoman": a country that ends a body's own name ("Nestlé Pakistan") is no country's
        len(prefix) > 1 and country[prefix[-1]] and _in_a_firm_name(toks, prefix[-1]) and not governmental
        and words[first_head].casefold() in _COMPANY_OFFICES) or (
        # "Enviva's director of sustainability": a director a one-word name owns is a firm's
        len(prefix) == 1 and labels[prefix[0]] == _NAME and toks.possessive[prefix[0]] and not governmental
        and words[first_head].casefold() == "director")
    # "president of TS China Research": a country inside a firm's name
    # ("New Mexico Governor", "Welcoming Soviet leader" are no firms: the name must go on after the country)
    firm_named = not _public(keys) and any(
        country[idx] and _in_a_firm_name(toks, idx) and idx + 1 in region and labels[idx + 1] in (_NAME, _DESC)
        and words[idx + 1][0].isupper() for idx in region)
    # "senior vice-president of BP North Sea": a rank only companies give
    company_rank = any(words[idx].casefold() == "senior" and idx + 1 in region
                       and words[idx + 1].casefold() in ("vice", "vice-president") for idx in region)
    # a commissioner's office is a public one ("Securities Commissioner", "Texas Railroad Commissioner")
    if keys & _GOVERNMENT_HEADS or any(labels[idx] == _HEAD and (words[idx] in _COUNCIL_OFFICES or words[idx].casefold()
                                       == "commissioner") for idx in region):
        kind = "government"
    elif private or company_voice or firm_named or (
            (keys & _CORPORATE_SIGNALS or company_rank) and not governmental):
        kind = "corporate"
    elif governmental:
        kind = "government"
    elif _named_private(toks, title_part) or _unknown_body_officer(toks, title_part, of_object):
        kind = "corporate"
    else:
        kind = ""  # no cue either way: the caller looks at what follows the office
    # "Welsh minister", "Scottish First Minister": the nation, as a noun
    return title, _HOME_NATIONS.get(affiliation, affiliation), kind


# Parts of a body that an officer of the body heads ("IMF ... Department").
_UNITS = _wordset("department division wing unit office bureau section desk")
# Parts of a body written in lower case after its possessive ("head of Toyota's public affairs division", "chairman
# of the LDP's policy council", "manager of Nikko's bond operation")
_OWNED_UNITS = _UNITS | _wordset(
    """branch committee council board panel taskforce directorate delegation group team staff arm subsidiary
    operation operations activities services affairs""")
_OWNED_UNIT_WORDS = 4
# Bodies written in lower case after the country, city or legislature they belong to ("president of the Belgrade
# trade unions council", "chairman of the Senate panel", "deputy leader of the Soviet negotiating team"); not a
# firm's part ("the North American unit", "the U.S. card products group", "the Gulf desk" belong to no country)
_PLACED_BODIES = _wordset(
    "committee council board panel taskforce directorate delegation team association federation union organisation"
    " organization")
_LEGISLATURES = frozenset({"House", "Senate"})
# A lower-case remit between an office and its body that makes the holder an analyst, a trader, a fund manager or
# an academic, not an officer ("head of risk arbitrage at ...", "head of asset allocation at ...")
_ANALYSTS_REMITS = _wordset(
    """analysis studies economic economics forecasting trading arbitrage equities equity bonds fixed income
    markets swaps asset assets allocation portfolio portfolios fund funds investment investments geology science
    sciences""")
# A dealing desk or research team a "head of" runs ("head of forex at ...", "head of rates at ..."): a market
# remit, not an office; a vice president or director of sales or commodities is still a firm's officer
_DESK_REMITS = _wordset("forex currency currencies rates commodities credit derivatives dealing strategy research")
_ACADEMIC_BODIES = _wordset("university college school academy")
# Lower-case words that praise or size a body before its name ("president of the influential Japan Federation ...",
# "head of the powerful ... Federation"), saying nothing of what it is
_BODY_ADJECTIVES = _wordset(
    "influential powerful top leading main major big biggest largest giant prominent private state-run state-owned")
_DESCRIPTION_WORDS = 6
# "the Rio-based Brazil-China Chamber": where a body sits is no part of its name.
_BASED_IN = re.compile(r"^(?:\S+-based )+")


def _in_a_firm_name(toks: _Tokens, idx: int) -> bool:
    """Is the country at `idx` a word of a firm's name, not the country whose office it is? After a name
    ("Maxus Pakistan", "Nestlé Pakistan"), or between an acronym with no public meaning and a capitalised word
    ("TS China Research"); "ADB Pakistan country director" and "IMF Pakistan mission" stay the bank's, the fund's."""
    words, labels, country = toks.words, toks.labels, toks.country
    if idx == 0 or country[idx - 1]:
        return False
    before = words[idx - 1]
    if labels[idx - 1] == _NAME:
        return True
    # not "USAID Pakistan Mission": a body's word after the country makes it the body's office there
    return (labels[idx - 1] == _ORG and len(before) > 1 and before.isupper() and idx + 1 < len(words)
            and words[idx + 1][0].isupper() and labels[idx + 1] in (_NAME, _DESC) and not country[idx + 1]
            and not _public({before.casefold()} | _acronym_keys(toks, before)))


def _limited(toks: _Tokens, word: str) -> bool:
    """"HBL", "PTCL", "OGDCL": an acronym ending in the L of "Limited" names a company, unless the text spelt it
    out as a public body or it is a party's ("PML")."""
    return (3 <= len(word) <= 6 and word.isupper() and word.isalpha() and word.endswith("L")
            and word.casefold() not in _PARTY_WORDS and not _public(_acronym_keys(toks, word)))


def _acronym_keys(toks: _Tokens, word: str) -> frozenset[str]:
    """The kind words an acronym stands for: what the text spelt it out as, and "chamber" for "FPCCI", "KCCI",
    "FICCI" (a chamber of commerce and industry, which South Asian papers rarely spell out)."""
    if len(word) >= 4 and word.isupper() and word.endswith("CCI"):
        return toks.acronyms.get(word, frozenset()) | {"chamber"}
    return toks.acronyms.get(word, frozenset())


def _body_keys(toks: _Tokens, indexes: list[int]) -> set[str]:
    """The casefolded words of a body's name with the kind words its acronyms stand for."""
    keys = {toks.words[idx].casefold() for idx in indexes}
    for idx in indexes:
        keys |= _acronym_keys(toks, toks.words[idx])
    return keys


def _public(keys: set[str] | frozenset[str]) -> bool:
    return bool(keys & (_GOVERNMENT_SIGNALS | _PARTY_WORDS | _STATES_BODIES)) or (
        "bank" in keys and bool(keys & _PUBLIC_BANK_WORDS)) or any(words <= keys for words in _PUBLIC_INSURERS)


def _kind_of_words(keys: set[str]) -> str:
    """A body's kind from its words: "government" only with a public word and no private one."""
    return "corporate" if _private(keys) or not _public(keys) else "government"


def _kind_of_body(toks: _Tokens, body: list[int]) -> str:
    """"government" for a body named with a public word or a country ("the SEC", "the UK Met Office"), else
    "corporate": an unknown body with a unit or a remit is a firm's far more often ("Citicorp", "Union Bank of
    Switzerland": a bank with no public word is a lender, whatever country it names)."""
    keys = _body_keys(toks, body)
    named_country = any(toks.country[idx] for idx in body) and "bank" not in keys
    return "government" if (_public(keys) or named_country) and not _private(keys) else "corporate"


def _private(keys: set[str] | frozenset[str]) -> bool:
    """Company or private-body words: "AKD Securities", "Consumer Organisation", "Pakistan State Oil"."""
    if keys & _STATES_BODIES or any(words <= keys for words in _PUBLIC_INSURERS):
        return False
    # a word of a firm's name ("Capital", "Services") gives way to a public one ("Capital Development Authority",
    # "Bureau of Consumer Protection")
    return _members_body(keys) or _campaign_coalition(keys) or bool(
        keys & (_COMPANY_MARKERS - _FIRM_WORDS | _PRIVATE_BODIES - _CONSUMER_WORDS)) or bool(
        keys & _FIRM_WORDS and not _public(keys)) or bool(keys & _CONSUMER_WORDS and not keys & _PUBLIC_NOUNS) or (
        _state_company(keys)) or _trade_union(keys) or bool(keys & _TRADE_QUALIFIERS and keys & _TRADE_BODIES) or (
        # a think tank ("Sustainable Development Policy Institute"), unlike "National Institute of Health" or a
        # "Foreign Trade Institute"
        "institute" in keys and not _public(keys) and not keys & _COUNTRIES.keys() and "foreign" not in keys)


# A staff association of public servants is a private body ("Police Federation", "Prison Officers' Association",
# "Police Superintendents' Association"), though its members serve the state.
_PUBLIC_SERVANTS = _wordset("police prison officers superintendents constables firefighters")
_STAFF_BODIES = _wordset("federation association union")


def _staff_association(toks: _Tokens, region: list[int]) -> bool:
    """"chairman of the Met Police Federation": a public servants' word right before (or one word before) a
    staff body's word; not "Federal Police" nor the "Russian Federation police"."""
    words = toks.words
    return any(words[idx].casefold() in _STAFF_BODIES and any(
        idx - gap in region and words[idx - gap].casefold() in _PUBLIC_SERVANTS for gap in (1, 2))
        for idx in region)


def _members_body(keys: set[str] | frozenset[str]) -> bool:
    """A body of a trade's or a profession's members, or of private bodies: "Swiss Lawyers Federation",
    "American Federation of Government Employees", "Chicago Mercantile Exchange", "Federation of Economic
    Organizations"; not a party's wing ("Insaf Students Federation")."""
    return not keys & _PARTY_WORDS and bool(
        (keys & _UNION_MEMBERS and keys & _STAFF_BODIES) or (keys & _MARKETS and "exchange" in keys)
        or ("federation" in keys and keys & _MEMBER_BODIES))


def _campaign_coalition(keys: set[str] | frozenset[str]) -> bool:
    """"COP26 Coalition": campaigners' coalition named for a UN climate summit, with no other public word; the
    summit's own offices ("COP26 Presidency", "COP26 Unit") stay public."""
    return "coalition" in keys and bool(keys & _SUMMIT_WORDS) and not (
        keys - _SUMMIT_WORDS - {"coalition"}) & (_GOVERNMENT_SIGNALS | _PARTY_WORDS | _STATES_BODIES)


def _trade_union(keys: set[str] | frozenset[str]) -> bool:
    """"Dock Workers Union", "Belgrade trade union council"; not the "Soviet Union" nor a "Workers Party"."""
    return bool(keys & _UNIONS) and "party" not in keys and bool(
        keys & _UNION_MEMBERS or ("trade" in keys and not keys & _COUNTRIES.keys()))


def _state_company(keys: set[str] | frozenset[str]) -> bool:
    """"Pakistan State Oil", "National Iranian Oil": a state-owned company trading in goods runs a business, not
    an office of state (unlike "Oil and Gas Regulatory Authority" or the state oil minister)."""
    return bool(keys & _STATE_OWNERS and keys & _STATE_GOODS and not keys & _GOVERNMENT_HEADS
                and not keys & (_GOVERNMENT_SIGNALS | _PARTY_WORDS) - _STATE_OWNERS)


def _named_private(toks: _Tokens, title_part: list[int]) -> bool:
    """Does the office belong to a body the text spells out with no public word ("Karachi Transport Ittehad
    (KTI)" -> "KTI President")? An acronym left unexplained ("CIA Director") stays public."""
    return any(toks.words[idx] in toks.private_acronyms for idx in title_part)


# Offices every private body has, which a public one names by its own word ("director of Maycraft", "spokesperson
# for the COP Coalition"; a ministry's or an agency's officer comes with "Ministry", "Agency" or a known acronym)
_BODY_OFFICES = _wordset("director spokesman spokeswoman spokesperson adviser advisor")


def _unknown_body_officer(toks: _Tokens, title_part: list[int], of_object: list[int]) -> bool:
    """Is the office a private body's: a body's officer "of"/"for" a body named in capitals with no public word,
    no country and no place in its name?"""
    words, labels = toks.words, toks.labels
    # "president of Simon and Schuster's ...": two names joined by "and" name a partnership, whatever the office
    partnership = [idx for idx in of_object if words[idx] in ("and", "&")]
    if partnership and not all(labels[idx - 1] == _NAME and labels[idx + 1] == _NAME for idx in partnership):
        return False
    if not of_object or not (partnership or any(labels[idx] == _HEAD and words[idx].casefold() in _BODY_OFFICES
                                                for idx in title_part)):
        return False
    keys = _body_keys(toks, of_object)
    return (not _public(keys) and not keys & (_PUBLIC_BODY_WORDS | _PLACES | _DESCRIPTORS)
            and all(idx in partnership or (words[idx][0].isupper() and labels[idx] in (_NAME, _ORG))
                    and not toks.country[idx]
                    and words[idx] not in toks.acronyms.keys() - toks.private_acronyms for idx in of_object)
            and not (len(of_object) == 1 and words[of_object[0]].isupper()))


def _of_object(toks: _Tokens, title_part: list[int]) -> list[int]:
    """What an office is "of": "chairman of the Federal Reserve Board" -> "Federal Reserve Board".

    A generic first object gives way to the next one ("official of the agricultural department of Zhejiang
    Province" -> "Zhejiang Province"); a possessive ends it ("secretary general of the PPP's central
    executive committee" -> "PPP").
    """
    words, labels = toks.words, toks.labels
    at = next((n for n, idx in enumerate(title_part) if words[idx].casefold() in ("of", "for")), -1)
    if at < 0:
        return []
    obj = []
    for idx in title_part[at + 1:]:
        if labels[idx] in (_HEAD, _HONORIFIC):
            break  # "senior Federation of Economic Organizations official", "Spokesman of FBR Dr Muhammad Iqbal"
        if (words[idx].casefold() != "the" or (obj and words[obj[-1]] == "of")) and (
                obj or labels[idx] != _DESC or words[idx][0].isupper()):
            obj.append(idx)  # not "the" nor "opposition" in "head of the opposition Democratic Party"
    # "Minister for Railways", "Minister of State for Power": a portfolio, not a body
    if at > 0 and words[title_part[at - 1]].casefold() in _PORTFOLIO_HEADS and (
            words[title_part[at]].casefold() == "for" or (obj and labels[obj[0]] == _DESC)):
        return []
    while True:
        inner = next((n for n, idx in enumerate(obj) if words[idx].casefold() == "of"), -1)
        if inner <= 0 or not _says_nothing(_words_of(toks, obj[:inner])):
            break
        obj = obj[inner + 1:]
    # (not a plural inside the body's own name: "the Stockbrokers' Association")
    owner = next((n for n, idx in enumerate(obj) if toks.possessive[idx] and not (
        n + 1 < len(obj) and toks.words[idx].endswith("s") and toks.labels[obj[n + 1]] == _ORG)), -1)
    if owner >= 0:
        obj = obj[:owner + 1]
    return obj if any(labels[idx] in (_ORG, _NAME) for idx in obj) else []


def _words_of(toks: _Tokens, indexes: list[int]) -> str:
    # "People's Bank of China"; a possessive that ends the words ("the PPP's council" -> "PPP") is dropped
    return " ".join(toks.words[idx] + (("'" if toks.words[idx].endswith("s") else "'s")
                                       if toks.possessive[idx] and idx != indexes[-1] else "")
                    for idx in indexes)


def _opens_a_name(toks: _Tokens, region: list[int], at: int) -> bool:
    """"Pakistan People's Party", "Japan Tobacco": a country's own name before a proper name opens the body's
    name; "Pakistani", "Indonesia's Armed Forces", "Russian Foreign Ministry" are the country's."""
    idx = region[at]
    return (at + 1 < len(region) and toks.labels[region[at + 1]] == _NAME and not toks.possessive[idx]
            and toks.words[idx].casefold() == toks.country[idx].casefold())


def _says_nothing(affiliation: str) -> bool:
    """"Federal", "Office", "the group", "bank": words that do not say whose office it is."""
    return affiliation.islower() or all(word.casefold() in _NOT_AFFILIATIONS or word.casefold() in _DESCRIPTORS
               for word in affiliation.split())


def _name_words(toks: _Tokens, name: list[int]) -> list[str]:
    words = toks.words
    # initials as printed: "S. Ahmed", "R K Verma"
    return [words[idx] + ("." if toks.labels[idx] == _INITIAL and words[idx + 1] == "." else "") for idx in name]


def _person(toks: _Tokens, chunk: list[int]) -> tuple[list[int], list[int]]:
    """(name, title region) when the chunk is a title followed by a name, else ([], chunk)."""
    name, region = _split_name(toks, chunk)
    if name and _has_head(toks, region):
        region = _own_office(toks, region)
        full = sum(toks.labels[idx] == _NAME for idx in name) >= 2
        if full or _strong_enough(toks, region):
            return name, region
    return [], chunk


def _sentence_start(toks: _Tokens, at: int) -> int:
    """The first token of the sentence holding token `at` (at most _SENTENCE_LOOKBACK tokens back)."""
    start = at
    while (start > 0 and at - start < _SENTENCE_LOOKBACK and toks.labels[start - 1] != _DOT
           and toks.words[start - 1][0] != "\n"):
        start -= 1
    return start


def _sentence_end(toks: _Tokens, at: int) -> int:
    """The token that ends the sentence holding token `at` (its full stop or line break; at most
    _SENTENCE_LOOKBACK tokens on), or the text's length."""
    end, n = at, len(toks.words)
    while end < n and end - at < _SENTENCE_LOOKBACK and toks.labels[end] != _DOT and toks.words[end][0] != "\n":
        end += 1
    return end


def _country_after_name(toks: _Tokens, at: int) -> str:
    """"Prime Minister Li Peng of China said": the country named by "of" right after a name, when the country
    ends the phrase ("of China Steel Corp" names a firm, "of Britain's ICI" a firm's owner); "" otherwise."""
    words, country = toks.words, toks.country
    if not (at + 1 < len(words) and words[at] == "of"):
        return ""
    start = at + 1 + (words[at + 1] == "the")
    end = start
    while end < len(words) and country[end] and country[end] == country[start] and end - start < 3:
        end += 1
    if end == start or toks.possessive[end - 1] or (
            end < len(words) and words[end][0].isupper() and toks.labels[end] in (_NAME, _ORG, _DESC)):
        return ""
    return country[start]


# Lower-case words that end a clause or join two: "rebels until President X", "the economy but chairman X"
_CLAUSE_WORDS = _FUNCTION_WORDS | _SAID | _wordset(
    """but until since when after before while where who which that this these those than then also now not
    his her their its our say tell""")
_REMIT_WORDS = 3


def _owner_before_remit(toks: _Tokens, at: int, countries: bool) -> str:
    """"UK shadow business secretary", "Labour's shadow business secretary", "VW's former foreign currency chief":
    the country, party or body that owns an office written after a lower-case remit (up to three words before
    the office at `at`); "" when none does (a person's "North's personal secretary" is no body)."""
    words, labels = toks.words, toks.labels
    j = at - 1
    while (j >= 0 and at - j <= _REMIT_WORDS and labels[j] in (_DESC, _BREAK) and words[j].islower()
           and words[j].replace("-", "").isalpha() and words[j] not in _CLAUSE_WORDS and not toks.possessive[j]):
        j -= 1
    if j < 0 or j == at - 1:
        return ""
    if toks.country[j]:
        return toks.country[j] if countries else ""
    owner = words[j]
    if not toks.possessive[j] or not (owner in _LABOUR or owner.casefold() in _PARTY_WORDS or (
            owner.isupper() and len(owner) > 1 and labels[j] == _ORG) or owner in _LEGAL_FORMS_CAPITALISED):
        return ""
    start = j  # the firm's whole name before its legal form: "Acme Inc's new chief executive"
    while (owner in _LEGAL_FORMS_CAPITALISED and start > 0 and j - start < 4 and words[start - 1][0].isupper()
           and labels[start - 1] in (_NAME, _ORG, _DESC) and not toks.possessive[start - 1]):
        start -= 1
    return "" if owner in _LEGAL_FORMS_CAPITALISED and start == j else " ".join(words[start:j + 1])


def _office_or_body_at(toks: _Tokens, at: int) -> bool:
    """Is an office or a body named at `at` ("the Chief Minister", "PM"), not a person ("the Paul Mellon ...")?"""
    if at < len(toks.words) and toks.words[at] == "the":
        at += 1
    return at < len(toks.words) and toks.words[at][0].isupper() and toks.labels[at] in (_HEAD, _DESC, _ORG)


def _own_office(toks: _Tokens, region: list[int]) -> list[int]:
    """"spokesman for President", "adviser to Chancellor": the name after it is the President's, the Chancellor's."""
    words, labels = toks.words, toks.labels
    at = max((n for n, idx in enumerate(region) if words[idx].casefold() in ("for", "of", "under", "to")), default=-1)
    rest = [idx for idx in region[at + 1:] if words[idx].casefold() != "the"]
    to = at >= 0 and words[region[at]] == "to"  # "adviser to West German Chancellor", "to SPD Chancellor"
    # "Minister for Climate Change Senator X": a portfolio, and X holds both offices
    portfolio = at > 0 and words[region[at]] == "for" and words[region[at - 1]].casefold() in _PORTFOLIO_HEADS
    if (at > 0 and rest and not portfolio
            and all(labels[idx] in (_HEAD, _DESC, _HONORIFIC) or (to and labels[idx] == _ORG) for idx in rest)
            and labels[rest[-1]] == _HEAD and words[rest[-1]][0].isupper()
            and words[rest[-1]].casefold() in _STRONG_HEADS):
        return rest
    return region


_COUNTERPART_LOOKBACK = 25  # tokens


def _counterparts_office(toks: _Tokens, at: int) -> str:
    """"President Joe Biden and his Chinese counterpart Xi": a counterpart holds the office named before it in
    the sentence ("President"); "" when there is none."""
    labels, words = toks.labels, toks.words
    j = at - 1
    while j >= 0 and at - j <= _COUNTERPART_LOOKBACK and labels[j] != _DOT and not words[j].startswith("\n"):
        if labels[j] == _HEAD and words[j].casefold() != "counterpart":
            start = j
            while start > 0 and labels[start - 1] in (_HEAD, _DESC) and not toks.country[start - 1]:
                start -= 1
            return " ".join(words[start:j + 1])
        j -= 1
    return ""


def _candidates(toks: _Tokens, chunks: list[list[int]]) -> list[_Candidate]:
    labels, words = toks.labels, toks.words
    n = len(words)
    starts = {chunk[0]: k for k, chunk in enumerate(chunks)}
    ending = {chunk[-1]: k for k, chunk in enumerate(chunks)}
    out: list[_Candidate] = []

    def add(name: list[int], region: list[int], fallback_affiliation: str = "", fallback_kind: str = "",
            kind_over: str = "") -> _Candidate | None:
        # the candidate made, or None when the region holds no office after all
        referring = region
        if region[0] > 0 and words[region[0] - 1].casefold() == "its" and not fallback_kind and _nearest_firm(
                toks, region[0] - 1):
            # "The Gap Inc said it named Millard Drexler as its president": a company's office (whose, "its" does
            # not say: the subject, not always the nearest firm, "Wilshire Oil, which holds Jacobs Engineering
            # shares, said its chairman")
            fallback_kind = "corporate"
        if len(region) > 1 and toks.possessive[region[0]] and words[region[0]] in ("company", "firm"):
            # "The company's chief executive": the company is no part of the office, and the office is a company's
            region, fallback_kind = region[1:], "corporate"
        while len(region) > 1 and words[region[0]].endswith("-based"):
            region = region[1:]  # "Shanghai-based chief investment officer at ...": where one works, not whose
        title, affiliation, kind = _describe(toks, region)
        # "Commission president Jacques Delors", "Subcommittee chairman": a body's generic noun alone is a fragment;
        # the body it refers back to is looked for below
        referred = affiliation.casefold() if affiliation.casefold() in _BACK_REFERENCES else ""
        affiliation = "" if referred else affiliation
        if title.casefold() == "counterpart":
            title = _counterparts_office(toks, region[0]) or title
        kind = kind_over or kind
        if words[region[0]].casefold() == "group" and len(region) > 1 and words[region[1]].casefold() not in (
                "captain", "of"):
            kind = "corporate"  # "group vice president", "group president": an office over a company's group
        if any(labels[idx] == _HONORIFIC for idx in region) and not any(
                labels[idx] == _HEAD or (labels[idx] == _HONORIFIC and _HONORIFICS[words[idx].casefold()])
                for idx in region):
            title = ""  # "Ohio State University Professor of Medicine Carl Leier": an academic, no office
        if not kind:
            # "..., vice president at Smith Barney Harris Upham Inc": the firm as the office goes on names it
            body = _private_body_after(toks, region[-1] + 1) if region[0] > name[-1] else None
            kind = fallback_kind or ("government" if body is None else "corporate")
            affiliation = body or affiliation
            if body is None and not fallback_kind and _company_office_in_company_copy(toks, name, region):
                kind = "corporate"  # "Triton Energy Corp said president Thomas Goff resigned"
        affiliation = affiliation or fallback_affiliation
        if any(words[idx] in ("union", "unions") for idx in region):
            kind = "corporate"  # "union spokesman", "transport union representative": a trade union's officer
        keys = {words[idx].casefold() for idx in region}
        heads = {words[idx].casefold() for idx in region if labels[idx] == _HEAD}
        if not keys & _GOVERNMENT_HEADS and (any(words[idx] in _NOT_OFFICES for idx in region) or (
                words[region[-1]] in _FIELDS and not _public(keys))):
            # "head of Asian research at ING", "head of Asia economics" are analysts ("Sanwa Research Institute"
            # is a body, "economics spokesman" and "head of the OECD's economics" hold offices)
            return
        if heads == {"delegate"} and not (
                toks.country[region[0]] or affiliation):
            after = region[-1] + 1
            if not (after + 1 < n and words[after] == "from" and toks.country[after + 1]):
                return  # "a delegate to the party congress": one of many, no office of a country
            affiliation = toks.country[after + 1]  # "the delegate from Guinea"
        if (words[region[0]] == "attorney" and region[1:2] and words[region[1]] == "for"
                and not _public(keys) and "district" not in keys):
            return  # "X, attorney for the Smiths": a client's lawyer ("attorney for the district" is an office)
        if words[region[-1]].casefold() in _DEALING_DESKS:
            return  # "Head Trader at Marlow Dealers", "chief dealer": a dealing desk's job, no office
        if heads and heads <= _FOUNDERS:
            return  # "founder of Sri-Kumar Global Strategies" holds no office; "founder and chairman" does
        after = name[-1] + 1
        if not affiliation and after + 1 < n and words[after] == ",":
            # "Rep. Anthony Beilenson, D-Cal, said": the party after the name
            affiliation = _PARTIES.get(words[after + 1][:2], "")
        if not affiliation and kind == "government" and region[-1] < name[0]:
            affiliation = _country_after_name(toks, after)  # "Foreign Minister Simon Kofe of Tuvalu"
        if not affiliation:
            affiliation = _body_named_elsewhere(toks, referring)  # "central bank governor", the bank named earlier
        if not affiliation and words[referring[0]][0].islower():
            # "Labour's shadow business secretary"; a country owns only a public office ("Dutch coffee trade
            # association chairman" is the association's)
            affiliation = _owner_before_remit(toks, referring[0], countries=kind == "government")
        if not affiliation and kind == "corporate":
            affiliation = _firm_referred_to(toks, referring[0])  # "the firm's chairman", the firm named before
        if not affiliation:
            # "the committee's chief executive", "chairman of the exchange": the body named before
            affiliation = _body_referred_back(toks, referring, referred)
        if not affiliation:
            affiliation = _its_owner(toks, referring[0])  # "NL Industries Inc said its chairman"
        # "the country's president Ebrahim Raisi", "Iran says ...": the country the headline names
        the_countrys = region[0] > 0 and toks.possessive[region[0] - 1] and words[region[0] - 1] in _THE_COUNTRY
        if not affiliation and title.casefold() in _HEADLINE_TITLES and (
                title[0].isupper() or the_countrys) and kind == "government":
            affiliation = toks.headline_country  # "Denmark to ...": "Prime Minister Mette Frederiksen"
        out.append(_Candidate(name[-1], _name_words(toks, name), title, affiliation, kind))
        return out[-1]

    def chunk_at(start: int) -> list[int] | None:
        # the chunk starting at `start`, after at most two lead-in words ("the", "then", "another")
        for _ in range(2):
            if start < n and words[start].casefold() in _LEAD_INS:
                start += 1
        k = starts.get(start)
        return chunks[k] if k is not None else None

    def title_after_name(chunk: list[int]) -> list[int] | None:
        # "Zamir Kabulov, Special Representative", "Paul Volcker as chairman", "Ali Khan - CEO",
        # "Sadiq Sanjrani was elected chairman", "Jam Kamal took oath as chief minister"
        at = chunk[-1] + 1
        if at < n and words[at].casefold() in _SUFFIXES:
            at += 1 + (at + 1 < n and words[at + 1] == ".")  # "Clifford G. Zimmer Jr. remains president"
        at += seat_after(chunk)  # "Greg Hands MP, the energy minister"
        if at >= n:
            return None
        if (at + 2 < n and words[at] == "to" and words[at + 1] == "be" and chunk[0] > 0
                and words[chunk[0] - 1].casefold() in _APPOINTED):
            return chunk_at(at + 2)  # "named Kenneth Cribb to be his domestic affairs adviser"
        if words[at] in ("-", "–", "—"):  # "Ali Khan - CEO AKD Securities", not "FREETOWN, Sierra Leone - ..."
            title = chunk_at(at + 1)
            return title if title and labels[title[0]] == _HEAD else None
        # "succeeding Sid Weiss, who was named chief executive officer": the appointment in a relative clause
        relative = words[at + (words[at] == ",")] == "who" if at + 1 < n else False
        if relative:
            at += 1 + (words[at] == ",")
        elif words[at] == "," or words[at].casefold() == "as":
            return chunk_at(at + 1 + (at + 1 < n and words[at + 1] in _TIME_ADVERBS))
        verb_at = at
        for _ in range(3):
            if at < n and words[at].casefold() in _AUXILIARIES:
                at += 1
        if relative and (at >= n or words[at].casefold() not in _APPOINTED
                         or (at == verb_at and words[at].casefold() not in _BECAME)):
            return None  # "who was a minister", "who named Ann Ode ...": no appointment of this person
        if at > verb_at and at + 1 < n and words[at] in ("a", "an", "the"):
            # "Sara Lane is a former UNICEF special envoy": an office of a body the text names in capitals
            title = chunk_at(at + 1)
            return title if title and not toks.possessive[title[-1]] and any(
                words[idx][0].isupper() and labels[idx] in (_NAME, _ORG) for idx in title) else None
        if at + 2 < n and words[at].casefold() in ("took", "takes", "take") and words[at + 2].casefold() == "as":
            return chunk_at(at + 3)  # "took oath as", "takes charge as"
        if at >= n or words[at].casefold() not in _APPOINTED:
            return None
        at += 1
        for optional in ("in", "as"):  # "sworn in as"
            if at < n and words[at].casefold() == optional:
                at += 1
        return chunk_at(at)

    def seat_after(chunk: list[int]) -> int:
        # "Stu Ode MHK said", "Greg Hands MP, the energy minister": a legislature's seat after the name
        at = chunk[-1] + 1
        return int(at < n and words[at] in _SEAT_SUFFIXES and labels[at] == _BREAK)

    def is_full_name(chunk: list[int]) -> bool:
        return (all(labels[idx] in _NAMEISH for idx in chunk) and labels[chunk[-1]] == _NAME
                and 2 <= sum(labels[idx] == _NAME for idx in chunk) <= _MAX_NAME_WORDS)

    def is_name(chunk: list[int]) -> bool:
        return all(labels[idx] in _NAMEISH for idx in chunk) and labels[chunk[-1]] == _NAME and (
            sum(labels[idx] == _NAME for idx in chunk) <= _MAX_NAME_WORDS)

    def name_after_and(chunk: list[int]) -> list[int]:
        # "Weiss and Leonard Friedman, Wurlitzer chairman,": the office after the comma is the last name's (a
        # firm's name has no full name past its "and": "Marks and Spencer", "Simon and Schuster")
        joint = next((k for k in range(len(chunk) - 1, 0, -1) if words[chunk[k]] == "and"), 0)
        if joint and all(labels[idx] in _NAMEISH for idx in chunk[:joint]) and is_full_name(chunk[joint + 1:]):
            return chunk[joint + 1:]
        return []

    def plain_honorific(idx: int) -> bool:
        # "Mr", "Dr", "Prof": a courtesy, not an office ("Gen", "Sen" are offices)
        return labels[idx] == _HONORIFIC and not _HONORIFICS[words[idx].casefold()]

    def is_bare_title(chunk: list[int]) -> bool:
        return _has_head(toks, chunk) and not _person(toks, chunk)[0]

    def is_complete(chunk: list[int]) -> bool:
        # "Nimit N., chief economist at ...": a title cut short by a word the gazetteer lacks
        after = chunk[-1] + 1
        if after >= n or not words[after][0].islower():
            return True
        return words[after] in _TITLE_FOLLOWERS or bool(described_after(chunk))

    def described_after(chunk: list[int]) -> set[str]:
        # "director of the Clean Air Wales lobby group, said": lower-case words after the body's name say what
        # it is (one or two, the last a body's word), then the clause ends
        at = chunk[-1] + 1
        end = at
        while end < n and end - at < 2 and words[end].isalpha() and words[end].islower():
            end += 1
        if end == at or words[end - 1] not in _DESCRIBED_BODIES or not words[chunk[-1]][0].isupper():
            return set()
        return set(words[at:end]) if end >= n or words[end] in _TITLE_FOLLOWERS or not words[end].isalnum() else set()

    def body_past_of_the(chunk: list[int]) -> list[int]:
        # "director of the Institute of Polar Sciences of the National Research Council", "director of Friends of
        # the Earth": the body's name goes on past "of the"
        after = chunk[-1] + 1
        within = after + 2
        if (within < n and words[after] == "of" and words[after + 1] == "the" and words[chunk[-1]][0].isupper()
                and any(words[idx] == "of" for idx in chunk) and within in starts and words[within][0].isupper()):
            return [*chunk, after, after + 1, *chunks[starts[within]]]
        return chunk

    def firm_name_past_and(chunk: list[int]) -> list[int]:
        # "president of Simon and Schuster's International Group", "chairman of Marks and Spencer Plc": a firm's
        # name goes on past its "and" when what follows ends in a body's word
        joint = chunk[-1] + 1
        if not (labels[chunk[-1]] == _NAME and joint + 1 < n and words[joint] in ("and", "&") and joint + 1 in starts
                and any(words[idx] == "of" for idx in chunk)):
            return chunk
        rest = chunks[starts[joint + 1]]
        joined = [*chunk, joint, *rest]
        if (labels[rest[-1]] == _ORG and not toks.country[rest[-1]] and is_complete(joined)
                and all(words[idx][0].isupper() and labels[idx] in (_NAME, _ORG, _DESC) for idx in rest)):
            return joined
        return chunk

    def unnamed_adviser(chunk: list[int]) -> bool:
        # "Ann Ode, a county adviser, said": an adviser of no named body (one of many) holds no office
        # ("a former national security adviser" held a post; "an adviser to the council" names its body)
        after = chunk[-1] + 1
        return (chunk[0] > 0 and words[chunk[0] - 1] in ("a", "an") and words[chunk[-1]].casefold() in _ADVISERS
                and (after >= n or words[after] not in ("to", "of", "for", "at", "with"))
                and all(words[idx].islower() and labels[idx] in (_HEAD, _DESC, _ORG)
                        and words[idx] not in _STANDINGS for idx in chunk))

    def a_job(region: list[int]) -> bool:
        # "film director Ana Ruiz"; "a director for Bright Green Future" (an indefinite office, then a name)
        before = words[region[0] - 1].casefold() if region and region[0] > 0 else ""
        # "young attorney Omar Khawaja" is a lawyer; "U.S. Attorney", "district attorney" hold offices
        lawyer = len(region) == 1 and words[region[0]] == "attorney"
        return lawyer or before in _NOT_OFFICES or (before in ("a", "an") and words[region[0]][0].islower())

    def affiliation_at(chunk: list[int]) -> tuple[str, str]:
        """(affiliation, kind) from the body named after an office written after a name: "Mitsushige Akino,
        executive officer at Ichiyoshi Asset Management"; the kind is "corporate" when lower-case words describe
        the body as a trade ("at gold dealer GoldSilver Central"), else ""."""
        at = chunk[-1] + 1
        if at + 2 < n and words[at] == "in" and (toks.country[at + 1] or words[at + 1].casefold() in _PLACES):
            place_end = at + 2 + (at + 2 < n and toks.country[at + 2] == toks.country[at + 1] != "")
            if place_end < n and words[place_end] == "at":
                at = place_end  # "a managing director in Sydney at Rochford Capital"
        if at < n and words[at] in ("at", "in"):
            trade = _trade_words(at + 1)
            org = chunk_at(at + 1 + len(trade))
            while org and len(org) > 1 and words[org[0]][0].islower():
                trade.append(words[org.pop(0)])  # "at the brokerage house Topline Securities"
            if words[at] == "in" and not (org and any(words[idx].casefold() in _ORG_WORDS - _PLACES for idx in org)):
                return "", ""  # "head of operations in Karachi": a place, not a body
            if org and all(toks.country[idx] for idx in org):
                return toks.country[org[0]], ""  # "an official at French sugar producer Beghin-Say"
            if org and all(labels[idx] in (_NAME, _ORG, _DESC, _CONNECT) for idx in org) and any(
                    labels[idx] in (_NAME, _ORG) for idx in org):
                # "federal agency FEMA" is public; a "brokerage house" is no House of the legislature
                keys = _body_keys(toks, org) | set(trade) - {"house"}
                # "director of sustainability at Veolia UK": an office at a body with no public word is a firm's
                # ("an official at the Finance Ministry" is not); "in" names a place as often as a body
                at_firm = words[at] == "at" and not _public(keys) and "public" not in keys and not any(
                    labels[idx] == _HEAD and words[idx].casefold() in _PORTFOLIO_HEADS for idx in chunk)
                return _words_of(toks, org), "corporate" if (trade or at_firm) and not _public(keys) else ""
        if at < n and words[at] == ",":
            # "Niaz Malik, Deputy CEO, China Mobile Pakistan Limited": a company by its legal form;
            # "Tahir Ahmed, Managing Director, JGI": a body by the acronym the text spelt out for it
            # "Ann Ode, President, Karachi Tax Bar Association": a body by the word that ends its name
            org = chunk_at(at + 1)
            named_body = bool(org) and len(org) > 1 and words[org[0]][0].isupper() and words[org[-1]][0].isupper() \
                and labels[org[-1]] == _ORG and not toks.country[org[-1]]
            if org and (words[org[-1]] in _LEGAL_FORMS_CAPITALISED or named_body or (
                    len(org) == 1 and words[org[0]] in toks.acronyms)) and all(
                    labels[idx] in (_NAME, _ORG, _DESC, _CONNECT) for idx in org):
                return _words_of(toks, org), ""
        return "", ""

    def described_body(chunk: list[int]) -> tuple[str, str] | None:
        """(affiliation, kind) when an office goes on "of"/"for" a body described in lower case, then named:
        "chief executive of the charity Shelter", "director of the campaign group Open Seas"."""
        at = chunk[-1] + 1
        # "chief policy adviser to the charity Compassion in World Farming": an adviser's body follows "to"
        to_body = words[at:at + 1] == ["to"] and words[chunk[-1]].casefold() in _ADVISERS
        if not (at + 2 < n and (words[at] in ("of", "for") or to_body)):
            return None
        at += 1 + (words[at + 1] == "the")
        start = at
        # "managing director of Dubai developer DAMAC Properties": a place may open the description
        at += at + 1 < n and words[at].isalpha() and words[at][0].isupper() and words[at + 1].islower()
        lower = at
        while at < n and at - lower < 3 and words[at].isalpha() and words[at].islower():
            at += 1
        described = {word.casefold() for word in words[lower:at]}
        # the body's chunk may open at a lower-case body word ("group Open Seas")
        opening = next((k for k in range(start, at + 1) if k in starts and chunks[starts[k]][-1] >= at), -1)
        body = [idx for idx in chunks[starts[opening]] if idx >= at] if at > lower and opening >= 0 else None
        if not (body and described & (_DESCRIBED_BODIES | _TRADE_NOUNS) and words[body[0]][0].isupper()
                and all(labels[idx] in (_NAME, _ORG, _DESC, _CONNECT) for idx in body)):
            return None
        keys = described | {words[idx].casefold() for idx in body}
        return _words_of(toks, body), _kind_of_words(keys)

    def described_in_office(chunk: list[int]) -> tuple[list[int], str, str] | None:
        """(office, affiliation, kind) when the office's "of"/"for" goes on to a body described in lower case (with
        the country's adjective in it) and then named: "director of Kenyan climate and energy think tank Power Shift
        Africa", "oil minister of major oil producer Saudi Arabia", "president of the influential Japan Federation
        of Employers' Associations"."""
        head = max((k for k, idx in enumerate(chunk) if labels[idx] == _HEAD), default=-1)
        at = chunk[head] + 1 if head >= 0 else n
        if not (at + 2 < n and words[at] in ("of", "for")):
            return None
        at += 1 + (words[at + 1] in ("the", "a", "an"))
        start = at
        while at < n and at - start < _DESCRIPTION_WORDS:
            if words[at].islower() and (words[at].isalpha() or "-" in words[at]):
                at += 1
            elif toks.country[at] and at + 1 < n and words[at + 1].islower():
                at += 1  # "Kenyan climate ... think tank"
            elif (toks.country[at] and at + 2 < n and toks.country[at + 1] == toks.country[at]
                  and words[at + 2].islower()):
                at += 2  # "West German banking association"
            else:
                break
        lower = [words[k] for k in range(start, at) if words[k].islower() and words[k] != "and"]
        # the body's chunk may open at a lower-case body word ("business group Keidanren")
        opening = next((k for k in range(start, at + 1) if k in starts and chunks[starts[k]][-1] >= at), -1)
        body = [idx for idx in chunks[starts[opening]] if idx >= at] if at > start and opening >= 0 else None
        if not (body and lower and all(idx < at for idx in chunk[head + 1:])
                and words[body[0]][0].isupper() and words[body[-1]][0].isupper()
                and all(labels[idx] in (_NAME, _ORG, _DESC, _CONNECT) for idx in body)):
            return None
        named = lower[-1] in _DESCRIBED_BODIES | _TRADE_NOUNS
        praised = all(word in _BODY_ADJECTIVES for word in lower) and any(
            labels[idx] == _ORG and not toks.country[idx] for idx in body)
        if not (named or praised):
            return None
        if all(toks.country[idx] for idx in body):
            return chunk[:head + 1], toks.country[body[0]], ""  # the country is the body: its office decides
        keys = set(lower) | _body_keys(toks, body)
        return chunk[:head + 1], _words_of(toks, body), _kind_of_words(keys)

    def owns_by_place(idx: int) -> bool:
        # a country, a city, a legislature or a party that owns a body written in lower case after it
        word = words[idx]
        return bool(toks.country[idx]) or word.casefold() in _PLACES or word in _LEGISLATURES or (
            word.isupper() and word.casefold() in _PARTY_WORDS)

    def owned_unit(chunk: list[int]) -> tuple[list[int], int] | None:
        """(office up to the owner, end of the unit) when an office after a name ends in a body's possessive and a
        lower-case part of that body: "head of Johannesburg Consolidated's gold division", "director of the
        SEC's division of market regulation" (its remit after "of"), before the clause ends; or in a country, a
        city, a legislature or a party before a body in lower case ("president of the Belgrade trade unions
        council", "chairman of the Senate panel")."""
        owner = next((k for k, idx in enumerate(chunk) if toks.possessive[idx]), -1)
        units = _OWNED_UNITS
        if owner < 0:
            owner = max((k for k, idx in enumerate(chunk) if words[idx][0].isupper()), default=-1)
            units = _PLACED_BODIES
            owners = [idx for idx in chunk[:owner + 1] if words[idx][0].isupper() and labels[idx] != _HEAD]
            if owner < 0 or not owns_by_place(chunk[owner]) or not all(owns_by_place(idx) for idx in owners):
                return None
        if owner < 2 or labels[chunk[0]] not in (_HEAD, _DESC):
            return None
        region = chunk[:owner + 1]
        body = region[next(k for k, idx in enumerate(region) if words[idx] in ("of", "at")) + 1:] if any(
            words[idx] in ("of", "at") for idx in region) else []
        if body and words[body[0]] == "the":
            body = body[1:]
        if not body or not all(words[idx][0].isupper() and labels[idx] in (_NAME, _ORG, _DESC) for idx in body):
            return None
        at = region[-1] + 1
        end = at
        while end < n and end - at < _OWNED_UNIT_WORDS and (words[end].islower() and words[end].isalpha()
                                                               or words[end] == "and" or "-" in words[end]):
            end += 1
        while end > at and words[end - 1] not in units:
            end -= 1
        if end == at or any(idx >= end for idx in chunk[owner + 1:]):
            return None
        if end + 1 < n and words[end] == "of" and words[end - 1] in _UNITS:
            remit = end + 1  # "division of banking law and credit supervision"
            while remit < n and remit - end <= _OWNED_UNIT_WORDS and words[remit].isalpha() and words[remit].islower():
                remit += 1
            end = remit if remit > end + 1 else end
        unit = {word.casefold() for word in words[at:end]}
        if unit & (_NOT_OFFICES | _FIELDS):
            return None  # "head of ING's research unit" is an analyst
        if not (end >= n or words[end] in _TITLE_FOLLOWERS or not words[end].isalnum()):
            return None
        return region, end

    def remit_at_body(chunk: list[int]) -> tuple[list[int], int, list[int]] | None:
        """(the office, end of its remit, the body) when a lower-case office after a name goes on "of" a lower-case
        remit and "at"/"for" a body named in capitals: "director of policy and campaigns at ActionAid", "head of
        climate impacts at the UK Met Office" (the chunk may have read a descriptor of the remit into the office)."""
        office = len(chunk)
        while office > 0 and labels[chunk[office - 1]] != _HEAD:
            office -= 1
        if not office or not all(words[idx].islower() for idx in chunk[office - 1:]):
            return None
        at = chunk[office - 1] + 1
        if not (at + 2 < n and words[at] == "of"):
            return None
        end = at + 1
        while end < n and end - at <= _OWNED_UNIT_WORDS and words[end] not in ("at", "for") and (
                words[end].isalpha() and words[end].islower() or "-" in words[end] or words[end] == "&"):
            end += 1
        if end == at + 1 or end + 1 >= n or words[end] not in ("at", "for") or words[end - 1] in _FUNCTION_WORDS:
            return None
        remit = {word.casefold() for word in words[at + 1:end]}
        body = chunk_at(end + 1)
        desk_head = words[chunk[office - 1]].casefold() == "head" and remit & _DESK_REMITS
        if not body or remit & (_NOT_OFFICES | _FIELDS | _ANALYSTS_REMITS) or desk_head or not is_complete(body):
            return None
        if not (words[body[0]][0].isupper() and words[body[-1]][0].isupper()
                and all(labels[idx] in (_NAME, _ORG, _DESC, _CONNECT) for idx in body)
                and not any(words[idx].casefold() in _ACADEMIC_BODIES for idx in body)):
            return None
        return chunk[:office], end, body

    def _trade_words(at: int) -> list[str]:
        # "at gold dealer GoldSilver Central", "at the brokerage Topline Securities": the lower-case words that
        # describe a firm before its name (with the article before them), up to the name
        k = at
        if k < n and words[k] in _LEAD_INS:
            k += 1
        start = k
        while (k < n and k - start < 3 and words[k].isalpha() and words[k].islower() and words[k] not in _FUNCTION_WORDS
               and (k == start or k not in starts)):
            k += 1
        return [word.casefold() for word in words[at:k]] if k > start and k < n and k in starts else []

    def shared_office(chunk: list[int], region: list[int]) -> None:
        # "Justices Ijaz Khan and Ejaz Ahsan", "Ministers Iqbal, Dastgir and Rana": one office, several names
        if not any(words[idx].casefold() in _PLURAL_HEADS for idx in region):
            return
        at = chunk[-1] + 1
        while at < n and words[at] in (",", "and"):
            nxt = chunks[starts[at + 1]] if at + 1 in starts else None
            if not nxt:
                return
            # "Khurram Dastgir and Rana Tanveer" was kept as one run of names
            names: list[list[int]] = [[]]
            for idx in nxt:
                if labels[idx] == _CONNECT:
                    names.append([])
                else:
                    names[-1].append(idx)
            if not all(part and is_name(part) for part in names):
                return
            for part in names:
                add(part, region)
            at = nxt[-1] + 1

    def listed_officials(k: int) -> None:
        # "attended by A, B, C and other MAP officials": each listed name is one of the body's officials
        at = chunks[k][-1] + 1
        if not (at + 2 < n and words[at] == "and" and words[at + 1] == "other" and is_full_name(chunks[k])):
            return
        body = chunk_at(at + 2)
        after = body[-1] + 1 if body else n
        if (after >= n or words[after] not in _PLURAL_OFFICIALS
                or not all(labels[idx] in (_NAME, _ORG, _DESC) and words[idx][0].isupper() for idx in body)):
            return
        first = k
        while (first > 0 and chunks[first][0] >= 2 and words[chunks[first][0] - 1] == ","
               and chunks[first - 1][-1] == chunks[first][0] - 2 and is_full_name(chunks[first - 1])):
            first -= 1
        for listed in chunks[first:k + 1]:
            add(listed, [*body, after])

    def office_by_verb(name: list[int], chunk: list[int]) -> None:
        # "Freddie Ode, a forester who leads the Rural Training Center," -> "leads the Rural Training Center";
        # only a body named in capitals: "who heads the firm's oil practice" names none
        at = chunk[-1] + 1
        if at < n and words[at].casefold() in _SUFFIXES:
            at += 1
        if not (at + 3 < n and words[at] == ","):
            return
        at += 1
        if words[at] in ("a", "an"):
            at += 1
            start = at
            while at < n and at - start < 3 and words[at].isalpha() and words[at].islower() and words[at] != "who":
                at += 1
        if not (at + 2 < n and words[at] == "who" and words[at + 1] in _LEADS):
            return
        verb, body_at = words[at + 1], at + 3
        if words[at + 2] != "the":
            # "who leads environmental justice policy for the Conservation Network": a remit, then its body
            k = start = at + 2
            while (k < n and k - start < 3 and words[k].isalpha() and words[k].islower()
                   and words[k] not in _FUNCTION_WORDS):
                k += 1
            remit_words = words[start:k]
            if (not remit_words or k >= n or words[k] not in ("for", "at")
                    or any(word in _NOT_OFFICES or word in _FIELDS for word in remit_words)):
                return  # "who heads research at ING" is an analyst
            body_at = k + 1 + (k + 1 < n and words[k + 1] == "the")
        body = chunks[starts[body_at]] if body_at in starts else None
        for _ in range(2):  # "the Rural Training and Research Center" was cut at its "and"
            joint = body[-1] + 1 if body else n
            if joint + 1 < n and words[joint] in ("and", "&") and joint + 1 in starts:
                body = [*body, joint, *chunks[starts[joint + 1]]]
        if not (body and words[body[0]][0].isupper() and words[body[-1]][0].isupper()
                and labels[body[-1]] in (_NAME, _ORG)
                and all(labels[idx] in (_NAME, _ORG, _DESC, _CONNECT) for idx in body)
                and any(labels[idx] == _ORG and not toks.country[idx] for idx in body) and is_complete(body)):
            return  # "who heads the American delegation": a country's adjective before what it leads
        keys = _body_keys(toks, body)
        organisation = _words_of(toks, body)
        kind = "government" if _public(keys) and not _private(keys) else "corporate"
        out.append(_Candidate(name[-1], _name_words(toks, name), " ".join([verb, *words[at + 2:body_at], organisation]),
                              organisation, kind))

    def from_delegation(name: list[int], chunk: list[int]) -> None:
        # "Ann Ode, from Fiji's delegation, said": a member of a country's delegation (the country's name may
        # hold an "and": "Trinidad and Tobago's delegation")
        at = chunk[-1] + 1
        if not (at + 3 < n and words[at] == "," and words[at + 1] == "from"):
            return
        start = end = at + 2
        while end < n and end - start < 4 and not toks.possessive[end] and (
                words[end][0].isupper() or words[end] == "and"):
            end += 1
        if not (end + 1 < n and toks.possessive[end] and words[end][0].isupper()
                and words[end + 1] == "delegation" and words[start][0].isupper()):
            return
        country = toks.country[start] if toks.country[start] == toks.country[end] else ""
        out.append(_Candidate(name[-1], _name_words(toks, name), "delegation",
                              country or " ".join(words[start:end + 1]), "government"))

    def office_in_next_sentence(chunk: list[int]) -> None:
        # "... Boris Johnson has said. The prime minister said ...": a sentence naming one person, the next
        # opening with "The <office>" and its verb, gives that person the office (a word may sit between:
        # "The summit president said")
        # a strong office only: "The spokesman said" refers back to an unnamed "a spokesman for ..."
        if not (is_bare_title(chunk) and all(labels[idx] in (*_TITLEISH, _CONNECT) for idx in chunk)
                and any(words[idx].casefold() in _STRONG_HEADS for idx in chunk)
                and chunk[-1] + 1 < n and words[chunk[-1] + 1] in _SAID):
            return
        the = chunk[0] - 1
        if the > 0 and words[the].isalpha() and words[the].islower() and labels[the] == _BREAK:
            the -= 1
        if not (the > 1 and words[the] == "The" and labels[the - 1] == _DOT):
            return
        people: list[list[int]] = []
        j = the - 2
        while j >= 0 and the - j <= _SENTENCE_LOOKBACK and labels[j] != _DOT and not words[j].startswith("\n"):
            if j in starts:
                before = chunks[starts[j]]
                if (is_full_name(before) and before[-1] + 1 < n and words[before[-1] + 1] in _SAID
                        and words[before[0] - 1].casefold() not in _LEAD_INS):
                    # "Ben Ode has said", "Ann Ode is hopeful": the sentence's speaker ("the Kitty Hawk is" a ship)
                    people.append(before)
                elif _person(toks, before)[0]:
                    return  # an office holder is named there already
            j -= 1
        if len(people) == 1 and (j < 0 or labels[j] == _DOT or words[j].startswith("\n")):
            add(people[0], chunk[:_MAX_TITLE_TOKENS])

    def sentence_of(at: int) -> tuple[int, int]:
        return _sentence_start(toks, at), _sentence_end(toks, at)

    def full_names_in(start: int, end: int) -> list[list[int]]:
        return [chunks[starts[j]] for j in range(start, end) if j in starts and is_full_name(chunks[starts[j]])]

    def lone_subject(start: int, end: int) -> list[int] | None:
        # the sentence's only full name, opening it as the subject of a verb ("Ann Ode warned ...")
        names = full_names_in(start, end)
        if len(names) != 1 or names[0][-1] + 1 >= end:
            return None
        verb = words[names[0][-1] + 1]
        if names[0][0] != start:  # "Referring to his grandson, Ann Ode said ...": the sentence's speaker
            return names[0] if verb in _SAID and words[names[0][0] - 1] == "," else None
        return names[0] if verb.isalpha() and verb.islower() and verb not in _FUNCTION_WORDS else None

    def office_beside_a_lone_name(chunk: list[int]) -> None:
        # Across a sentence boundary, where neither sentence names anyone else:
        # "Ann Ode fought back tears. The summit president apologised ..." (the office opens the next sentence)
        # "... will hurt Wales, the deputy climate minister has said. Ann Ode warned ..." (the office ends the one
        # before, the name opens the next)
        if not (is_bare_title(chunk) and all(labels[idx] in (*_TITLEISH, _CONNECT) for idx in chunk)
                and any(words[idx].casefold() in _STRONG_HEADS for idx in chunk) and chunk[-1] + 1 < n):
            return
        start, end = sentence_of(chunk[0])
        after = words[chunk[-1] + 1]
        if (full_names_in(start, end) or end >= n or labels[end] != _DOT or words[chunk[0] - 1] not in ("the", "The")
                or not (after in _SAID or after.endswith("ed"))):
            return
        name = lone_subject(*sentence_of(end + 1))  # the office's sentence first, the name's next
        if not name and chunk[0] - 1 == start and start > 1 and labels[start - 1] == _DOT:
            name = lone_subject(*sentence_of(start - 2))  # the name's sentence first, "The <office>" opening the next
        if name and words[name[-1]] not in titled_words:  # a name given an office of its own keeps it
            add(name, chunk[:_MAX_TITLE_TOKENS])
            titled_words.add(words[name[-1]])

    def office_in_brackets_before(chunk: list[int]) -> None:
        # "(Fed Chair) Ann Ode said", "one of (CBT Chairman) Ann Ode's aims": an editor's bracketed office before
        # a quoted name; "Chancellor of the Exchequer (Finance Minister) Ann Ode": the office before the gloss
        close = chunk[-1] + 1
        if not (is_bare_title(chunk) and labels[chunk[-1]] == _HEAD and chunk[0] > 0 and words[chunk[0] - 1] == "("
                and close < n and words[close] == ")" and close + 1 in starts):
            return
        name = chunks[starts[close + 1]]
        if not is_full_name(name):
            return
        glossed = chunks[ending[chunk[0] - 2]] if chunk[0] - 2 in ending else None
        if glossed and is_bare_title(glossed) and any(labels[idx] == _HEAD for idx in glossed):
            chunk = glossed
        add(name, chunk[:_MAX_TITLE_TOKENS])

    used_titles: set[int] = set()  # "Ali Khan - CEO AKD Securities, Tariq Adam - Director": Adam is no CEO
    for k, chunk in enumerate(chunks):
        listed_officials(k)
        name, region = _person(toks, chunk)
        if name and a_job(region):
            name = []
        if name:
            add(name, region)
            shared_office(name, region)
        elif is_bare_title(chunk) and (
            labels[chunk[-1]] in (_HEAD, _DESC)
            or (labels[chunk[-1]] == _ORG and (labels[chunk[0]] == _HEAD
                                               or any(words[idx].casefold() in ("of", "for") for idx in chunk)
                                               # "The Deputy Commissioner Karachi South, Ahmed Ali"
                                               or labels[next((idx for idx in chunk if labels[idx] != _DESC),
                                                              chunk[0])] == _HEAD))
            # "The chief executive of Ofgem, Jonathan Brearley": a body the gazetteer does not know
            or (labels[chunk[-1]] == _NAME and labels[chunk[0]] in (_HEAD, _DESC)
                and any(words[idx].casefold() in ("of", "for") for idx in chunk))
        ):
            # "Russian Foreign Minister, Sergei Lavrov, ...", "the Governor of the Bank of Greece, D. H.",
            # "Chairman LPG Distributors Association, Irfan Khokhar said"
            comma = chunk[-1] + 1
            if comma + 2 < n and words[comma] == "(" and words[comma + 2] == ")":
                comma += 3  # "the Chairman of the Federal Board of Revenue (FBR), Tariq Pasha,"
            nxt = chunk_at(comma + 1) if comma < n and words[comma] == "," else None
            title_heads = {words[idx].casefold() for idx in chunk if labels[idx] == _HEAD}
            while nxt and len(nxt) > 1 and (plain_honorific(nxt[0]) or words[nxt[0]] in _STYLES or (
                    labels[nxt[0]] == _HEAD and words[nxt[0]].casefold() in title_heads | _LEGISLATORS)):
                # "The president of the association, Dr Qaiser Sajjad,"; "The Chief Justice of Pakistan, Justice
                # Gulzar Ahmed," (the office said again before the name); "Managing Director PSO, Sheikh Ali Raza",
                # "The leader of Ridge Council, councillor Ann Ode" (a style or a seat after the office named)
                nxt = nxt[1:]
            # "Mexico's state oil company, Petroleos Mexicanos": a firm's name, not a person's
            firm = words[chunk[-1]] in _COMPANY_MARKERS
            # "a spokesman for Akron, Ohio-based Gencorp": a place and a firm, not a person
            placed = nxt and any(words[idx].endswith("-based") for idx in nxt)
            if nxt and is_full_name(nxt) and chunk[0] not in used_titles and not firm and not placed:
                # "a spokesman for Valero": a body the gazetteer does not know, with a company's office, is a firm
                unknown_firm = labels[chunk[-1]] == _NAME and any(
                    labels[idx] == _HEAD and words[idx].casefold() in _COMPANY_OFFICES for idx in chunk)
                add(nxt, chunk, fallback_kind="corporate" if unknown_firm else "")
        # "Lord Young, the Employment Minister": a peer's (or a sheikh's) style before a surname names a person
        styled = (not name and len(chunk) == 2 and words[chunk[0]] in _STYLES and labels[chunk[1]] == _NAME)
        paired = [] if name or styled or is_full_name(chunk) else name_after_and(chunk)
        if name or is_full_name(chunk) or styled or paired:
            # "Mr Hands, the energy minister": a surname after a courtesy title is a person's
            courtesy = styled or (bool(name) and all(plain_honorific(idx) for idx in region))
            name = name or paired or (chunk[1:] if styled else chunk)
            if sum(labels[idx] == _NAME for idx in name) < 2 and not courtesy:
                continue
            nxt = title_after_name(chunk)
            if nxt:
                nxt = body_past_of_the(firm_name_past_and(nxt))
            if not nxt:
                office_by_verb(name, chunk)
                from_delegation(name, chunk)
                if seat_after(chunk):
                    # "Daphne Ode MHK said": the seat is the only office given
                    seat = words[chunk[-1] + 1]
                    if (holder := add(name, [chunk[-1] + 1])) and seat in _SEATS_SPELT_OUT:
                        holder.title, holder.affiliation = _SEATS_SPELT_OUT[seat]
            described = described_body(nxt) if nxt and is_bare_title(nxt) else None
            if not described and nxt and len(nxt) > 3 and words[nxt[-2]] in ("of", "for") and is_bare_title(nxt):
                # "managing director of Dubai developer DAMAC Properties": the place was read into the office
                described = described_body(nxt[:-2])
                nxt = nxt[:-2] if described else nxt
            if not described and nxt and is_bare_title(nxt) and (inner := described_in_office(nxt)):
                nxt, *described = inner
            if described:
                # "Sarah Pike, chief executive of the charity Shelter": the body after what it is
                add(name, nxt[:_MAX_TITLE_TOKENS], *described)
                used_titles.add(nxt[0])
                continue
            unit = owned_unit(nxt) if nxt and is_bare_title(nxt) and not is_complete(nxt) else None
            if unit:
                # "Ken Ode, head of Acme Mining's gold division, said": the office is in the firm's unit
                region, end = unit
                owner = region[-1]
                # a body placed by its owner's name is what its lower-case words say ("trade unions council")
                named_by = region if toks.possessive[owner] else [*region, *range(owner + 1, end)]
                holder = add(name, region, kind_over=_kind_of_body(toks, named_by))
                if holder and holder.title.endswith(words[owner]):
                    mark = ("'" if words[owner].endswith("s") else "'s") if toks.possessive[owner] else ""
                    holder.title += mark + " " + " ".join(words[owner + 1:end])
                used_titles.add(nxt[0])
                continue
            remit = remit_at_body(nxt) if nxt and is_bare_title(nxt) and not is_complete(nxt) else None
            if remit:
                # "Ann Ode, director of policy and campaigns at Helpwise, said": the office's remit, then its body
                office, end, body = remit
                if holder := add(name, office, _words_of(toks, body), kind_over=_kind_of_body(toks, body)):
                    holder.title += " " + " ".join(words[office[-1] + 1:end])
                used_titles.add(nxt[0])
                continue
            if nxt and not is_complete(nxt):
                # "vice-president and regional manager": keep the office before the "and"
                cut = next((k for k, idx in enumerate(nxt) if words[idx] == "and" and labels[idx - 1] == _HEAD), 0)
                nxt = nxt[:cut] if cut else None
            if nxt and not is_bare_title(nxt):
                # "Antonio Pedone, economic adviser to Treasury Minister Giuliano Amato": the office before "to"
                cut = next((k for k, idx in enumerate(nxt) if words[idx] == "to" and k > 0
                            and words[nxt[k - 1]].casefold() in _ADVISERS), 0)
                nxt = nxt[:cut] if cut else None
            if nxt and unnamed_adviser(nxt):
                continue
            if nxt and is_bare_title(nxt):
                # "..., director of the Clean Air Wales lobby group": a private body, whatever its name holds
                private_body = bool(described_after(nxt) & _PRIVATE_DESCRIPTORS)
                add(name, nxt[:_MAX_TITLE_TOKENS], *affiliation_at(nxt), kind_over="corporate" if private_body else "")
                used_titles.add(nxt[0])
    for chunk in chunks:
        office_in_next_sentence(chunk)
    titled_words = {word for cand in out if cand.title for word in cand.name}
    for chunk in chunks:
        office_beside_a_lone_name(chunk)
        office_in_brackets_before(chunk)
    return out


# Words that may continue an office after its title run: "..., Head of Communication and Marketing Services
# for Nestlé Pakistan", "Director, Head of Equity Operations AKD Securities".
_OFFICE_CONTINUERS = {"and", "&", "of", "for", "at", "in", "the", ",", "-", "–"}
_CONTINUATION_TOKENS = 12


def _private_body_after(toks: _Tokens, at: int) -> str | None:
    """The private body an office written after a name goes on to before the clause ends, named after "for"
    or "at" ("... Marketing Services for Nestlé Pakistan" -> "Nestlé Pakistan"; "" when the body is not
    named that way); None when the rest of the office names no private body."""
    words, keys = toks.words, set()
    body: list[str] = []
    after_for = False
    for idx in range(at, min(at + _CONTINUATION_TOKENS, len(words))):
        word = words[idx]
        if not (word[0].isupper() or word in _OFFICE_CONTINUERS):
            break
        keys.add(word.casefold())
        keys |= _acronym_keys(toks, word)
        if word in ("for", "at"):
            body, after_for = [], True
        elif word == "in" and body:
            break  # "at BB&T Wealth Management in Birmingham": the city is where the firm is
        elif after_for and word[0].isupper():
            body.append(word)
    keys.discard("division")  # a division may be a ministry's ("Price Support Division") or a firm's
    return " ".join(body) if _private(keys) and not _public(keys) else None


# A body's word that names no body without its country ("EU Commission", "Pakistan Army")
_BARE_BODIES = _wordset("commission parliament council senate army navy government assembly cabinet court")
# Words of a country's central bank's name ("State Bank of Pakistan", "People's Bank of China"), unlike "World Bank".
_CENTRAL_BANK_WORDS = _wordset("central state reserve national federal people negara")
# Lower-case nouns by which an article refers back to a body it names elsewhere ("the central bank").
_GENERIC_BODIES = _wordset("bank ministry commission authority board court company corporation bureau agency")
# Nouns by which an article refers back to a body it has named ("the committee's", "of the exchange", a capitalised
# "Commission president"); "union" (the Soviet Union) and "board" (a company's board) are left out
_BACK_REFERENCES = (_GENERIC_BODIES - {"board"}) | _wordset(
    "committee subcommittee council association federation group exchange conference chamber institute society fund")
_BODY_SPAN = 6


def _body_named_elsewhere(toks: _Tokens, region: list[int]) -> str:
    """The body a generic noun in an office stands for ("central bank governor" -> "State Bank of Pakistan"),
    when the article names exactly one body of that kind; "central" or "state" must fit the named bank."""
    words = toks.words
    generic = [idx for idx in region if words[idx] in _GENERIC_BODIES]
    if len(generic) != 1:
        return ""
    noun = words[generic[0]]
    if noun == "bank" and any(words[idx] in _PUBLIC_BANK_WORDS for idx in region):
        noun = "public bank"
    if toks.bodies is None:
        toks.bodies = _named_bodies(toks)
    found = toks.bodies.get(noun, set())
    return next(iter(found)) if len(found) == 1 else ""


def _body_referred_back(toks: _Tokens, region: list[int], referred: str) -> str:
    """The body an office refers back to by a generic noun: "the committee's chief executive", "chairman of the
    exchange", or `referred`, the noun that was read as the whole affiliation ("Commission president"); the
    firm for "company" and "firm", else the one body of that kind the article names in capitals; "" when none."""
    words = toks.words
    noun = referred
    if not noun and toks.possessive[region[0]] and words[region[0]] not in _FIRMS:
        noun = words[region[0]]  # ("the company's chairman" is the nearest firm's, looked for before)
    elif not noun and len(region) > 3 and words[region[-3]] == "of" and words[region[-2]] == "the":
        noun = words[region[-1]]
    elif not noun and len(region) > 1 and toks.labels[region[1]] == _HEAD:
        noun = words[region[0]].casefold()  # "committee chairman", "exchange president", "Council leader"
        noun = "company" if noun == "group" else noun  # "group managing director": the company's group
    if noun in _FIRMS:
        return _subject_firm(toks)
    if not noun or noun not in _BACK_REFERENCES:
        return ""
    if toks.bodies is None:
        toks.bodies = _named_bodies(toks)
    found = toks.bodies.get(noun, set())
    return next(iter(found)) if len(found) == 1 else ""


_FIRMS = _wordset("company firm corporation")
# "the firm's chairman": lower-case nouns by which an article refers back to a company it has named.
_FIRM_REFERENCES = _wordset("firm company group conglomerate bank lender insurer carrier airline")
# Lower-case nouns that describe a company right before its name ("conglomerate Fosun International").
_TRADE_NOUNS = _FIRM_REFERENCES | _wordset(
    """brokerage dealer producer maker manufacturer retailer developer operator miner giant refiner exporter
    importer trader distributor subsidiary unit rival house""")
_FIRM_LOOKBACK = 200  # tokens: about the paragraph before


def _firm_referred_to(toks: _Tokens, at: int) -> str:
    """The company "the firm's" or "the company's" before an office at `at` stands for: the nearest company named
    before it, known by its legal form or a firm word ("Lucky Cement Ltd") or a trade noun before the name
    ("conglomerate Fosun International"); "" when there is none."""
    words = toks.words
    ref = at if toks.possessive[at] else at - 1
    while ref > 0 and at - ref < 3 and not toks.possessive[ref] and words[ref].isalpha() and words[ref].islower():
        ref -= 1  # "the firm's billionaire chairman"
    if ref < 1 or not toks.possessive[ref] or words[ref] not in _FIRM_REFERENCES:
        return ""
    return _nearest_firm(toks, ref)


def _its_owner(toks: _Tokens, at: int) -> str:
    """"Guinness says its former chairman", "The UAW said its vice president", "The Soviet Union supports ..., its
    ambassador": the owner of an office after "its" (up to two lower-case words before the office at `at`) is the
    company, acronym or country that opens the sentence; "" when the sentence opens with none ("Merrill Lynch
    said ... the SEC charge against its executive" names no firm the extractor knows)."""
    words, labels = toks.words, toks.labels
    its = at - 1
    while its >= 0 and at - its <= 2 and words[its].islower() and words[its] not in _CLAUSE_WORDS:
        its -= 1
    if its < 0 or words[its].casefold() != "its":
        return ""
    start = _sentence_start(toks, its)
    start += words[start] == "The"
    word, country = words[start], toks.country[start]
    if country and word.casefold() in country.casefold().split() and not toks.possessive[start]:
        return country  # "The Soviet Union supports ... its ambassador" (not "Norwegian oil company X")
    if (word.isupper() and len(word) > 1 and word.isalpha() and labels[start] == _ORG and not country
            and not (start + 1 < len(words) and words[start + 1][0].isupper())):
        return word  # "The UAW said its vice president" ("Hutton LBO is ..." is a firm's name)
    if toks.firms is None:
        toks.firms = _named_firms(toks)
    ends, names = toks.firms
    k = bisect.bisect_left(ends, start)
    # "Wilshire Oil Co, which holds a stake in Jacobs Engineering Group Inc, said its chairman": the first firm
    return names[k] if k < len(ends) and ends[k] < its and ends[k] + 1 - len(names[k].split()) == start else ""


def _subject_firm(toks: _Tokens) -> str:
    """The first company the story names after its headline, its subject ("Moulinex SA ... sold by Scovill Inc ...
    Jean Mantelet, president of the company"), or ""."""
    if toks.subject_firm is None:
        if toks.firms is None:
            toks.firms = _named_firms(toks)
        ends, names = toks.firms
        first = next((name for end, name in zip(ends, names, strict=True) if end > toks.headline_end and name), "")
        # none when the first is an association or a charity, or a legal form cut off its name ("A/S" -> "S")
        toks.subject_firm = "" if len(first) < 3 or {word.casefold() for word in first.split()} & _PRIVATE_BODIES \
            else first
    return toks.subject_firm


def _nearest_firm(toks: _Tokens, ref: int) -> str:
    """The nearest company named before token `ref` (within about a paragraph), or ""."""
    if toks.firms is None:
        toks.firms = _named_firms(toks)
    ends, names = toks.firms
    k = bisect.bisect_left(ends, ref) - 1
    return names[k] if k >= 0 and ref - ends[k] <= _FIRM_LOOKBACK else ""


# Offices any company has, which name no body of their own ("president", "vice president", "spokesman")
_COMPANY_CONTEXT_OFFICES = _COMPANY_OFFICES | _wordset("director treasurer counsel")
# Lower-case nouns by which a sentence speaks of a company ("the company said", "company officials")
_COMPANY_NOUNS = _wordset("company firm")
# Words before a head of state's office only ("the country's deposed President")
_DEPOSED = _wordset("deposed ousted overthrown exiled")
_CONTEXT_BACK = 80  # tokens: the sentence before the office's, at most
_CONTEXT_AHEAD = 40  # tokens: the rest of the office's sentence, at most


def _ends_sentence(toks: _Tokens, at: int) -> bool:
    """Does token `at` end a sentence: a blank line, or a full stop that is not a decimal point ("10.4 pct") nor
    inside a Reuters ticker ("<NPOL.T>")?"""
    words = toks.words
    if words[at][0] == "\n":
        return True
    if toks.labels[at] != _DOT or 0 < at < len(words) - 1 and words[at - 1][0].isdigit() and words[at + 1][0].isdigit():
        return False
    return not (at + 2 < len(words) and words[at + 2] == ">")


def _company_office_in_company_copy(toks: _Tokens, name: list[int], region: list[int]) -> bool:
    """Is an office that names no body ("president", "spokesman") a company's because its sentence, or the one
    before, names a company or speaks of "the company" ("Triton Energy Corp said president Thomas Goff
    resigned", "Swissair <SWSZ.Z> reported ... President Robert Staubli told")? Not a head of state named by
    surname alone ("President Reagan"), nor a "President" whose sentence names a country or a public body
    ("Brazil's state oil company Petrobras has ..., President Jose Sarney said")."""
    words, labels = toks.words, toks.labels
    heads = {words[idx].casefold() for idx in region if labels[idx] == _HEAD}
    if (len(name) < 2 or not heads or not heads <= _COMPANY_CONTEXT_OFFICES
            or any(words[idx] in _LABOUR or (idx > 0 and words[idx - 1] in _DEPOSED) for idx in region)):
        return False  # "Labour foreign affairs spokesman": a party's; "deposed President Marcos"
    first, last = min(name[0], region[0]), max(name[-1], region[-1])

    def sentence_start(at: int) -> int:
        while at > 0 and first - at < _CONTEXT_BACK and not _ends_sentence(toks, at - 1):
            at -= 1
        return at

    start = sentence_start(first)
    before = sentence_start(start - 1) if start > 0 else start
    end = last
    while end + 1 < len(words) and end - last < _CONTEXT_AHEAD and not _ends_sentence(toks, end + 1):
        end += 1
    if toks.firms is None:
        toks.firms = _named_firms(toks)
    ends, names = toks.firms
    # "President X" in a sentence that names a country or a public body is a head of state's style, and needs a
    # company named, not only spoken of
    styled_as_a_state = region[0] < name[0] and any(words[idx] == "President" for idx in region)
    if styled_as_a_state and any(toks.country[idx] or (words[idx][0].isupper() and _public({words[idx].casefold()}))
                                 for idx in range(start, end + 1)):
        return False
    k = bisect.bisect_left(ends, before)
    while k < len(ends) and ends[k] <= end and not names[k]:
        k += 1
    tickers = _ticker_names(toks)
    return (k < len(ends) and ends[k] <= end) or any(
        words[idx][0].isupper() and not toks.styled[idx] and words[idx].casefold() in tickers
        for idx in range(before, end + 1)) or not styled_as_a_state and any(
        words[idx] in _COMPANY_NOUNS for idx in range(before, end + 1))


def _ticker_names(toks: _Tokens) -> set[str]:
    """The words of the names a Reuters ticker follows, the headline's too ("CONRAC <CAX> EXPLORING ..." ->
    "conrac"), that no gazetteer knows ("U.S. OIL <USOC.O>" gives none): the firm's name wherever it is printed."""
    if toks.ticker_names is None:
        words, found = toks.words, set()
        for at in range(1, len(words) - 1):
            if words[at] == "<" and words[at + 1].isupper():
                k = at - 1
                while k >= 0 and at - k <= 4 and words[k][0].isalpha() and words[k][0].isupper():
                    key = words[k].casefold()
                    if not (key in _ORG_WORDS or key in _DESCRIPTORS or key in _COUNTRIES or key in _PLACES
                            or key in _STOPWORDS or _is_head(key)):
                        found.add(key)
                    k -= 1
        toks.ticker_names = found
    return toks.ticker_names


def _named_firms(toks: _Tokens) -> tuple[list[int], list[str]]:
    """(last token, name) of each company the text names, in order, in one pass: runs of capitalised words that
    hold a firm's word ("Valley Federal Savings and Loan Association", "Federal Co") or follow a trade noun
    ("conglomerate Fosun International"). A run that is only a legal form ("Cheung Kong (Holdings) Ltd" cut at
    the bracket) is kept with no name, so that a firm named before it is not taken for the nearest one."""
    words, labels = toks.words, toks.labels
    ends: list[int] = []
    names: list[str] = []

    def in_run(i: int) -> bool:
        return (words[i][0].isupper() and labels[i] in (_NAME, _ORG, _DESC, _INITIAL)) and not toks.styled[i]

    i, n = 0, len(words)
    while i < n:
        if not in_run(i):
            i += 1
            continue
        start = i
        while i + 1 < n and (in_run(i + 1) or (words[i + 1] in ("and", "&") and i + 2 < n and in_run(i + 2))):
            i += 1
        keys = {words[idx].casefold() for idx in range(start, i + 1)}
        described = start > 0 and words[start - 1] in _TRADE_NOUNS
        # "Swissair <SWSZ.Z>", "<Carical>": Reuters prints a firm's ticker after its name, or its name in brackets
        ticker = (i + 2 < n and words[i + 1] == "<" and words[i + 2].isupper()) or (
            start > 0 and words[start - 1] == "<" and not (start == i and words[i].isupper()))
        # a firm's words win over a public one ("Federal Co"); a trade noun only before a name with none
        if keys <= _COMPANY_MARKERS:
            ends.append(i)
            names.append("")
        elif not toks.country[i] and (_private(keys) or ticker or (described and not _public(keys))):
            ends.append(i)
            names.append(" ".join(words[start:i + 1]))
        i += 1
    return ends, names


def _named_bodies(toks: _Tokens) -> dict[str, set[str]]:
    """Generic noun -> the capitalised bodies of that kind in the text (two at most: one is all that is used):
    "Bank" with the capitalised words before it and an "of <Place>" after it ("State Bank of Pakistan",
    "Election Commission of Pakistan"); "public bank" holds the central, state and "Bank of <Place>" ones."""
    words, labels = toks.words, toks.labels
    bodies: dict[str, set[str]] = {}

    def note(key: str, body: str) -> None:
        seen = bodies.setdefault(key, set())
        if len(seen) < 2:
            seen.add(body)

    for i, word in enumerate(words):
        noun = word.casefold()
        if noun not in _GENERIC_BODIES and noun not in _BACK_REFERENCES or not word[0].isupper() or toks.styled[i]:
            continue
        start = i
        # "Japan Chamber of Commerce": a country's own name opens a body's name ("Swiss" before "Banking Commission"
        # is the country's adjective)
        while (start > max(0, i - _BODY_SPAN) and words[start - 1][0].isupper()
               and labels[start - 1] in (_NAME, _ORG, _DESC) and (
                   not toks.country[start - 1] or (
                       words[start - 1].casefold() in toks.country[start - 1].casefold().split()
                       and not toks.possessive[start - 1]))):
            start -= 1
        end = i + 1
        if end + 1 < len(words) and words[end] == "of" and words[end + 1][0].isupper() and labels[end + 1] != _BREAK:
            end += 2
            # "National Association of Securities Dealers", "Chamber of Commerce and Industry": the rest of the name
            while end < len(words) and end - i < 2 * _BODY_SPAN and (
                    (words[end][0].isupper() and labels[end] in (_NAME, _ORG, _DESC))
                    or (words[end] in ("and", "&") and end + 1 < len(words) and words[end + 1][0].isupper()
                        and labels[end + 1] in (_NAME, _ORG, _DESC))):
                end += 1
        if end - start > 1:
            body = words[start:end]
            note(noun, " ".join(body))
            # "State Bank of Pakistan", "Bank of Spain"; not "International Commercial Bank of China"
            if noun == "bank" and ({word.casefold() for word in body} & _CENTRAL_BANK_WORDS or start == i):
                note("public bank", " ".join(body))
    return bodies


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
    """Can two names with one surname be one person? "Ishaq Dar" is "Mohammad Ishaq Dar", "R. Verma" "Raj Verma"."""
    if len(a) == 1 or len(b) == 1:
        return True
    x, y = _fold(a[0]).rstrip("."), _fold(b[0]).rstrip(".")
    if x == y or (min(len(x), len(y)) == 1 and x[0] == y[0]):
        return True
    return x in {_fold(w) for w in b[1:-1]} or y in {_fold(w) for w in a[1:-1]}


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
        if cand.title and (not person.title or (person.title in _STYLES and cand.title not in _STYLES)):
            # "Sheikh Ali Raza, managing director of ...": a style is the title only when no office is named
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


def _without_given_names(people: list[_Person]) -> list[_Person]:
    """"PM Nawaz" after "Prime Minister Nawaz Sharif" is no second person: a lone name that is someone's
    given name goes."""
    given = {_fold(word) for person in people if len(person.name) > 1 for word in person.name[:-1]}
    return [person for person in people if len(person.name) > 1 or _fold(person.name[0]) not in given]


def extract_officials(text: str) -> list[Official]:
    """Named office holders in `text` (headline + blank line + body), in order of first appearance."""
    if not text:
        return []
    toks = _tokenise(text)
    people = _without_given_names([p for p in _merge(_candidates(toks, _chunks(toks))) if p.title])
    _count_mentions(toks, people)
    people.sort(key=lambda p: min(p.first, p.first_seen) if p.first_seen >= 0 else p.first)
    return [
        Official(" ".join(p.name), p.title, p.affiliation, max(p.mentions, 1), p.kind)
        for p in people
    ]
