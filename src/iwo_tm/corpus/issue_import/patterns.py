"""The publication's own lines, per language: mastheads, page furniture, page jumps, dates,
sections and signatures. Everything that knows how the paper is laid out lives here, so the
passes that rebuild articles read the same for both editions."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ...language.lexicon import STOP

__all__ = ["PATTERNS", "Patterns", "patterns_for"]


@dataclass(frozen=True)
class Patterns:
    """How one edition of the paper writes what is not an article's text."""

    lang: str
    months: tuple[str, ...]
    date_line: re.Pattern[str]  # a line that is only a date: an article's or the issue's
    date_any: re.Pattern[str]  # a date inside a line
    jump_in: re.Pattern[str]  # "Continued from page 3"
    jump_out: re.Pattern[str]  # "Continued on page 12"
    furniture: tuple[re.Pattern[str], ...]
    number: re.Pattern[str]  # the issue number in the masthead
    index_heading: re.Pattern[str]  # the heading of the table of contents
    sections: dict[str, str]  # section name -> what names it in a text
    keep_hyphen: frozenset[str]  # prefixes whose line-end hyphen is a real one
    function_words: frozenset[str]  # a line ending in one continues after a break
    signature: re.Pattern[str]
    signature_weak: re.Pattern[str]

    def is_furniture(self, plain: str) -> bool:
        return any(f.search(plain) for f in self.furniture)

    def is_signature(self, plain: str) -> bool:
        """A by-line or signature: "(LSTI of Peru, adherent to the FLTI)", "Editorial Board"."""
        if len(plain) >= 100:
            # a list of signatories ("LSTI de Perú, Democracia Obrera de Argentina, ...")
            return (
                plain.count(",") >= 3
                and not plain.endswith(".")
                and bool(self.signature.search(plain))
            )
        return (
            plain.startswith("(")
            or bool(self.signature.search(plain))
            or (bool(self.signature_weak.search(plain)) and "," not in plain)
        )

    def is_dateline(self, plain: str) -> bool:
        """A month and year heading a short line ("February 2023 / Presentation of the book"):
        the dateline of the article that follows, not the end of the one before."""
        first = re.match(r"^([^\W\d]+)(?: de)? (\d{4})\b", plain)
        return (
            first is not None
            and first[1].lower() in {m.lower() for m in self.months}
            and len(plain) <= 80
        )

    def month(self, name: str) -> int:
        """The month's number from its name, as the edition writes it (any case)."""
        name = {"setiembre": "septiembre"}.get(name.lower(), name.lower())
        return [m.lower() for m in self.months].index(name) + 1


_EN_MONTHS = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
]
_EN_MONTH = "|".join(_EN_MONTHS)

# lines of the publication and its publisher that appear in both editions
_SHARED_FURNITURE = (
    r"^/?e-mail:",
    r"^n[°º] ?\d+$",
    r"^#\s*\d+$",
    r"^ediciones\b.*klement",
    r"^r\.? ?klement$",
    r"^nueva [ée]poca$",
    r"^editorial socialista rudolph klement$",
    r"^editorialrudolphklement$",
    r"^(?:https?://|www\.)\S+$",
    r"^https?://t\.me/\S+$",
    r"^→$",
)

ENGLISH = Patterns(
    lang="en",
    months=tuple(_EN_MONTHS),
    date_line=re.compile(
        rf"^(?:[A-Z][a-z]+, )?(?P<m>{_EN_MONTH}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? "
        rf"(?P<y>\d{{4}})\.?$"
    ),
    date_any=re.compile(
        rf"\b(?P<m>{_EN_MONTH}) (?P<d>\d{{1,2}})(?:st|nd|rd|th)?,? (?P<y>\d{{4}})\b"
    ),
    jump_in=re.compile(r"^(?:→\s*)?Continued from (?:page\.?\s*\d+|back\s*page)", re.I),
    jump_out=re.compile(r"(?:Continued on page\.?\s*\d+|See in page\.?\s*\d+)\s*→?$", re.I),
    furniture=tuple(
        re.compile(p, re.I)
        for p in _SHARED_FURNITURE
        + (
            r"^(?:follow us on\b.*|or)$",
            r"^(?:solidarity )?price\b",
            r"^new epoch$",
            r"^the international workers'? organizer$",
            r"^international workers'? organizer$",
            r"^(?:international leninist trotskyist fraction|collective for the refoundation "
            r"of the fourth international)\b.*(?:fraction|international)\b",
            r"^see (?:back cover|full statement|articles of this chronicle|more solidarity|"
            r"video|other publications|all (?:the )?(?:international demonstrations|videos)|"
            r"the message|the interviews)\b",
            r"^read this article on\b",
            r"^see\b.*\bon page\b",
            r"^subscribe to our telegram channel$",
            r"^facebook post of\b",
            r"\bsupplement$",
        )
    ),
    number=re.compile(r"^(?:N[°º]|#)\s*(\d+)$"),
    index_heading=re.compile(r"^INDEX$", re.I),
    sections={
        "Peru": r"\bPer[uú]\b|\bPeruvian",
        "Brazil": r"\bBra[sz]il\b|\bBrazilian",
        "France": r"\bFrance\b|\bFrench\b",
        "United States": r"\bUnited States\b|\bBlack lives\b",
        "Palestine": r"\bPalestin\w*|\bGaza\b",
        "Yemen": r"\bYemen\w*",
        "Italy": r"\bItal(?:y|ian)\b",
        "Japan": r"\bJapan\w*",
        "Ukraine": r"\bUkrain\w*|\bUCRANIA\b",
    },
    keep_hyphen=frozenset(
        [
            "pro",
            "anti",
            "ex",
            "self",
            "non",
            "counter",
            "semi",
            "neo",
            "post",
            "pre",
            "inter",
            "multi",
            "socio",
        ]
    ),
    function_words=STOP["en"],
    signature=re.compile(
        r"\b(?:FLTI|LSTI|Correspondent|Editorial Board|Secretariat|adherent|member of)\b", re.I
    ),
    signature_weak=re.compile(r"\b(?:League|Liga|Committee|Board|Faction|Collective)\b", re.I),
)

