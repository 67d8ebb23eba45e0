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


def listener_defaults_and_rules() -> None:
    """Listeners without ``protocol`` behind an application LB (HTTP) and a network LB (TCP); an HTTP
    listener whose default redirects to HTTPS but whose rule forwards; one whose rules all redirect."""
    import pulumi_aws as aws

    alb = aws.lb.LoadBalancer("portal", name="portal", subnets=["subnet-a", "subnet-b"])
    nlb = aws.lb.LoadBalancer("db-proxy", name="db-proxy", load_balancer_type="network", subnets=["subnet-a"])
    forward = [{"type": "forward", "target_group_arn": "arn:tg"}]
    to_https = [{"type": "redirect", "redirect": {"protocol": "HTTPS", "port": "443", "status_code": "HTTP_301"}}]
    aws.lb.Listener("implicit-http", load_balancer_arn=alb.arn, port=8080, default_actions=forward)
    aws.lb.Listener("implicit-tcp", load_balancer_arn=nlb.arn, port=5432, default_actions=forward)
    leaky = aws.lb.Listener("leaky-redirect", load_balancer_arn=alb.arn, port=80, protocol="HTTP",
                            default_actions=to_https)
    aws.lb.ListenerRule("leaky-api", listener_arn=leaky.arn, priority=10, actions=forward,
                        conditions=[{"path_pattern": {"values": ["/api/*"]}}])
    tight = aws.lb.Listener("tight-redirect", load_balancer_arn=alb.arn, port=81, protocol="HTTP",
                            default_actions=to_https)
    aws.alb.ListenerRule("tight-api", listener_arn=tight.arn, priority=10, actions=to_https,
                         conditions=[{"path_pattern": {"values": ["/api/*"]}}])


def classic_load_balancer() -> None:
    """A classic ELB: HTTPS on a TLS 1.2 negotiation policy, SSL on ELB's default policy, TCP, HTTP."""
    import pulumi_aws as aws

    cert = "arn:aws:acm:us-east-1:123456789012:certificate/abc"
    legacy = aws.elb.LoadBalancer("legacy", name="legacy", availability_zones=["us-east-1a"], listeners=[
        {"lb_protocol": "https", "lb_port": 443, "instance_protocol": "http", "instance_port": 80,
         "ssl_certificate_id": cert},
        {"lb_protocol": "ssl", "lb_port": 8443, "instance_protocol": "tcp", "instance_port": 8443,
         "ssl_certificate_id": cert},
        {"lb_protocol": "tcp", "lb_port": 5432, "instance_protocol": "tcp", "instance_port": 5432},
        {"lb_protocol": "http", "lb_port": 80, "instance_protocol": "http", "instance_port": 80},
    ])
    aws.elb.SslNegotiationPolicy("legacy-tls12", name="tls12", load_balancer=legacy.id, lb_port=443, attributes=[
        {"name": "Reference-Security-Policy", "value": "ELBSecurityPolicy-TLS-1-2-2017-01"}])
