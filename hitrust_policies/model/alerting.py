"""Alerts on monitored control-plane events: who is told when someone changes what matters."""

from __future__ import annotations

from dataclasses import dataclass

from hitrust_policies.model.facts import Unknown
from hitrust_policies.model.ref import ResourceRef

NOT_JUDGED = Unknown("this source does not judge alerts on these events")


@dataclass(frozen=True, slots=True)
class ChangeAlerting:
    """Which categories of monitored events raise an alert that reaches someone, for one account.

    ``gaps`` holds one ``(category, gap)`` pair per category the source judged: ``gap`` is None when an
    alert is wired end to end, else why not (a text), or an `Unknown` when a read needed to tell was
    denied or failed. Categories are cloud-neutral names (``iam-policy-changes``, ``firewall-changes``,
    ``route-changes``...) so Google Cloud log-based metrics with alert policies can yield the same kind.

    AWS (live only): a multi-region CloudTrail trail that is logging every management event, read and
    write, delivers to a CloudWatch Logs group; a metric filter on that group matches the events; an
    alarm on the filter's metric, with actions enabled, notifies an SNS topic with at least one
    confirmed subscription.
    """

    ref: ResourceRef
    gaps: tuple[tuple[str, str | None | Unknown], ...] | Unknown

    def gap(self, category: str) -> str | None | Unknown:
        """Why alerts on ``category`` do not reach anyone (None: they do); not judged here is unknown.

        >>> from hitrust_policies.model.ref import ResourceRef
        >>> a = ChangeAlerting(ResourceRef("aws", "t", "i", "n"), (("route-changes", None),))
        >>> a.gap("route-changes") is None, a.gap("firewall-changes") is NOT_JUDGED
        (True, True)
        """
        if isinstance(self.gaps, Unknown):
            return self.gaps
        return dict(self.gaps).get(category, NOT_JUDGED)
