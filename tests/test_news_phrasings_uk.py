"""The language of Ukrainian news, one phrasing per test: what the importer proposes for each.

The sentences are our own, written the way Ukrainian outlets and official releases write.
"""

import pytest

from agreements.importing.dates import find_dates
from agreements.importing.extract import extract
from agreements.importing.gazetteer import countries_in
from agreements.importing.text import clean
from agreements.importing.ukrainian import people_in, place_in, term_years
from agreements.partial_dates import PartialDate

FRIDAY = PartialDate(2024, 2, 16)


def facts(text, published=FRIDAY, kinds=("agreement",), date_note=""):
    article = clean(text)
    proposals, _ = extract(article.text, published, date_note, article.title)
    return [(p.kind, p.values) for p in proposals if p.kind in kinds]


def agreements(text, published=FRIDAY):
    return sorted(
        (v["partner"], v["status"], v.get("signed_on", "")) for _, v in facts(text, published)
    )


def signers(text):
    return sorted((v["partner"], v["name"]) for _, v in facts(text, kinds=("signer",)))


# --- people ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Прем'єр-міністр Нідерландів Марк Рютте прибув до Харкова.",
         [("Mark Rutte", "Прем'єр-міністр Нідерландів", "NL")]),
        ("Президент зустрівся з міністром оборони Рустемом Умєровим.",
         [("Rustem Umierov", "міністром оборони", "")]),
        ("Переговори провів Ігор Жовква, заступник керівника ОП.",
         [("Ihor Zhovkva", "заступник керівника ОП", "UA")]),
        ("Слово мав японський прем'єр Фуміо Кісіда.",
         [("Fumio Kishida", "японський прем'єр", "JP")]),
        ("Делегацію очолив заступник керівника Офісу Президента Андрій Єрмак.",
         [("Andrii Yermak", "заступник керівника Офісу Президента", "UA")]),
    ],
)  # fmt: skip
def test_people_with_a_title_in_any_case_in_the_tracker_spelling(sentence, expected):
    assert [(p.name, p.role, p.side) for p in people_in(sentence)] == expected


def test_a_plural_title_gives_each_holder_the_state_in_the_same_place():
    sentence = "Президенти України та Фінляндії Володимир Зеленський і Олександр Стубб зустрілися."
    assert [(p.name, p.side) for p in people_in(sentence)] == [
        ("Volodymyr Zelenskyy", "UA"),
        ("Alexander Stubb", "FI"),
    ]


def test_a_second_holder_of_the_same_title_of_another_state():
    sentence = "Президенти України Володимир Зеленський та Латвії Едгарс Рінкевичс підписали угоду."
    assert [(p.name, p.side) for p in people_in(sentence)] == [
        ("Volodymyr Zelenskyy", "UA"),
        ("Edgars Rinkēvičs", "LV"),
    ]


# --- signings ----------------------------------------------------------------------------------


def test_signatures_put_under_the_agreement_after_the_noun_are_a_signing_with_its_signers():
    text = (
        "Підписи під угодою про співробітництво у сфері безпеки поставили у Львові глава держави "
        "Володимир Зеленський і очільниця данського уряду Метте Фредеріксен - це сталося сьогодні."
    )
    assert agreements(text) == [("DK", "signed", "2024-02-16")]
    assert signers(text) == [("DK", "Mette Frederiksen"), ("DK", "Volodymyr Zelenskyy")]
    assert facts(text, kinds=("place",)) == [("place", {"partner": "DK", "place": "Lviv"})]


def test_who_reports_a_signing_is_not_its_signer():
    text = (
        "Україна та Данія уклали угоду про безпеку\n\n"
        "Як написав заступник керівника ОП Ігор Жовква, угоду з Данією підписали сьогодні.\n"
    )
    assert signers(text) == []


@pytest.mark.parametrize(
    "text",
    [
        "Зеленський і Байден планують підписати безпекову угоду між Україною та США.",
        "Безпекову угоду між Україною та США підпишуть у червні.",
        "Україна та США мають поставити підписи під безпековою угодою найближчим часом.",
    ],
)
def test_a_signing_to_come_is_negotiating_never_signed(text):
    assert {status for _, status, _ in agreements(text)} <= {"negotiating"}


