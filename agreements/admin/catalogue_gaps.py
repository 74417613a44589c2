"""Strings of Django's admin and of django-axes that their own Ukrainian catalogues do not
translate (Django 5.2: the index's hidden table headings and three sentences; django-axes 8 has
no Ukrainian at all): marked here so that `make messages` keeps them in ours, which Django reads
first (LOCALE_PATHS). Nothing calls this list; delete an entry once its library translates it."""

from django.utils.translation import gettext_noop

DJANGO_ADMIN = [
    gettext_noop("Model name"),
    gettext_noop("Add link"),
    gettext_noop("Change or view list link"),
    gettext_noop("After you’ve created a user, you’ll be able to edit more user options."),
    gettext_noop("Forgotten your login credentials?"),
    gettext_noop("In case you’ve forgotten, you are:"),
]

DJANGO_AXES = [
    gettext_noop("access attempt"),
    gettext_noop("access attempts"),
    gettext_noop("access failure"),
    gettext_noop("access failures"),
    gettext_noop("access log"),
    gettext_noop("access logs"),
]
