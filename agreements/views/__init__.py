"""Public, read-only pages. `lists` holds the overview and the agreement list with its exports;
`pages` holds the detail pages, countries, the declaration, the timeline and the sources."""
