"""Load-balancer listeners."""


def listeners() -> None:
    import pulumi_aws as aws

    lb_arn = "arn:aws:elasticloadbalancing:us-east-1:123456789012:loadbalancer/app/web/50dc6c495c0c9188"
    cert = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
    aws.lb.Listener("https-modern", load_balancer_arn=lb_arn, port=443, protocol="HTTPS",
                    ssl_policy="ELBSecurityPolicy-TLS13-1-2-2021-06", certificate_arn=cert,
                    default_actions=[{"type": "forward", "target_group_arn": "arn:tg"}])
    aws.lb.Listener("https-legacy", load_balancer_arn=lb_arn, port=8443, protocol="HTTPS",
                    ssl_policy="ELBSecurityPolicy-TLS-1-1-2017-01", certificate_arn=cert,
                    default_actions=[{"type": "forward", "target_group_arn": "arn:tg"}])
    aws.lb.Listener("http-redirect", load_balancer_arn=lb_arn, port=80, protocol="HTTP",
                    default_actions=[{"type": "redirect", "redirect": {"protocol": "HTTPS", "port": "443",
                                                                       "status_code": "HTTP_301"}}])
    aws.lb.Listener("http-plain", load_balancer_arn=lb_arn, port=8080, protocol="HTTP",
                    default_actions=[{"type": "forward", "target_group_arn": "arn:tg"}])
    aws.lb.Listener("https-mystery", load_balancer_arn=lb_arn, port=9443, protocol="HTTPS",
                    ssl_policy="ELBSecurityPolicy-Custom-2031", certificate_arn=cert,
                    default_actions=[{"type": "forward", "target_group_arn": "arn:tg"}])
