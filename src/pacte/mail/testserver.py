"""A throw-away Dovecot IMAP server on loopback, for the tests and the bench.

It runs ``dovecot -F -c <conf>`` with its own configuration in a temporary folder:
plain-text login allowed (loopback only), one passwd-file user, maildir storage.
Started as root it uses Debian's ``dovecot``/``dovenull`` accounts; started by
another user it runs every process as that user.
"""

from __future__ import annotations

import grp
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from imap_tools import MailBoxUnencrypted

DOVECOT = Path("/usr/sbin/dovecot")
USER = "pacte"
PASSWORD = "pacte-test"  # noqa: S105 - a loopback test server's account


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _accounts() -> tuple[str, str, int, int]:
    """(internal user, login user, mail uid, mail gid)."""
    if os.geteuid() == 0:
        dovecot = pwd.getpwnam("dovecot")
        return "dovecot", "dovenull", dovecot.pw_uid, dovecot.pw_gid
    me = pwd.getpwuid(os.geteuid()).pw_name
    return me, me, os.geteuid(), os.getegid()


def _config(root: Path, port: int) -> str:
    internal, login, uid, gid = _accounts()
    group = grp.getgrgid(pwd.getpwnam(internal).pw_gid).gr_name
    return f"""
base_dir = {root}/run
state_dir = {root}/state
instance_name = pacte-{port}
listen = 127.0.0.1
protocols = imap
ssl = no
disable_plaintext_auth = no
auth_mechanisms = plain login
log_path = {root}/dovecot.log
default_internal_user = {internal}
default_internal_group = {group}
default_login_user = {login}
first_valid_uid = {uid}
first_valid_gid = {gid}
mail_location = maildir:{root}/mail/%u
passdb {{
  driver = passwd-file
  args = scheme=PLAIN username_format=%u {root}/users
}}
userdb {{
  driver = static
  args = uid={uid} gid={gid} home={root}/mail/%u
}}
service imap-login {{
  chroot =
  inet_listener imap {{
    address = 127.0.0.1
    port = {port}
  }}
  inet_listener imaps {{
    port = 0
  }}
}}
service anvil {{
  chroot =
}}
"""


@dataclass
class Dovecot:
    """A running server: where it listens and who may log in."""

    host: str
    port: int
    user: str
    password: str
    root: Path

    def client(self) -> MailBoxUnencrypted:
        mailbox = MailBoxUnencrypted(self.host, self.port, timeout=30)
        mailbox.login(self.user, self.password)
        return mailbox

    def append(self, raw: bytes, *, at: datetime, folder: str = "INBOX") -> None:
        """Deliver ``raw`` with IMAP APPEND; ``at`` becomes its INTERNALDATE."""
        with self.client() as mailbox:
            mailbox.append(raw, folder, dt=at)

    def append_many(self, messages: list[bytes], *, at: datetime, folder: str = "INBOX") -> None:
        with self.client() as mailbox:
            for raw in messages:
                mailbox.append(raw, folder, dt=at)

    def uids(self, folder: str = "INBOX") -> list[str]:
        with self.client() as mailbox:
            if not mailbox.folder.exists(folder):
                return []
            mailbox.folder.set(folder)
            return list(mailbox.uids("ALL"))


def _wait_for_greeting(port: int, process: subprocess.Popen[bytes], root: Path) -> None:
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        if process.poll() is not None:
            log = (root / "dovecot.log").read_text(errors="replace")
            raise RuntimeError(f"dovecot exited ({process.returncode}): {log[-2000:]}")
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=1) as probe:
                if probe.recv(64).startswith(b"* OK"):
                    return
        except OSError:
            pass
        time.sleep(0.1)
    raise RuntimeError("dovecot did not greet within 20 seconds")


@contextmanager
def dovecot_server() -> Iterator[Dovecot]:
    """Start Dovecot on a free loopback port; stop it and remove its files afterwards."""
    root = Path(tempfile.mkdtemp(prefix="pacte-dovecot-"))
    root.chmod(0o755)  # the login processes run as another user
    _internal, _login, uid, gid = _accounts()
    (root / "mail").mkdir()
    os.chown(root / "mail", uid, gid)
    (root / "users").write_text(f"{USER}:{{PLAIN}}{PASSWORD}\n")
    port = free_port()
    conf = root / "dovecot.conf"
    conf.write_text(_config(root, port))
    process = subprocess.Popen(  # noqa: S603 - fixed argv
        [str(DOVECOT), "-F", "-c", str(conf)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        _wait_for_greeting(port, process, root)
        yield Dovecot("127.0.0.1", port, USER, PASSWORD, root)
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(root, ignore_errors=True)
