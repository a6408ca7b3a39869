"""Session transcripts: build from a journal, save, load strictly, replay and export."""

from panelhost.transcript.build import build_transcript, sanitize_events
from panelhost.transcript.files import (
    TranscriptError,
    decode_transcript,
    encode_transcript,
    load_transcript,
    save_transcript,
)
from panelhost.transcript.model import (
    FORMAT,
    VERSION,
    NoteRecord,
    PanelistRecord,
    QuestionRecord,
    SegmentRecord,
    SessionRecord,
    StatusChange,
    Transcript,
)
from panelhost.transcript.timeline import (
    index_at_seq,
    index_at_time,
    replay_state,
    transcript_events,
)

__all__ = [
    "FORMAT",
    "VERSION",
    "NoteRecord",
    "PanelistRecord",
    "QuestionRecord",
    "SegmentRecord",
    "SessionRecord",
    "StatusChange",
    "Transcript",
    "TranscriptError",
    "build_transcript",
    "decode_transcript",
    "encode_transcript",
    "index_at_seq",
    "index_at_time",
    "load_transcript",
    "replay_state",
    "sanitize_events",
    "save_transcript",
    "transcript_events",
]
