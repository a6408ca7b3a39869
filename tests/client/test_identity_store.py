"""Remembered identities: per hub and code, private file, survives bad files."""

from __future__ import annotations

import stat
from pathlib import Path

from panelhost.client.identity_store import IdentityStore, Remembered, identity_key


def test_save_load_forget(tmp_path: Path) -> None:
    store = IdentityStore(tmp_path / "state" / "identities.json")
    key = identity_key("ws://127.0.0.1:8765/ws", "participant", "k7q-2m9")
    assert key == identity_key("ws://127.0.0.1:8765/ws", "participant", "K7Q 2M9")
    assert store.load(key) is None
    store.save(key, Remembered(name="Ana", token="secret", session_id="s1"))
    loaded = store.load(key)
    assert loaded is not None and (loaded.name, loaded.token, loaded.session_id) == (
        "Ana",
        "secret",
        "s1",
    )
    assert stat.S_IMODE(store.path.stat().st_mode) == 0o600
    store.forget(key)
    assert store.load(key) is None


def test_a_broken_file_is_ignored(tmp_path: Path) -> None:
    path = tmp_path / "identities.json"
    path.write_text("{not json")
    store = IdentityStore(path)
    assert store.load("anything") is None
    store.save("k", Remembered(name="Ana", token=None))
    assert store.load("k") == Remembered(name="Ana", token=None, saved_at=store.load("k").saved_at)  # type: ignore[union-attr]


def test_each_name_keeps_its_own_identity_under_one_key(tmp_path: Path) -> None:
    store = IdentityStore(tmp_path / "identities.json")
    store.save("k", Remembered(name="Ana", token="ana-token"))
    store.save("k", Remembered(name="Ben", token="ben-token"))
    assert [(r.name, r.token) for r in store.load_all("k")] == [
        ("Ben", "ben-token"),
        ("Ana", "ana-token"),
    ]
    assert store.load("k", "Ana").token == "ana-token"  # type: ignore[union-attr]
    store.forget("k", "Ben")
    assert [r.name for r in store.load_all("k")] == ["Ana"]


def test_a_file_from_before_names_were_kept_apart_still_resumes(tmp_path: Path) -> None:
    path = tmp_path / "identities.json"
    path.write_text('{"k": {"name": "Ana", "token": "t", "session_id": "s", "saved_at": 5}}')
    store = IdentityStore(path)
    assert store.load_all("k") == [Remembered(name="Ana", token="t", session_id="s", saved_at=5)]
    store.save("k", Remembered(name="Ben", token="b"))
    assert sorted(r.name for r in store.load_all("k")) == ["Ana", "Ben"]
