"""The program ``pulumi new aws-python`` writes: one bucket, its name exported."""

import pulumi


def program() -> None:
    from pulumi_aws import s3

    bucket = s3.Bucket("my-bucket")
    pulumi.export("bucket_name", bucket.id)