def test_a_state_in_the_locative_is_where_a_signing_will_be_not_a_partner():
    text = (
        "Угоду з США підпишуть до саміту\n\n"
        "Безпекову угоду між Україною та США, як очікується, підпишуть в Італії.\n"
    )
    assert agreements(text) == [("US", "negotiating", "")]


def test_an_undated_signing_in_a_dated_news_item_takes_its_date_with_a_note():
    text = (
        "Україна та Польща уклали безпекову угоду\n\n"
        "08.07.2024 13:05\n\n"
        "Прем'єр-міністр Польщі Дональд Туск і Володимир Зеленський підписали безпекову угоду.\n"
    )
    article = clean(text)
    proposals, _ = extract(article.text, article.published, article.date_note, article.title)
    dated = [p for p in proposals if p.kind == "agreement" and "signed_on" in p.values]
    assert [(p.values["partner"], p.values["signed_on"]) for p in dated] == [("PL", "2024-07-08")]
    assert dated[0].note.startswith("Not dated in the text")


def test_a_tally_of_agreements_with_its_partners_lists_them_as_signed():
    text = (
        "Нагадаємо, Україна має вже три двосторонні безпекові угоди: із Великою Британією, "
        "Німеччиною та Францією."
    )
    assert agreements(text) == [("DE", "signed", ""), ("FR", "signed", ""), ("GB", "signed", "")]


# --- places, terms, pledges ----------------------------------------------------------------------


@pytest.mark.parametrize(
    "sentence, place",
    [
        ("Угоду підписали в Лондоні.", "London"),  # CLDR's city, in the locative
        ("Угоду підписали у Львові.", "Lviv"),  # an oblast centre, by ISO 3166-2
        ("Угоду підписали в Одесі.", "Odesa"),
        ("Угоду підписали у Вашингтоні.", "Washington"),  # a capital CLDR does not list
        ("Угоду підписали в Осло.", "Oslo"),  # not declined
        ("Рютте прибув до Харкова, де лідери уклали угоду.", "Kharkiv"),
        ("Про це повідомили в Офісі президента.", ""),
        ("Зеленський вирушив до Вашингтона.", ""),
    ],
)
def test_the_place_of_an_event_in_any_case(sentence, place):
    assert place_in(sentence) == place


@pytest.mark.parametrize(
    "sentence",
    [
        "Угоду укладено строком на десять років.",
        "Документ закріплює співпрацю на 10 років.",
        "Підтримка триватиме впродовж усіх десяти років, на які укладено угоду.",
        "Латвія бере на себе 10-річні зобов'язання.",
        "Це десятирічна угода.",
    ],
)
def test_a_term_in_words_or_figures_in_any_case(sentence):
    assert term_years(sentence) == 10


@pytest.mark.parametrize(
    "sentence, amount, currency",
    [
        ("Документ фіксує допомогу від Німеччини на цей рік в обсязі понад 7 млрд євро.",
         "7000000000", "EUR"),
        ("За угодою Канада спрямує Україні 3 мільярди канадських доларів.",
         "3000000000", "CAD"),
        ("Цього року військова підтримка Латвії становитиме близько €112 млн.",
         "112000000", "EUR"),
    ],
)  # fmt: skip
def test_a_pledge_under_the_agreement(sentence, amount, currency):
    text = f"Україна та Німеччина уклали безпекову угоду в п'ятницю.\n\n{sentence}\n"
    pledges = [(v["amount"], v["currency"]) for _, v in facts(text, kinds=("pledge",))]
    assert pledges == [(amount, currency)]


def test_aid_already_received_is_not_a_pledge():
    text = (
        "Україна та Фінляндія уклали безпекову угоду в середу.\n\n"
        "Цього року Україна вже отримала від Фінляндії 400 мільйонів євро військової допомоги.\n"
    )
    assert facts(text, kinds=("pledge",)) == []


# --- rounds, leads, talks ----------------------------------------------------------------------


