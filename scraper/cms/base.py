from __future__ import annotations

import json
from dataclasses import dataclass, field


@dataclass(frozen=True)
class ListRequest:
    """A list page to fetch: a URL, or a form POSTed to it (Hanweb dataproxy.jsp)."""

    url: str
    method: str = "GET"
    form: dict[str, str] = field(default_factory=dict)

    @property
    def form_json(self) -> str:
        return json.dumps(self.form, ensure_ascii=False, sort_keys=True) if self.form else ""
