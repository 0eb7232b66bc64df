import pytest


@pytest.mark.django_db
def test_health_reports_ok(api_client, settings):
    response = api_client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "ok"
    assert body["database"] == "ok"
    expected_redis = "ok" if settings.REDIS_URL else "not configured"
    assert body["redis"] == expected_redis
    assert set(body["queue"]) == {"queued", "failed"}


@pytest.mark.django_db
def test_health_pings_the_real_redis(api_client, require_redis):
    assert api_client.get("/health").json()["redis"] == "ok"


@pytest.mark.django_db
def test_health_is_503_when_redis_is_down(api_client, settings):
    settings.REDIS_URL = "redis://127.0.0.1:1/0"
    settings.RQ_QUEUES = {"default": {"URL": settings.REDIS_URL, "DEFAULT_TIMEOUT": 60}}
    response = api_client.get("/health")
    assert response.status_code == 503
    body = response.json()
    assert body["status"] == "unavailable"
    assert body["redis"] == "unavailable"
    assert body["database"] == "ok"


@pytest.mark.django_db
def test_health_is_503_when_the_database_is_down(api_client, monkeypatch):
    from jobforge.api import health

    def broken_cursor():
        raise OSError("connection refused")

    monkeypatch.setattr(health.connection, "cursor", broken_cursor)
    response = api_client.get("/health")
    assert response.status_code == 503
    assert response.json()["database"] == "unavailable"


@pytest.mark.django_db
class TestDocs:
    def test_schema_is_served_and_describes_the_envelope(self, api_client):
        response = api_client.get("/api/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json")
        assert response.status_code == 200
        schema = response.json()
        assert "/api/v1/auth/register" in schema["paths"]
        assert "ErrorEnvelope" in schema["components"]["schemas"]
        register = schema["paths"]["/api/v1/auth/register"]["post"]
        assert "409" in register["responses"]
        assert register["requestBody"]

    @pytest.mark.parametrize("path", ["/docs", "/redoc"])
    def test_docs_pages_load_assets_from_the_app(self, api_client, path):
        response = api_client.get(path)
        assert response.status_code == 200
        html = response.content.decode()
        assert "/static/drf_spectacular_sidecar/" in html
        assert "cdn" not in html.lower()


@pytest.mark.django_db
def test_the_schema_bounds_the_page_parameters(api_client, alice_client):
    schema = api_client.get("/api/schema", HTTP_ACCEPT="application/vnd.oai.openapi+json").json()
    listing = schema["paths"]["/api/v1/applications"]["get"]["parameters"]
    by_name = {parameter["name"]: parameter["schema"] for parameter in listing if parameter["in"] == "query"}
    assert by_name["limit"] == {"type": "integer", "minimum": 1}  # larger ones are clamped, not refused
    assert by_name["offset"] == {"type": "integer", "minimum": 0}
    # What the schema refuses, the API refuses too.
    for bad in ("limit=0", "offset=-1"):
        assert alice_client.get(f"/api/v1/applications?{bad}").status_code == 400
