import re

from django.core.exceptions import ValidationError


class CharacterClassValidator:
    """A password needs an upper-case letter, a lower-case letter and a digit."""

    message = "Password must contain at least one upper-case letter, one lower-case letter and one digit."

    def validate(self, password: str, user=None) -> None:
        if not (
            re.search(r"[A-Z]", password) and re.search(r"[a-z]", password) and re.search(r"\d", password)
        ):
            raise ValidationError(self.message, code="password_character_classes")

    def get_help_text(self) -> str:
        return "Your password must contain an upper-case letter, a lower-case letter and a digit."
