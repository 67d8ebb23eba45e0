"""Real pulumi-aws v7 programs (compliant and not) that the pack tests capture and analyze.

Each function is a Pulumi program body: it registers resources and returns nothing.
``pulumi_aws`` is imported inside, so collecting tests stays fast.
"""
