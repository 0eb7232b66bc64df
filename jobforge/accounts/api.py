"""Auth API: register, login, me, refresh, logout (SPEC §2)."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers, status
from rest_framework.permissions import AllowAny, IsAuthenticated
from rest_framework.response import Response
from rest_framework.views import APIView

from jobforge.accounts import services
from jobforge.accounts.authentication import ActiveUserJWTAuthentication
from jobforge.accounts.models import DocumentTemplate, PageSize, User
from jobforge.api.schema import ERROR_RESPONSES
from jobforge.api.throttles import AuthRateThrottle


class UserSerializer(serializers.ModelSerializer):
    page_size = serializers.ChoiceField(
        source="export_page_size",
        choices=PageSize.choices,
        help_text="Paper size of PDF and DOCX exports (the server's default until the user picks one).",
    )
    calendar_url = serializers.SerializerMethodField(
        help_text=(
            "The private calendar feed's absolute address (interviews, deadlines, tasks); null "
            "until POST /api/v1/auth/calendar/rotate makes one. Anyone with it can read the feed."
        )
    )

    class Meta:
        model = User
        fields = [
            "id",
            "email",
            "first_name",
            "last_name",
            "full_name",
            "is_active",
            "document_template",
            "page_size",
            "calendar_url",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields

    def get_calendar_url(self, user) -> str | None:
        return services.calendar_url(user=user)


class ExportSettingsInputSerializer(serializers.Serializer):
    """What `PATCH /auth/me` changes: the export settings (other fields are read-only here)."""

    document_template = serializers.ChoiceField(
        choices=DocumentTemplate.choices, required=False, help_text="Layout of PDF and DOCX exports."
    )
    page_size = serializers.ChoiceField(
        choices=PageSize.choices, required=False, help_text="Paper size of PDF and DOCX exports."
    )


class RegisterInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)
    password = serializers.CharField(
        max_length=128,
        trim_whitespace=False,
        write_only=True,
        help_text=(
            "At least 8 characters with an upper-case letter, a lower-case letter and a digit; "
            "not a common password, not all digits, not too similar to the email."
        ),
    )
    first_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    last_name = serializers.CharField(max_length=150, required=False, allow_blank=True)
    full_name = serializers.CharField(
        max_length=301,
        required=False,
        allow_blank=True,
        help_text="Alternative to first_name/last_name: split on the first space.",
    )
    page_size = serializers.ChoiceField(
        choices=PageSize.choices,
        required=False,
        help_text="Paper size of exports; by default Letter when Accept-Language names the US or Canada, else A4.",
    )

    def validate(self, attrs):
        full_name = attrs.pop("full_name", "").strip()
        if full_name and not attrs.get("first_name") and not attrs.get("last_name"):
            first, _, last = full_name.partition(" ")
            attrs["first_name"], attrs["last_name"] = first[:150], last.strip()[:150]
        return attrs


class LoginInputSerializer(serializers.Serializer):
    email = serializers.CharField(max_length=254)
    password = serializers.CharField(max_length=128, trim_whitespace=False, write_only=True)


class RefreshInputSerializer(serializers.Serializer):
    refresh_token = serializers.CharField(required=False, min_length=1, max_length=2048)


class LogoutInputSerializer(serializers.Serializer):
    refresh_token = serializers.CharField(min_length=1, max_length=2048)


class TokenPairSerializer(serializers.Serializer):
    access_token = serializers.CharField()
    refresh_token = serializers.CharField()
    token_type = serializers.CharField(default="bearer")
    expires_in = serializers.IntegerField(help_text="Seconds until the access token expires.")


AuthResponseSerializer = inline_serializer(
    "AuthResponse",
    fields={
        "user": UserSerializer(),
        "access_token": serializers.CharField(),
        "refresh_token": serializers.CharField(),
        "token_type": serializers.CharField(),
        "expires_in": serializers.IntegerField(),
    },
)


def _auth_body(user: User) -> dict:
    return {"user": UserSerializer(user).data, **services.tokens_issue(user=user)}


class RegisterView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [AuthRateThrottle]

    @extend_schema(
        tags=["auth"],
        request=RegisterInputSerializer,
        responses={201: AuthResponseSerializer, **ERROR_RESPONSES(400, 409, 429)},
    )
    def post(self, request):
        data = RegisterInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        fields = data.validated_data
        fields.setdefault("page_size", services.page_size_from_locale(request.headers.get("Accept-Language")))
        user = services.user_register(**fields)
        return Response(_auth_body(user), status=status.HTTP_201_CREATED)


class LoginView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [AuthRateThrottle]

    @extend_schema(
        tags=["auth"],
        request=LoginInputSerializer,
        responses={200: AuthResponseSerializer, **ERROR_RESPONSES(400, 401, 429)},
    )
    def post(self, request):
        data = LoginInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_authenticate(**data.validated_data)
        return Response(_auth_body(user))


class MeView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(tags=["auth"], responses={200: UserSerializer, **ERROR_RESPONSES(401)})
    def get(self, request):
        return Response(UserSerializer(request.user).data)

    @extend_schema(
        tags=["auth"],
        request=ExportSettingsInputSerializer,
        responses={200: UserSerializer, **ERROR_RESPONSES(400, 401)},
        description=(
            "Change the user's export settings: `document_template` (classic|modern) and "
            "`page_size` (a4|letter). Other fields are read-only and ignored."
        ),
    )
    def patch(self, request):
        data = ExportSettingsInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        user = services.user_export_settings_update(user=request.user, **data.validated_data)
        return Response(UserSerializer(user).data)


class RefreshView(APIView):
    # The Bearer header is read only when the body has no refresh token, so a stale or
    # garbage header beside a valid refresh token does not turn the request into a 401.
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [AuthRateThrottle]

    def get_authenticate_header(self, request):
        # A refused Bearer token is a 401 with WWW-Authenticate, as on every other endpoint.
        return ActiveUserJWTAuthentication().authenticate_header(request)

    @extend_schema(
        tags=["auth"],
        request=RefreshInputSerializer,
        auth=[{"jwtAuth": []}, {}],  # the Bearer token is optional here
        responses={200: TokenPairSerializer, **ERROR_RESPONSES(400, 401, 429)},
        description=(
            "Rotate a refresh token: send `refresh_token`, or no body with a still-valid "
            "Bearer access token. The old refresh token stops working."
        ),
    )
    def post(self, request):
        data = RefreshInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        raw = data.validated_data.get("refresh_token")
        if raw:
            return Response(services.tokens_refresh(raw_refresh=raw))
        authenticated = ActiveUserJWTAuthentication().authenticate(request)
        if authenticated is not None:
            return Response(services.tokens_refresh_for_user(user=authenticated[0]))
        raise serializers.ValidationError({"refresh_token": ["This field is required."]})


class LogoutView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["auth"],
        request=LogoutInputSerializer,
        responses={204: None, **ERROR_RESPONSES(400, 401)},
    )
    def post(self, request):
        data = LogoutInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.user_logout(user=request.user, raw_refresh=data.validated_data["refresh_token"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class LogoutEverywhereView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["auth"],
        request=None,
        responses={204: None, **ERROR_RESPONSES(401)},
        description="End every session and token of the user, this one included.",
    )
    def post(self, request):
        services.user_logout_everywhere(user=request.user)
        return Response(status=status.HTTP_204_NO_CONTENT)


CalendarUrlSerializer = inline_serializer(
    name="CalendarUrl", fields={"calendar_url": serializers.URLField(help_text="The new feed address.")}
)


class CalendarRotateView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["auth"],
        request=None,
        responses={200: CalendarUrlSerializer, **ERROR_RESPONSES(401)},
        description=(
            "Make a new private calendar feed address (the first one, or a replacement): "
            "the old address answers 404 from now on."
        ),
    )
    def post(self, request):
        user = services.calendar_token_rotate(user=request.user)
        return Response({"calendar_url": services.calendar_url(user=user)})


class DeleteAccountInputSerializer(serializers.Serializer):
    password = serializers.CharField(min_length=1, max_length=128, trim_whitespace=False, write_only=True)


class DeleteAccountView(APIView):
    permission_classes = [IsAuthenticated]

    @extend_schema(
        tags=["auth"],
        request=DeleteAccountInputSerializer,
        responses={204: None, **ERROR_RESPONSES(400, 401, 429)},
        description=(
            "Delete the account and all of its data (applications, documents, resumes, runs) "
            "for good. The current password confirms it; a wrong one is a 400."
        ),
    )
    def post(self, request):
        data = DeleteAccountInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.user_delete(user=request.user, password=data.validated_data["password"])
        return Response(status=status.HTTP_204_NO_CONTENT)


class PasswordResetInputSerializer(serializers.Serializer):
    email = serializers.EmailField(max_length=254)


PasswordResetSentSerializer = inline_serializer(
    "PasswordResetSent", fields={"detail": serializers.CharField()}
)


class PasswordResetView(APIView):
    authentication_classes = []
    permission_classes = [AllowAny]
    throttle_classes = [AuthRateThrottle]

    @extend_schema(
        tags=["auth"],
        request=PasswordResetInputSerializer,
        responses={202: PasswordResetSentSerializer, **ERROR_RESPONSES(400, 429)},
        description=(
            "Email a link to choose a new password (it opens the web page). The answer is the "
            "same whether or not an account uses the address."
        ),
    )
    def post(self, request):
        data = PasswordResetInputSerializer(data=request.data)
        data.is_valid(raise_exception=True)
        services.password_reset_send(
            email=data.validated_data["email"],
            client_ip=AuthRateThrottle().get_ident(request),
            domain=request.get_host(),
            use_https=request.is_secure(),
        )
        return Response({"detail": services.RESET_LINK_SENT}, status=status.HTTP_202_ACCEPTED)
