"""Public, read-only pages: one module per subject, named by the URL that serves it.

- `agreements`: the overview (/), the list (/agreements/) and its exports, one agreement's page;
- `countries`: /countries/, one country's page and the declaration the states signed or joined;
- `sources`: /sources/ and one article with its quotes marked;
- `timeline`: /timeline/.

Every page reads its rows in a fixed number of queries: citations come prefetched with their
source (`with_citations()`), so listing the quote beside each fact costs one query per kind of
fact. Every paged list pages the same way (`agreements.paging.ForgivingPaginationMixin`).
"""
