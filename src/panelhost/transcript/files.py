"""Saving and strictly loading transcript files: one readable line for every problem."""

from __future__ import annotations

import os
import re
from pathlib import Path

import msgspec

from panelhost.core import events as ev
from panelhost.core.events import EVENT_SCHEMA
from panelhost.core.upcast import schema_of, too_new, upcast
from panelhost.journal import write_atomic
from panelhost.transcript.model import FORMAT, MAJOR, SessionRecord, Transcript

MAX_BYTES = 512 * 1024 * 1024
"""Larger files are refused unread: a 3-hour session with 200,000 events is about 25 MB."""

_HEAD_BYTES = 64

_encoder = msgspec.json.Encoder()

_TERMINAL_ACTIVE = re.compile(rb"\x7f|\xc2[\x80-\x9f]|\xe2\x80[\xaa-\xae]|\xe2\x81[\xa6-\xa9]")
"""DEL, the C1 controls and the bidi overrides in UTF-8: JSON may carry them raw, but a
terminal showing the file could act on them. The hub never stores them; a hand-edited
journal might."""


def _inert(data: bytes) -> bytes:
    """JSON with those characters written as `\\u` escapes: the same value, safe to `cat`."""
    return _TERMINAL_ACTIVE.sub(lambda m: b"\\u%04x" % ord(m.group().decode()), data)


_decoder = msgspec.json.Decoder(Transcript)


class TranscriptError(Exception):
    """A transcript cannot be used; the message is one line naming the file and the problem."""


class _Header(msgspec.Struct):
    format: object = None
    version: object = None


_header_decoder = msgspec.json.Decoder(_Header)


class TranscriptSummary(msgspec.Struct):
    """What a listing needs of a transcript: its session record and question count."""

    session: SessionRecord
    questions: list[msgspec.Raw]


_summary_decoder = msgspec.json.Decoder(TranscriptSummary)


def encode_transcript(transcript: Transcript) -> bytes:
    """The transcript as JSON: summary records indented, then one event per line."""
    head = msgspec.json.format(
        _encoder.encode(msgspec.structs.replace(transcript, events=[])), indent=2
    )
    empty_tail = b'"events": []\n}'
    if not head.endswith(empty_tail):  # `events` is the last field of Transcript
        raise AssertionError("the transcript's events must be its last field")
    if not transcript.events:
        return _inert(head + b"\n")
    lines = b",\n    ".join(_encoder.encode(event) for event in transcript.events)
    return _inert(head[: -len(empty_tail)] + b'"events": [\n    ' + lines + b"\n  ]\n}\n")


def save_transcript(transcript: Transcript, path: Path | str) -> None:
    """Write the transcript atomically (temporary file, fsync, rename), mode 0600."""
    write_atomic(Path(path), encode_transcript(transcript))


def load_transcript(path: Path | str) -> Transcript:
    """Read and check a transcript; raise `TranscriptError` (one line) when it is unusable."""
    path = Path(path)
    data = _read(path)
    return decode_transcript(data, str(path))


def load_summary(path: Path | str) -> TranscriptSummary:
    """The session record and questions of a transcript, without decoding its events."""
    path = Path(path)
    data = _read(path)
    _check_header(_decode_header(data, str(path)), str(path))
    try:
        return _summary_decoder.decode(data.removeprefix(_BOM))
    except msgspec.ValidationError as exc:
        raise TranscriptError(f"{path}: invalid transcript: {_one_line(exc)}") from None


_BOM = b"\xef\xbb\xbf"


def _check_start(start: bytes, name: str) -> None:
    """Refuse at once what cannot be a transcript, before reading or parsing the rest."""
    stripped = start.removeprefix(_BOM).lstrip()
    if not stripped and len(start) < _HEAD_BYTES:
        raise TranscriptError(f"{name}: the file is empty, not a transcript")
    if stripped and stripped[:1] != b"{":
        raise TranscriptError(f"{name}: not a panelhost transcript (it is not a JSON object)")


def _decode_header(data: bytes, name: str) -> _Header:
    _check_start(data[:_HEAD_BYTES], name)
    try:
        return _header_decoder.decode(data.removeprefix(_BOM))
    except msgspec.DecodeError as exc:
        raise TranscriptError(f"{name}: {_json_problem(exc)}") from None