_ES_MONTHS = [
    *("enero", "febrero", "marzo", "abril", "mayo", "junio"),
    *("julio", "agosto", "septiembre", "octubre", "noviembre", "diciembre"),
]
_ES_MONTH = "|".join(_ES_MONTHS) + "|setiembre"
_ES_PAGE = r"p[áa]g(?:ina|\.)?\s*\d+"

SPANISH = Patterns(
    lang="es",
    months=tuple(_ES_MONTHS),
    date_line=re.compile(
        rf"^(?:[^\W\d]+,? )?(?P<d>\d{{1,2}})º? de (?P<m>{_ES_MONTH}),? (?:de(?:l)? )?"
        rf"(?P<y>\d{{4}})\.?$",
        re.I,
    ),
    date_any=re.compile(
        rf"\b(?P<d>\d{{1,2}})º? de (?P<m>{_ES_MONTH}),? (?:de(?:l)? )?(?P<y>\d{{4}})\b", re.I
    ),
    jump_in=re.compile(
        rf"^(?:→\s*)?(?:Viene de (?:la )?(?:{_ES_PAGE}|contratapa)|Continuación de (?:la )?"
        rf"{_ES_PAGE})",
        re.I,
    ),
    jump_out=re.compile(
        rf"(?:Contin[úu]a en (?:la )?(?:{_ES_PAGE}|contratapa)|Sigue en (?:la )?{_ES_PAGE}|"
        rf"Ver en (?:la )?{_ES_PAGE})\s*→?$",
        re.I,
    ),
    furniture=tuple(
        re.compile(p, re.I)
        for p in _SHARED_FURNITURE
        + (
            r"^(?:s[íi]guenos en\b.*|o)$",
            r"^(?:precio|precio solidario|bono solidario)\b",
            r"^n[°º] ?\d+\s*[•·|-]\s*p[áa]gina\s*\d+$",
            r"^p[áa]gina\s*\d+$",
            r"^(?:el )?organizador obrero internacional$",
            r"^(?:fracci[óo]n leninista trotskista internacional|colectivo por la refundaci[óo]n "
            r"de la iv internacional|colectivo por la refundaci[óo]n de la cuarta internacional)"
            r"\b.*(?:internacional)\b",
            r"^ver (?:contratapa|declaraci[óo]n completa|m[áa]s|video|todos los videos|"
            r"otras publicaciones|el mensaje|las entrevistas)\b",
            r"^lea este art[íi]culo en\b",
            r"^ver\b.*\ben (?:la )?p[áa]gina\b",
            r"^suscr[íi]bete a nuestro canal de telegram$",
            r"\bsuplemento$",
        )
    ),
    number=re.compile(r"^(?:N[°º]|#)\s*(\d+)$"),
    index_heading=re.compile(r"^[ÍI]NDICE$", re.I),
    sections={
        "Perú": r"\bPer[uú]\b|\bperuan[oa]s?\b",
        "Brasil": r"\bBra[sz]il\b|\bbrasileñ[oa]s?\b",
        "Francia": r"\bFrancia\b|\bfranc[ée]s[ae]?s?\b",
        "Estados Unidos": r"\bEstados Unidos\b|\bEE\.? ?UU\b",
        "Palestina": r"\bPalestin\w*|\bGaza\b",
        "Yemen": r"\bYemen\w*",
        "Italia": r"\bItalia\b|\bitalian[oa]s?\b",
        "Japón": r"\bJap[óo]n\b|\bjapones[ae]?s?\b",
        "Ucrania": r"\bUcrania\w*",
    },
    # Spanish writes prefixes solid ("antiimperialista"); a kept hyphen joins two words
    # ("político-militar"), which the repair pass tells by the issue's own vocabulary
    keep_hyphen=frozenset(),
    function_words=STOP["es"],
    signature=re.compile(
        r"\b(?:FLTI|LSTI|Corresponsal|Comit[ée] de Redacci[óo]n|Secretariado|adherente|"
        r"miembro de)\b",
        re.I,
    ),
    signature_weak=re.compile(r"\b(?:Liga|Comit[ée]|Fracci[óo]n|Colectivo|Consejo)\b", re.I),
)

PATTERNS: dict[str, Patterns] = {"en": ENGLISH, "es": SPANISH}


def patterns_for(lang: str) -> Patterns:
    """The edition's patterns; a language the paper is not converted in is the caller's error."""
    return PATTERNS[lang]
