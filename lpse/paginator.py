"""A paginator for searches over large registers: counts at most ``cap`` matches.

A search that matches half of 20,000 letters made Paginator's ``COUNT(*)`` read
every match on every page view (issue 14). Nobody pages through thousands of
hits: the count stops at ``cap`` + 1 rows (one query), the pages go as far as the
cap, and the template says "lebih dari" when it was reached.
"""

from functools import cached_property

from django.core.paginator import Paginator


class CappedPaginator(Paginator):
    def __init__(self, object_list, per_page, *, cap: int = 1000, **kwargs):
        super().__init__(object_list, per_page, **kwargs)
        self.cap = cap

    @cached_property
    def matches(self) -> int:
        """Matches counted up to ``cap`` + 1 (one query; only the keys, unordered, so no
        annotation or sort is computed for it)."""
        return self.object_list.order_by().values("pk")[: self.cap + 1].count()

    @cached_property
    def count(self) -> int:
        return min(self.matches, self.cap)

    @property
    def capped(self) -> bool:
        """More matches than the pages reach (never asks: a count given by the caller, e.g. from
        cached per-status counts, is exact)."""
        return self.__dict__.get("matches", 0) > self.cap
