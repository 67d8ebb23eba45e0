"""Programs written the way public Pulumi AWS Python programs are written.

Each one follows patterns read in pulumi/examples (aws-py-*) and pulumi/templates
(aws-python, vm-aws-python, container-aws-python, kubernetes-aws-python): data sources
looked up before anything is created, resource objects passed as inputs, ``apply``
chains and ``Output.all`` / ``Output.concat`` / ``Output.format``, component classes
with children, ``pulumi.Config`` with defaults and ``require``, stack exports, one
subnet per availability zone, remote components. They are the project's own code.
"""