def test_another_round_of_consultations_has_no_number():
    text = "Україна та Греція провели черговий раунд консультацій 5 березня 2024 року."
    rounds = [v for _, v in facts(text, kinds=("round",)) if not v.get("is_implied")]
    assert [(r["partner"], r.get("number"), r["date"]) for r in rounds] == [
        ("GR", None, "2024-03-05")
    ]


def test_a_plan_of_the_next_rounds_is_no_round():
    text = "Україна та Франція погодили план наступних раундів переговорів."
    assert facts(text, kinds=("round",)) == []


def test_a_round_reported_by_the_headline_with_the_lead_the_body_names():
    text = (
        "Безпекова угода з Польщею: пройшов фінальний раунд переговорів\n\n"
        "Угоду підпишуть найближчим часом.\n\n"
        "Україну на переговорах представляли Ігор Жовква та Роман Машовець.\n"
    )
    rounds = [v for _, v in facts(text, kinds=("round",))]
    assert rounds == [{"partner": "PL", "is_implied": False, "ukrainian_lead": "Ihor Zhovkva"}]


@pytest.mark.parametrize(
    "sentence, date",
    [
        ("Переговори з Канадою розпочалися у серпні 2023 року.", "2023-08"),
        ("Перемовини з нідерландською стороною тривають із жовтня 2023 року.", "2023-10"),
        ("Переговори з США про угоду стартували в четвер.", "2024-02-15"),
    ],
)
def test_the_start_of_talks_at_the_precision_the_text_gives(sentence, date):
    starts = [v.get("date") for _, v in facts(sentence, kinds=("start",))]
    assert starts == [date]


def test_talks_that_open_with_a_first_round_start_on_its_date():
    text = (
        "Україна розпочала переговори з Францією про гарантії безпеки\n\n"
        "У четвер українська делегація провела з Францією перший раунд переговорів.\n"
    )
    assert facts(text, kinds=("start",)) == [("start", {"partner": "FR", "date": "2024-02-15"})]


@pytest.mark.parametrize(
    "sentence, expected",
    [
        ("Водночас близькі до завершення й переговори Києва з Німеччиною та Францією.",
         [("DE", "negotiating", ""), ("FR", "negotiating", "")]),
        ("Україна веде такі переговори з 3 державами: США, Японією, а також з ЄС.",
         [("EU", "negotiating", ""), ("JP", "negotiating", ""), ("US", "negotiating", "")]),
    ],
)  # fmt: skip
def test_partners_named_as_in_talks(sentence, expected):
    assert agreements(sentence) == expected


# --- dates, names, page furniture --------------------------------------------------------------


@pytest.mark.parametrize(
    "text, expected",
    [
        ("19-03-2024 19:01", "2024-03-19"),
        ("сьогоднішню зустріч провів Жовква", "2024-02-16"),
        ("8 січня", "2024-01-08"),
        ("у серпні 2023 року", "2023-08"),
    ],
)
def test_dates_as_ukrainian_pages_write_them(text, expected):
    assert [found.date.iso for found in find_dates(text, FRIDAY)] == [expected]


def test_a_word_that_only_begins_like_a_country_is_none():
    assert countries_in("Перший раунд переговорів провели в Перу.") == ["PE"]


def test_the_furniture_of_a_ukrainian_news_page_is_left_out():
    text = (
        "$ 41.85   € 43.64   zł 10.22\n0° Київ   +1° Варшава\n\n"
        "Головна » Політика\n\n"
        "Україна та Данія уклали безпекову угоду\n\n"
        "2 хв читати\n\n"
        "Україна та Данія уклали угоду про співробітництво у сфері безпеки.\n\n"
        "Раніше нас підтримували грантодавці. Тепер нашу незалежність збереже ваша підтримка.\n"
        "Підтримати\n\n"
        "Читайте також:\nПогода на вихідні: де очікується сніг\nКурс долара на 17 лютого\n\n"
        "Підписуйтесь на наш Telegram-канал\n"
    )
    article = clean(text)
    assert article.title == "Україна та Данія уклали безпекову угоду"
    assert article.text == (
        "Україна та Данія уклали безпекову угоду\n\n"
        "Україна та Данія уклали угоду про співробітництво у сфері безпеки.\n"
    )
