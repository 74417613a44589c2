"""The editors' admin: `facts` for the curated rows and their citations, `review` for the queue
of candidate facts from imported articles. Importing the modules registers their admins."""

from . import facts, review  # noqa: F401
