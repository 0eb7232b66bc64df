"""Changing one's email: a taken address is a 409 envelope, also when two requests race."""

import threading

import pytest
from django.db import close_old_connections, connection, transaction

from jobforge.accounts.models import User
from jobforge.accounts.services import user_update
from jobforge.errors import Duplicate
from tests.factories import UserFactory


@pytest.mark.django_db(transaction=True)
def test_two_changes_to_the_same_address_give_one_winner_and_a_409(require_postgres):
    first, second = UserFactory(email="first@example.com"), UserFactory(email="second@example.com")
    outcome = {}

    def change_second():
        try:
            user = User.objects.get(pk=second.pk)
            user_update(user=user, first_name="", last_name="", email="taken@example.com")
            outcome["result"] = "saved"
        except Duplicate as exc:
            outcome["result"] = exc.code
        except Exception as exc:
            outcome["result"] = repr(exc)
        finally:
            close_old_connections()

    # The first change holds the address, uncommitted: the second one's check cannot see it,
    # so its write waits on the unique index and fails once the first commits.
    with transaction.atomic():
        User.objects.filter(pk=first.pk).update(email="taken@example.com")
        racer = threading.Thread(target=change_second)
        racer.start()
        with connection.cursor() as cursor:
            for _ in range(200):  # bounded: the racer blocks on our row lock in a few ms
                cursor.execute(
                    "SELECT count(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' "
                    "AND datname = current_database()"
                )
                if cursor.fetchone()[0]:
                    break
                racer.join(timeout=0.05)
    racer.join(timeout=30)
    assert outcome["result"] == "DUPLICATE_RESOURCE"
    assert User.objects.get(pk=second.pk).email == "second@example.com"
    assert User.objects.get(pk=first.pk).email == "taken@example.com"


@pytest.mark.django_db
def test_a_taken_address_is_a_409(alice, charlie):
    with pytest.raises(Duplicate):
        user_update(user=alice, first_name="A", last_name="B", email="CHARLIE@example.com")
    alice.refresh_from_db()
    assert alice.email == "alice@example.com"
