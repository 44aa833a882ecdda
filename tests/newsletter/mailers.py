"""Mail backends that misbehave on purpose, named in settings.MAILERS by the tests."""

from smtplib import SMTPRecipientsRefused

from django.core.mail.backends.locmem import EmailBackend as LocmemBackend


class SimulatedCrash(BaseException):  # noqa: N818 - a BaseException, like a process being killed
    """Not an Exception: nothing in the sending code catches it, as with a killed worker."""


class CrashAfter(LocmemBackend):
    """Delivers `limit` messages (counted across connections), then the process "dies"."""

    limit = 0
    delivered = 0

    def send_messages(self, messages):
        if CrashAfter.delivered >= CrashAfter.limit:
            raise SimulatedCrash
        CrashAfter.delivered += len(messages)
        return super().send_messages(messages)


class RefusesSome(LocmemBackend):
    """Refuses recipients whose address starts with "bounce"."""

    def send_messages(self, messages):
        for message in messages:
            if message.to[0].startswith("bounce"):
                raise SMTPRecipientsRefused({message.to[0]: (550, b"No such user")})
        return super().send_messages(messages)


class BrokenBackend(LocmemBackend):
    def send_messages(self, messages):
        raise ConnectionRefusedError("mail server down")


class CountsConnections(LocmemBackend):
    """Counts how often a connection is opened (each `with mailer` opens one)."""

    opened = 0

    def open(self):
        CountsConnections.opened += 1
        return super().open()
