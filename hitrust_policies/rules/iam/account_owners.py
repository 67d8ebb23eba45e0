"""How many principals own a whole account (an Azure subscription's Owner role)."""

from hitrust_policies.model import AccountOwners
from hitrust_policies.rules.registry import rule


@rule(
    "iam-account-owners-at-most-three",
    title="At most three principals own the account",
    domain="iam",
    severity="high",
    remediation={
        "azure": "Remove Owner role assignments at the subscription until three principals or fewer hold it; give "
        "the others the narrower roles they need (az role assignment delete --role Owner --assignee ... "
        "--scope /subscriptions/<id>).",
    },
)
def iam_account_owners_at_most_three(owners: AccountOwners):
    """Every owner can grant anything, including themselves access to PHI; fewer owners, fewer accounts
    whose compromise is total.

    Follows Azure Policy "A maximum of 3 owners should be designated for your subscription"
    (4f11b553-d42e-4e3a-89be-32ca364cad4c, Defender for Cloud): Owner role assignments at the
    subscription itself, a group counting as one principal.
    """
    if len(owners.owners) > 3:
        return f"{len(owners.owners)} principals hold the Owner role on the subscription: {', '.join(owners.owners)}"


@rule(
    "iam-account-owners-more-than-one",
    title="More than one principal owns the account",
    domain="iam",
    severity="medium",
    remediation={
        "azure": "Assign the Owner role at the subscription to a second principal (az role assignment create "
        "--role Owner --assignee ... --scope /subscriptions/<id>), e.g. a break-glass account.",
    },
)
def iam_account_owners_more_than_one(owners: AccountOwners):
    """A single owner is a single point of failure for administering access (and for emergency access
    when that owner is locked out), and leaves nobody to review that owner's changes.

    Follows Azure Policy "There should be more than one owner assigned to your subscription"
    (09024ccc-0c5f-475e-9457-b7c0d9ed487b, Defender for Cloud): Owner role assignments at the
    subscription itself.
    """
    if len(owners.owners) < 2:
        return f"fewer than two principals hold the Owner role on the subscription itself ({len(owners.owners)})"


@rule(
    "iam-account-owners-no-guests",
    title="No guest (external) user owns the account",
    domain="iam",
    severity="high",
    remediation={
        "azure": "Remove the guest's Owner role assignment at the subscription (az role assignment delete --role "
        "Owner --assignee <guest object id> --scope /subscriptions/<id>); give a vendor a member account under "
        "your own access reviews, or a narrower role, if it needs one.",
    },
)
def iam_account_owners_no_guests(owners: AccountOwners):
    """A guest signs in with another organisation's identity: its MFA, its offboarding and its password
    rules are not yours, yet an owner can read every PHI store and grant itself anything else.

    Follows Azure Policy "Guest accounts with owner permissions on Azure resources should be removed"
    (339353f6-2387-4a45-abe4-7f529d121046, Defender for Cloud): users assigned Owner at the subscription
    whose directory ``userType`` is Guest.
    """
    if owners.guests:
        return f"guest users hold the Owner role on the subscription: {', '.join(owners.guests)}"
