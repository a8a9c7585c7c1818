"""Words, keys and the learnt lexicon the aligner relies on."""

import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from iwo_tm.language.lexicon import Lexicon, content_words, learn, learn_words
from iwo_tm.language.tokens import _WORD, words


def test_words_keep_inner_apostrophes_and_hyphens_but_not_trailing_ones():
    assert words("rock'n'roll, Indige- nous") == ["rock'n'roll", "Indige", "nous"]
    assert words("’hola’ -- «FMI»") == ["hola", "FMI"]
    assert words("x_y ab12cd") == ["x", "y", "ab", "12", "cd"]


def test_words_read_numbers_with_separators_and_ordinals():
    assert words("el 1.000,5 y the 3rd, 9 de enero") == [
        "el",
        "1.000,5",
        "y",
        "the",
        "3rd",
        "9",
        "de",
        "enero",
    ]


def test_decomposed_accents_are_read_as_one_word():
    decomposed = "cafe\u0301s y n\u0303andu\u0301"
    assert words(decomposed) == ["cafés", "y", "ñandú"]


# letters, digits, the marks around words, apostrophes, hyphens, spaces of every kind, and a
# combining accent, densely enough that hypothesis builds every kind of chunk
_TEXT = st.text(
    st.sampled_from(list("aZñÉ1905.,;:!?¡¿()\"«»“”‘’'-_ \u00a0\t\n\u0301²")) | st.characters(),
    max_size=40,
)


@settings(max_examples=500, deadline=None)
@given(_TEXT)
def test_words_reads_each_chunk_as_the_expression_reads_the_whole_text(text):
    assert words(text) == _WORD.findall(unicodedata.normalize("NFC", text))


def test_content_words_drop_function_words_but_keep_numbers():
    assert content_words("La sangre de 2023 y los 9 mártires", "es") == (
        "sangre",
        "2023",
        "9",
        "mártires",
    )


def test_learning_from_words_equals_learning_from_texts():
    pairs = [
        ("Las masas de Puno", "The masses of Puno"),
        ("Las masas en Lima", "The masses in Lima"),
    ] * 2
    from_texts = learn(pairs)
    from_words = learn_words((content_words(e, "es"), content_words(f, "en")) for e, f in pairs)
    assert from_texts.entries == from_words.entries
    assert "masse" in from_texts.entries["maso"]  # masas -> one form; masses -> its 5-letter key


def test_a_merged_lexicon_never_changes_the_one_it_came_from():
    base = Lexicon({"masa": {"dough"}})
    merged = base.merged(Lexicon({"masa": {"masse"}}))
    merged.add("masa", ["crowd"])
    assert base.entries == {"masa": {"dough"}}
    assert merged.entries["masa"] == {"dough", "masse", "crowd"}
    assert merged.unknown(["masas", "xyzzy"]) == ["xyzzy"]
    assert Lexicon().unknown(["masas"]) == ["masas"]


def test_a_feminine_form_has_the_senses_of_its_masculine_when_they_agree_on_one():
    lex = Lexicon(
        {
            "obrera": {"femal", "labou"},
            "obrero": {"labou", "worke"},
            "puerta": {"door"},
            "puerto": {"port"},
        }
    )
    assert {"femal", "labou", "worke"} <= lex.keys("obreras")
    assert {"femal", "labou", "worke"} <= lex.keys("Obrera")
    assert "port" not in lex.keys("puerta")  # door and port: two words, not two forms
    assert "femal" not in lex.keys("obreros")
