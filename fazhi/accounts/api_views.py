"""The token endpoint: a user name and password for an API token, through the axes-guarded login."""

from __future__ import annotations

from django.contrib.auth import authenticate
from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.authtoken.models import Token
from rest_framework.response import Response
from rest_framework.views import APIView


class TokenRequestSerializer(serializers.Serializer):
    username = serializers.CharField(label="用户名")
    password = serializers.CharField(label="密码", style={"input_type": "password"}, trim_whitespace=False)


class TokenView(APIView):
    """Exchange a user name and password for an API token. Failures count towards the account lockout."""

    authentication_classes: list = []  # a stale Authorization header must not block obtaining a new token
    throttle_classes: list = []

    @extend_schema(
        request=TokenRequestSerializer,
        responses={200: inline_serializer("TokenResponse", {"token": serializers.CharField()})},
        auth=[],
    )
    def post(self, request):
        data = TokenRequestSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        # The DRF request is passed on purpose: axes marks it when the account is locked out.
        user = authenticate(request=request, username=data.validated_data["username"],
                            password=data.validated_data["password"])
        if getattr(request, "axes_locked_out", False):
            return Response({"code": "locked_out", "message": "连续多次输入错误密码,该账户已被暂时锁定,请稍后再试",
                             "field": None, "rule": None}, status=status.HTTP_429_TOO_MANY_REQUESTS)
        if user is None:
            return Response({"code": "invalid_credentials", "message": "用户名或密码错误", "field": None,
                             "rule": None}, status=status.HTTP_400_BAD_REQUEST)
        token, _ = Token.objects.get_or_create(user=user)
        return Response({"token": token.key})
