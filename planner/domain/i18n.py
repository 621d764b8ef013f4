"""One message catalogue for text the core writes: exports, CLI reports, map labels.

The Qt window translates its own widgets (resources/translations/planner_it.ts); text
that leaves the core — PDF and CSV labels, the CLI's itinerary, the map's legend and
popup labels, the planner's explanations — is looked up here, in a gettext catalogue
per language (resources/translations/core_<lang>.po, read with Babel).

Messages are English source strings with named placeholders: `gettext("{n} visits",
"it", n=3)`. `N_` marks a string for the catalogue where it is defined and translated
later; tests/domain/test_i18n.py fails when a marked string has no translation.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from planner.resources import resource_path

LANGUAGES = ("en", "it")


def N_(message: str) -> str:
    """Mark `message` for the catalogue; it is translated where it is shown."""
    return message


@lru_cache(maxsize=8)
def catalogue(language: str) -> dict[str, str]:
    """English source -> translation for `language` ({} for English or unknown)."""
    path = resource_path("translations", f"core_{language}.po")
    if language == "en" or not path.exists():
        return {}
    from babel.messages.pofile import read_po  # only when a translation is wanted

    with path.open("rb") as handle:
        po = read_po(handle, locale=language)
    return {
        str(m.id): str(m.string)
        for m in po
        if m.id and isinstance(m.id, str) and m.string and not m.fuzzy
    }


def language_of(locale: str | None) -> str:
    """`it_IT` → `it`; anything without a catalogue reads English."""
    code = (locale or "en").replace("-", "_").split("_")[0].lower()
    return code if code in LANGUAGES else "en"


def gettext(message: str, locale: str | None = None, /, **values: Any) -> str:
    """`message` in the locale's language, its `{placeholders}` filled from `values`."""
    text = catalogue(language_of(locale)).get(message, message)
    return text.format(**values) if values else text


class Translator:
    """`gettext` bound to one locale: `t = Translator("it"); t("Week of {day}", day=...)`."""

    def __init__(self, locale: str | None) -> None:
        self.locale = locale
        self.language = language_of(locale)

    def __call__(self, message: str, /, **values: Any) -> str:
        return gettext(message, self.language, **values)