def decode_transcript(data: bytes, name: str) -> Transcript:
    """Check and decode transcript JSON; `name` says where it came from in error messages."""
    _check_header(_decode_header(data, name), name)
    data = data.removeprefix(_BOM)
    schema = _event_schema(data)
    if (why := too_new(schema)) is not None:
        raise TranscriptError(f"{name}: {why}")
    try:
        transcript = _decoder.decode(data) if schema == EVENT_SCHEMA else _upcast(data, schema)
    except msgspec.ValidationError as exc:
        raise TranscriptError(f"{name}: invalid transcript: {_one_line(exc)}") from None
    except msgspec.DecodeError as exc:
        raise TranscriptError(f"{name}: {_json_problem(exc)}") from None
    _check_timeline(transcript, name)
    return transcript


class _Timeline(msgspec.Struct):
    events: list[msgspec.Raw] = []


_timeline_decoder = msgspec.json.Decoder(_Timeline)


def _event_schema(data: bytes) -> int:
    """The event schema of a transcript's timeline, as its first event says."""
    try:
        events = _timeline_decoder.decode(data).events
    except (msgspec.DecodeError, msgspec.ValidationError):
        return EVENT_SCHEMA  # the typed decode says what is wrong
    return schema_of(bytes(events[0])) if events else EVENT_SCHEMA


def _upcast(data: bytes, schema: int) -> Transcript:
    """A transcript whose events are of an older schema, with its events made current."""
    document = msgspec.json.decode(data)
    if isinstance(document, dict) and isinstance(document.get("events"), list):
        document["events"] = [upcast(event, schema) for event in document["events"]]
    transcript: Transcript = msgspec.convert(document, Transcript)
    return transcript


def _read(path: Path) -> bytes:
    try:
        with path.open("rb") as handle:
            size = os.fstat(handle.fileno()).st_size
            if size > MAX_BYTES:
                raise TranscriptError(
                    f"{path}: {size // (1024 * 1024)} MB is too large for a transcript "
                    f"(the limit is {MAX_BYTES // (1024 * 1024)} MB)"
                )
            head = handle.read(_HEAD_BYTES)
            _check_start(head, str(path))
            return head + handle.read()
    except FileNotFoundError:
        raise TranscriptError(f"{path}: no such file") from None
    except IsADirectoryError:
        raise TranscriptError(f"{path}: is a directory, not a transcript file") from None
    except OSError as exc:
        raise TranscriptError(f"{path}: cannot read it ({exc.strerror})") from None


def _check_header(header: _Header, name: str) -> None:
    if header.format is None:
        raise TranscriptError(f"{name}: not a panelhost transcript (it has no format field)")
    if header.format != FORMAT:
        raise TranscriptError(
            f"{name}: not a panelhost transcript (format is {header.format!r}, expected {FORMAT!r})"
        )
    version = header.version
    major_text, _, minor_text = version.partition(".") if isinstance(version, str) else ("", "", "")
    if not (major_text.isdigit() and minor_text.isdigit()):
        raise TranscriptError(f"{name}: version {version!r} is not of the form 'MAJOR.MINOR'")
    if int(major_text) != MAJOR:
        raise TranscriptError(
            f"{name}: transcript format version {version} is not supported "
            f"(this panelhost reads {MAJOR}.x); use a panelhost release that writes it"
        )


def _check_timeline(transcript: Transcript, name: str) -> None:
    events = transcript.events
    if not events or not isinstance(events[0], ev.SessionCreated):
        raise TranscriptError(
            f"{name}: invalid transcript: its events must start with session_created"
        )
    previous = 0
    for index, event in enumerate(events):
        if event.seq <= previous:
            raise TranscriptError(
                f"{name}: invalid transcript: event {index} has seq {event.seq} "
                f"after seq {previous} (seq numbers must increase)"
            )
        previous = event.seq


def _json_problem(exc: msgspec.DecodeError) -> str:
    text = _one_line(exc)
    if "truncated" in text:
        return "the file is truncated (it ends in the middle of the JSON)"
    return f"not valid JSON ({text})"


def _one_line(exc: Exception) -> str:
    return " ".join(str(exc).split())
