"""The translation catalogues: compiled without GNU gettext, and checked for gaps.

Django's `compilemessages` needs `msgfmt` (GNU gettext), which a fresh machine may lack; Babel
reads and writes the same .po and .mo files in pure Python, so `make run` and the tests need
nothing installed beyond the project's dependencies. `makemessages` (which does need gettext)
is only for developers and CI, to extract new strings.
"""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings


def catalogue_paths():
    """Every django.po under the project's locale folders."""
    return sorted(
        path for folder in settings.LOCALE_PATHS for path in Path(folder).glob("*/LC_MESSAGES/*.po")
    )


def read_catalogue(path):
    with open(path, "rb") as po:
        return read_po(po, abort_invalid=True)


def compile_catalogues():
    """Write each .mo beside its .po when the .po is newer; returns the paths written."""
    written = []
    for po_path in catalogue_paths():
        mo_path = po_path.with_suffix(".mo")
        if mo_path.exists() and mo_path.stat().st_mtime >= po_path.stat().st_mtime:
            continue
        catalogue = read_catalogue(po_path)
        with open(mo_path, "wb") as mo:
            write_mo(mo, catalogue)
        written.append(mo_path)
    return written


def gaps(path):
    """[(msgid, what is wrong)] for every entry of a catalogue that is not a usable translation:
    empty, fuzzy (a guess by msgmerge that no one checked), or a plural form left empty."""
    found = []
    for message in read_catalogue(path):
        if not message.id:
            continue  # the header
        msgid = message.id[0] if isinstance(message.id, tuple) else message.id
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            found.append((msgid, "fuzzy"))
        elif not all(strings):
            found.append((msgid, "untranslated"))
    return found
