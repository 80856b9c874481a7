from ninja import Schema

from kopir.core.i18n import LANGS, TranslatedValue


class Translated(Schema):
    kk: str = ""
    ru: str = ""
    en: str = ""


def tr(value: TranslatedValue) -> dict:
    return {lang: value.get(lang) for lang in LANGS}
