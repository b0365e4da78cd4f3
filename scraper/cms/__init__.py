"""One adapter per CMS family. Each answers the same two questions about a list page:
`items(page)` — the links it lists (beyond the page's plain `<a>` links), and
`next_pages(page)` — the further list pages to fetch. Patterns are data in `sites.toml`."""

from scraper.cms import generic, hanweb, trs

ADAPTERS = (trs, hanweb, generic)

__all__ = ["ADAPTERS", "generic", "hanweb", "trs"]
