"""moto_server for the lifecycle tests, with EKS issuers shaped as EKS makes them.

moto 5 gives every cluster of a process the same issuer, ending in 10 random letters; EKS gives each cluster
its own ID of 32 hexadecimal digits, which the constructs' issuer check requires. Same arguments as moto_server.
"""
import secrets
import sys

import moto.eks.models as eks_models
from moto.server import main


class _EksIssuer(str):
    def format(self, *args, **kwargs):  # called once per cluster, with region=
        return "https://oidc.eks.{region}.amazonaws.com/id/".format(**kwargs) + secrets.token_hex(16).upper()


eks_models.ISSUER_TEMPLATE = _EksIssuer(eks_models.ISSUER_TEMPLATE)

if __name__ == "__main__":
    sys.exit(main())
