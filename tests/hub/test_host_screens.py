"""Host screens know of each other: `presence` to hosts carries `hosts` (a panelhost
extension, docs/protocol.md); participants' and viewers' frames are revision 2 byte for byte."""

from __future__ import annotations

import asyncio
import json
import re

from tests.hub.wire import TIMEOUT, Peer, join

REVISION_2_PRESENCE = re.compile(r'\{"type":"presence","participants":\d+,"seq":\d+\}')


async def raw_presence_until(peer: Peer, participants: int) -> list[str]:
    """Every raw `presence` frame received until one counts `participants`, as sent."""
    frames = []
    while True:
        raw = await asyncio.wait_for(peer.ws.recv(), TIMEOUT)
        assert isinstance(raw, str)
        message = json.loads(raw)
        if message["type"] == "presence":
            frames.append(raw)
            if message["participants"] == participants:
                return frames


async def hosts_presence(peer: Peer, hosts: int) -> dict:
    """The next `presence` that counts `hosts` host screens (a host also hears its own)."""
    return await peer.until(lambda m: m["type"] == "presence" and m.get("hosts") == hosts)


async def test_each_host_is_told_how_many_host_screens_are_attached(hub):
    maya = await join(hub, role="host", name="Maya")
    assert maya.welcome["state"]["hosts"] == 1

    sam = await join(hub, role="host", name="Sam")  # a co-host with the key
    assert sam.welcome["state"]["hosts"] == 2
    presence = await hosts_presence(maya, 2)
    assert presence["participants"] == 0
    await hosts_presence(sam, 2)

    await sam.close()
    await hosts_presence(maya, 1)
    assert [m["hosts"] for m in maya.changes("presence")] == [1, 2, 1]


async def test_participants_and_viewers_never_see_a_hosts_field(hub):
    maya = await join(hub, role="host", name="Maya")
    ana = await join(hub, name="Ana")
    viewer = await join(hub, role="viewer", name="Room screen")
    assert "hosts" not in ana.welcome["state"] and "hosts" not in viewer.welcome["state"]
    await maya.until(lambda m: m["type"] == "presence" and m["participants"] == 1)

    sam = await join(hub, role="host", name="Sam")  # hosts coming and going: not theirs
    await hosts_presence(maya, 2)
    await sam.close()
    await hosts_presence(maya, 1)
    ben = await join(hub, name="Ben")
    to_host = json.loads((await raw_presence_until(maya, 2))[-1])
    assert to_host["hosts"] == 1
    revision_2 = f'{{"type":"presence","participants":2,"seq":{to_host["seq"]}}}'

    # only participants coming (Ana's own, then Ben) sent them a presence, as revision 2 has it
    for peer in (ana, viewer):
        frames = await raw_presence_until(peer, 2)
        assert frames[-1] == revision_2
        assert all(REVISION_2_PRESENCE.fullmatch(frame) for frame in frames), frames
        assert [json.loads(frame)["participants"] for frame in frames] in ([2], [1, 2])
    await ben.close()
