import pytest
from rest_framework_simplejwt.token_blacklist.models import BlacklistedToken

from jobforge.accounts.models import User
from jobforge.accounts.services import tokens_issue


@pytest.mark.django_db
def test_deactivate_action_deactivates_and_revokes(client, alice):
    admin = User.objects.create_superuser("ops@example.com", "Ops-Pass-123")
    tokens_issue(user=alice)
    client.force_login(admin)
    response = client.post(
        "/admin/accounts/user/",
        {"action": "deactivate_users", "_selected_action": [str(alice.pk)]},
        follow=True,
    )
    assert response.status_code == 200
    alice.refresh_from_db()
    assert alice.is_active is False
    assert BlacklistedToken.objects.filter(token__user=alice).count() == 1


@pytest.mark.django_db
def test_admin_user_search_by_email(client, alice, charlie):
    admin = User.objects.create_superuser("ops@example.com", "Ops-Pass-123")
    client.force_login(admin)
    response = client.get("/admin/accounts/user/", {"q": "alice@"})
    assert response.status_code == 200
    assert "alice@example.com" in response.content.decode()
    assert "charlie@example.com" not in response.content.decode()
