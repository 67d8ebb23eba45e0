"""Test helpers for people who use this library (and for its own tests).

`hitrust_policies.testing.pulumi` runs a Pulumi program under mocks, captures what the
engine would send to a policy pack, and drives a real pack process over the analyzer
protocol, without the Pulumi CLI.
"""
