"""A public website bucket with a DNS-validated certificate (pulumi/examples aws-py-static-website).

Config ``require`` for the domain, ``get_zone`` for the hosted zone, a public-read bucket
policy from ``get_policy_document_output`` over the bucket's ARN (an Output argument),
the certificate's ``domain_validation_options[0]`` read in ``apply``, and a bucket
object created with ``parent=`` the bucket.
"""

import pulumi

TEN_MINUTES = 600


def program() -> None:
    import pulumi_aws as aws

    config = pulumi.Config()
    domain = config.require("targetDomain")
    parent_domain = domain.split(".", 1)[1]

    content = aws.s3.Bucket(f"{domain}-content")
    aws.s3.BucketWebsiteConfiguration("content-website", bucket=content.bucket,
                                      index_document={"suffix": "index.html"}, error_document={"key": "404.html"})
    ownership = aws.s3.BucketOwnershipControls("content-ownership", bucket=content.bucket,
                                               rule={"object_ownership": "BucketOwnerPreferred"})
    public = aws.s3.BucketPublicAccessBlock("content-public", bucket=content.bucket, block_public_acls=False,
                                            block_public_policy=False, ignore_public_acls=False,
                                            restrict_public_buckets=False)
    read_all = aws.iam.get_policy_document_output(statements=[{
        "sid": "PublicRead", "actions": ["s3:GetObject"], "resources": [content.arn.apply(lambda arn: f"{arn}/*")],
        "principals": [{"type": "*", "identifiers": ["*"]}]}])
    aws.s3.BucketPolicy("content-policy", bucket=content.id, policy=read_all.json,
                        opts=pulumi.ResourceOptions(depends_on=[ownership, public]))
    aws.s3.BucketObject("index.html", bucket=content.id, key="index.html", content_type="text/html",
                        content="<h1>hello</h1>", opts=pulumi.ResourceOptions(parent=content))

    certificate = aws.acm.Certificate("certificate", domain_name=domain, validation_method="DNS")
    zone = aws.route53.get_zone(name=parent_domain)
    validation = aws.route53.Record(
        f"{domain}-validation", zone_id=zone.zone_id, ttl=TEN_MINUTES,
        name=certificate.domain_validation_options.apply(lambda options: options[0].resource_record_name),
        type=certificate.domain_validation_options.apply(lambda options: options[0].resource_record_type),
        records=[certificate.domain_validation_options.apply(lambda options: options[0].resource_record_value)])
    aws.acm.CertificateValidation("certificate-validation", certificate_arn=certificate.arn,
                                  validation_record_fqdns=[validation.fqdn])

    pulumi.export("content_bucket_url", pulumi.Output.concat("s3://", content.bucket))
    pulumi.export("zone", zone.name)
