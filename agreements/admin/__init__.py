"""The editors' admin: `facts` for the curated rows and their citations, `review` for the queue
of candidate facts from imported articles. Importing the modules registers their admins."""

from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from . import facts, review  # noqa: F401

# The admin under the site's own name (templates/admin/base_site.html adds its favicon and the
# styles that fit every admin page into a 1280 px window).
admin.site.site_header = _("Ukraine Security Agreements Tracker: editors")
admin.site.site_title = _("Tracker editors")
admin.site.index_title = _("Curate the record")
