#!/usr/bin/python3
"""A corpus of malformed and hostile frames for the board (issue 12), sent with scapy from the kernel side of the TAP.

For each kind: read /api/status, send --count frames (or units) of the kind, wait (bounded) until the counters that
must account for them have moved by that much, read again, and print one JSON line:
  {"kind", "sent": frames, "expect": [counters], "counted": delta of their sum, "answer": "yes" when each frame must be
   answered, else null, "answers": frames from the board matching it, "changes": {counter: delta}}
The test (MalformedFrameCorpusTests) judges the lines. RFC 5961 kinds forge segments on the established connection
the test keeps running (a download from port 80), learnt by sniffing one of its segments.
Run with Debian's /usr/bin/python3 (python3-scapy) inside the test's namespace, as root.
"""
import argparse
import json
import random
import struct
import sys
import threading
import time
import urllib.request

from scapy.all import ARP, ICMP, IP, TCP, UDP, AsyncSniffer, Ether, Raw, conf, sendp, sniff

conf.verb = 0

p = argparse.ArgumentParser()
p.add_argument("--iface", required=True)
p.add_argument("--board-ip", required=True)
p.add_argument("--kernel-ip", required=True)
p.add_argument("--count", type=int, default=20)
p.add_argument("--only", default="")
p.add_argument("--chip", action="store_true", help="the board runs through the ENC28J60 model (its filters drop more)")
a = p.parse_args()

B, K = a.board_ip, a.kernel_ip
KMAC = open("/sys/class/net/%s/address" % a.iface).read().strip()


def status():
    for attempt in range(4):
        try:
            with urllib.request.urlopen("http://%s/api/status" % B, timeout=5) as r:
                doc = json.load(r)
            flat = {}
            for layer, counters in doc["counters"].items():
                for name, value in counters.items():
                    flat[layer + "." + name] = value
            return doc, flat
        except Exception as e:  # the board may be busy with the corpus; retry
            last = e
    raise SystemExit("cannot read /api/status: %r" % last)


doc, _ = status()
BMAC = doc["link"]["mac"]
BCAST = B.rsplit(".", 1)[0] + ".255"


def eth(dst=None, src=None, type=0x0800):
    return Ether(dst=dst or BMAC, src=src or KMAC, type=type)


def sport(i):
    """A source port below the kernel's ephemeral range (32768-60999), so no forged segment hits a real connection
    or TIME-WAIT record of the test's own requests."""
    return 1024 + (i * 7919 + random.randrange(1000)) % 31000


def raw_ip(ip_bytes, dst=None):
    return eth(dst) / Raw(ip_bytes)


def with_ip_checksum(hdr):
    """Recompute the IPv4 header checksum of bytes hdr (header only)."""
    hdr = bytearray(hdr)
    hdr[10:12] = b"\0\0"
    s = sum(struct.unpack("!%dH" % (len(hdr) // 2), bytes(hdr)))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    hdr[10:12] = struct.pack("!H", ~s & 0xFFFF)
    return bytes(hdr)


def bad_checksum(pkt, layer):
    """pkt with the layer's checksum wrong by one."""
    good = pkt.__class__(bytes(pkt))[layer].chksum
    pkt[layer].chksum = (good ^ 0x0101) or 1
    return pkt


def tcp_to(port, i, **kw):
    return eth() / IP(src=K, dst=B) / TCP(sport=sport(i), dport=port, seq=random.getrandbits(32), **kw)


# The established connection (for RFC 5961 kinds): one data segment from the board's port 80.
conn = {}


def learn_connection():
    if conn:
        return
    seg = sniff(iface=a.iface, count=1, timeout=10,
                lfilter=lambda f: TCP in f and f[IP].src == B and f[TCP].sport == 80 and len(f[TCP].payload) > 0)
    if not seg:
        raise SystemExit("no segment of the established download seen in 10 s")
    t = seg[0][TCP]
    conn.update(port=t.dport, snd=t.seq, rcv=t.ack)


def on_conn(flags, seq_offset=0, ack=None, data=b""):
    learn_connection()
    ack = conn["snd"] if ack is None else ack
    return eth() / IP(src=K, dst=B) / TCP(sport=conn["port"], dport=80, flags=flags, seq=(conn["rcv"] + seq_offset) & 0xFFFFFFFF,
                                          ack=ack & 0xFFFFFFFF, window=8192) / Raw(data)


def from_board_tcp(port=None, flags=None, pure=False, local_port=None):
    def match(f):
        if TCP not in f or f[IP].src != B:
            return False
        t = f[TCP]
        if port is not None and t.dport != port:
            return False
        if local_port is not None and t.sport != local_port:
            return False
        if flags is not None and (int(t.flags) & flags) != flags:
            return False
        return not pure or len(t.payload) == 0 or bytes(t.payload) == b"\0" * len(t.payload)
    return match


def icmp_from_board(kind_type):
    return lambda f: ICMP in f and f[IP].src == B and f[ICMP].type == kind_type


# kind -> (builder(i) returning a frame or a list of frames, counters that must count each frame, answer matcher or
# None). No counters: the frame must never reach the firmware (the NIC's filters drop it), so no counter moves.
KINDS = {}


def kind(name, expect, answer=None):
    def register(builder):
        KINDS[name] = (builder, expect, answer)
        return builder
    return register


# --- Ethernet
# A runt is padded to the 60-byte minimum on the way (as on a real wire), so its EtherType reads 0.
kind("eth-truncated", ["ethernet.droppedTruncated", "ethernet.droppedUnknownEtherType"])(lambda i: Raw(bytes(eth())[:10]))
kind("eth-unknown-ethertype", ["ethernet.droppedUnknownEtherType"])(lambda i: eth(type=0x88B5) / Raw(b"\0" * 46))
# Through the chip model the NIC filter drops it; in --direct mode the stack sits on the TAP itself and counts it.
kind("eth-unicast-for-another-mac", [] if a.chip else ["ethernet.droppedNotForUs"])(lambda i: eth(dst="02:00:00:00:00:99") / IP(src=K, dst=B) / ICMP())
# The ENC28J60's hash filter drops most groups nobody joined; the direct port passes every group to the firmware.
kind("eth-multicast-not-joined", [] if a.chip else ["ethernet.droppedNotForUs"])(lambda i: eth(dst="01:00:5e:01:02:03") / IP(src=K, dst="239.1.2.3") / UDP(dport=9) / Raw(b"m"))

# --- ARP (each a request for the board's address, which would otherwise be answered)
def arp(**kw):
    fields = dict(op=1, hwsrc=KMAC, psrc=K, pdst=B)
    fields.update(kw)
    return eth(dst="ff:ff:ff:ff:ff:ff", type=0x0806) / ARP(**fields)


kind("arp-truncated", ["arp.droppedMalformed"])(lambda i: Raw(bytes(arp())[:14 + 20]))
kind("arp-hardware-length-8", ["arp.droppedMalformed"])(lambda i: arp(hwlen=8))
kind("arp-protocol-length-2", ["arp.droppedMalformed"])(lambda i: arp(plen=2))
kind("arp-hardware-type-6", ["arp.droppedMalformed"])(lambda i: arp(hwtype=6))
kind("arp-sender-mac-zero", ["arp.droppedBadSenderMac"])(lambda i: arp(hwsrc="00:00:00:00:00:00"))
kind("arp-sender-mac-broadcast", ["arp.droppedBadSenderMac"])(lambda i: arp(hwsrc="ff:ff:ff:ff:ff:ff"))
kind("arp-sender-mac-multicast", ["arp.droppedBadSenderMac"])(lambda i: arp(hwsrc="01:00:5e:00:00:01"))
kind("arp-sender-ip-broadcast", ["arp.droppedBadSenderAddress"])(lambda i: arp(psrc="255.255.255.255"))
kind("arp-sender-ip-multicast", ["arp.droppedBadSenderAddress"])(lambda i: arp(psrc="224.0.0.1"))
kind("arp-sender-ip-ours", ["arp.conflicts"])(lambda i: arp(psrc=B, hwsrc="02:00:00:00:00:%02x" % (i % 250 + 1)))

# --- IPv4
def ip_bytes(**kw):
    return bytes(IP(src=K, dst=B, **kw) / ICMP())


kind("ip-truncated-header", ["ipv4.droppedMalformed"])(lambda i: raw_ip(ip_bytes()[:12]))
kind("ip-ihl-4", ["ipv4.droppedMalformed"])(lambda i: raw_ip(with_ip_checksum(bytes([0x44]) + ip_bytes()[1:20]) + ip_bytes()[20:]))
kind("ip-version-6", ["ipv4.droppedMalformed"])(lambda i: raw_ip(with_ip_checksum(bytes([0x65]) + ip_bytes()[1:20]) + ip_bytes()[20:]))
kind("ip-total-length-past-frame", ["ipv4.droppedMalformed"])(lambda i: eth() / IP(src=K, dst=B, len=600) / ICMP())
kind("ip-total-length-below-header", ["ipv4.droppedMalformed"])(lambda i: eth() / IP(src=K, dst=B, len=12) / ICMP())
kind("ip-bad-checksum", ["ipv4.droppedBadChecksum"])(lambda i: bad_checksum(eth() / IP(src=K, dst=B) / ICMP(), IP))
kind("ip-not-for-us", ["ipv4.droppedNotForUs"])(lambda i: eth() / IP(src=K, dst=B.rsplit(".", 1)[0] + ".99") / ICMP())
kind("ip-unknown-protocol", ["ipv4.droppedUnknownProtocol"])(lambda i: eth() / IP(src=K, dst=B, proto=200) / Raw(b"x" * 20))
kind("ip-source-multicast", ["ipv4.droppedBadSource"])(lambda i: eth() / IP(src="224.0.0.5", dst=B) / ICMP())
kind("ip-source-loopback", ["ipv4.droppedBadSource"])(lambda i: eth() / IP(src="127.0.0.1", dst=B) / ICMP())
kind("ip-source-broadcast", ["ipv4.droppedBadSource"])(lambda i: eth() / IP(src="255.255.255.255", dst=B) / ICMP())
kind("land", ["ipv4.droppedBadSource"])(lambda i: eth() / IP(src=B, dst=B) / TCP(sport=80, dport=80, flags="S", seq=i))
kind("tcp-broadcast", ["ipv4.droppedBroadcast"])(lambda i: eth(dst="ff:ff:ff:ff:ff:ff") / IP(src=K, dst=BCAST) / TCP(sport=sport(i), dport=80, flags="S"))
# The app runs without reassembly (NetworkConfiguration.ReassemblyDatagrams = 0): every fragment is dropped, counted.
kind("fragment-past-65535", ["ipv4.droppedFragment", "ipv4.droppedReassemblyTooLong", "ipv4.droppedFragmentMalformed"])(
    lambda i: eth() / IP(src=K, dst=B, id=i + 1, frag=8189, flags=0, proto=1) / Raw(b"x" * 64))


def fragmented_ping(i):
    whole = IP(src=K, dst=B, id=0x4000 + i) / ICMP(id=7, seq=i) / Raw(b"f" * 64)
    whole = IP(bytes(whole))
    payload = bytes(whole.payload)
    first = IP(src=K, dst=B, id=whole.id, flags="MF", frag=0, proto=1) / Raw(payload[:40])
    second = IP(src=K, dst=B, id=whole.id, flags=0, frag=5, proto=1) / Raw(payload[40:])
    return [eth() / first, eth() / second]


kind("fragmented-echo-request", ["ipv4.droppedFragment"])(fragmented_ping)

# --- ICMP
kind("icmp-truncated", ["icmp.droppedMalformed"])(lambda i: eth() / IP(src=K, dst=B, proto=1) / Raw(b"\x08\x00"))
kind("icmp-bad-checksum", ["icmp.droppedBadChecksum"])(lambda i: bad_checksum(eth() / IP(src=K, dst=B) / ICMP(id=1, seq=i), ICMP))
kind("icmp-timestamp-request", ["icmp.droppedUnsupportedType"])(lambda i: eth() / IP(src=K, dst=B) / ICMP(type=13) / Raw(b"\0" * 12))
kind("icmp-echo-request", ["icmp.echoRequestsAnswered"], icmp_from_board(0))(lambda i: eth() / IP(src=K, dst=B) / ICMP(id=2, seq=i))

# --- UDP
kind("udp-truncated-header", ["udp.droppedMalformed"])(lambda i: eth() / IP(src=K, dst=B, proto=17) / Raw(b"\x30\x39\x00"))
kind("udp-length-past-datagram", ["udp.droppedMalformed"])(lambda i: eth() / IP(src=K, dst=B) / UDP(sport=sport(i), dport=9, len=200) / Raw(b"u" * 8))
kind("udp-length-below-8", ["udp.droppedMalformed"])(lambda i: eth() / IP(src=K, dst=B) / UDP(sport=sport(i), dport=9, len=4) / Raw(b"u" * 8))
kind("udp-bad-checksum", ["udp.droppedBadChecksum"])(lambda i: bad_checksum(eth() / IP(src=K, dst=B) / UDP(sport=sport(i), dport=9) / Raw(b"u" * 8), UDP))
kind("udp-no-listener", ["udp.droppedNoListener"])(lambda i: eth() / IP(src=K, dst=B) / UDP(sport=sport(i), dport=9) / Raw(b"u" * 8))

# --- TCP to the listener (port 80) or a closed port (81)
def tcp_raw(header_bytes):
    return eth() / IP(src=K, dst=B, proto=6) / Raw(header_bytes)


def tcp_header(i, offset_words, options=b"", flags=0x02):
    h = struct.pack("!HHIIBBHHH", sport(i), 80, random.getrandbits(32), 0, offset_words << 4, flags, 8192, 0, 0) + options
    return h


def tcp_checksummed(header_and_data):
    """Header with its checksum over the IPv4 pseudo-header, as the board computes it."""
    pseudo = bytes(map(int, K.split("."))) + bytes(map(int, B.split("."))) + struct.pack("!BBH", 0, 6, len(header_and_data))
    data = pseudo + header_and_data + (b"\0" if len(header_and_data) % 2 else b"")
    s = sum(struct.unpack("!%dH" % (len(data) // 2), data))
    while s >> 16:
        s = (s & 0xFFFF) + (s >> 16)
    out = bytearray(header_and_data)
    out[16:18] = struct.pack("!H", ~s & 0xFFFF)
    return bytes(out)


kind("tcp-truncated-header", ["tcp.droppedMalformedHeader"])(lambda i: tcp_raw(tcp_header(i, 5)[:12]))
kind("tcp-data-offset-4", ["tcp.droppedMalformedHeader"])(lambda i: tcp_raw(tcp_checksummed(tcp_header(i, 4))))
kind("tcp-data-offset-past-segment", ["tcp.droppedMalformedHeader"])(lambda i: tcp_raw(tcp_checksummed(tcp_header(i, 15))))
kind("tcp-bad-checksum", ["tcp.droppedBadChecksum"])(lambda i: bad_checksum(tcp_to(80, i, flags="S"), TCP))
kind("tcp-option-length-0", ["tcp.droppedBadOptions"])(lambda i: tcp_raw(tcp_checksummed(tcp_header(i, 6, b"\x02\x00\x05\xb4"))))
kind("tcp-option-length-1", ["tcp.droppedBadOptions"])(lambda i: tcp_raw(tcp_checksummed(tcp_header(i, 6, b"\x02\x01\x05\xb4"))))
kind("tcp-option-overlong", ["tcp.droppedBadOptions"])(lambda i: tcp_raw(tcp_checksummed(tcp_header(i, 6, b"\x02\x28\x05\xb4"))))
kind("tcp-syn-fin", ["tcp.droppedSynWithRstOrFin"])(lambda i: tcp_to(80, i, flags="SF"))
kind("tcp-syn-rst", ["tcp.droppedSynWithRstOrFin"])(lambda i: tcp_to(80, i, flags="SR"))
kind("tcp-null", ["tcp.droppedWithoutSyn"])(lambda i: tcp_to(80, i, flags=""))
kind("tcp-xmas", ["tcp.droppedWithoutSyn"])(lambda i: tcp_to(80, i, flags="FPU"))
kind("tcp-fin-to-listener", ["tcp.droppedWithoutSyn"])(lambda i: tcp_to(80, i, flags="F"))
kind("tcp-port-zero", ["tcp.droppedPortZero"])(lambda i: eth() / IP(src=K, dst=B) / TCP(sport=0, dport=80, flags="S"))
kind("tcp-rst-to-listener", ["tcp.droppedResetWithoutConnection"])(lambda i: tcp_to(80, i, flags="R"))
kind("tcp-rst-to-closed-port", ["tcp.droppedResetWithoutConnection"])(lambda i: tcp_to(81, i, flags="R"))
kind("tcp-ack-to-closed-port", ["tcp.resetsSent"], from_board_tcp(flags=0x04, local_port=81))(lambda i: tcp_to(81, i, flags="A", ack=random.getrandbits(32)))
kind("tcp-syn-to-closed-port", ["tcp.resetsSent"], from_board_tcp(flags=0x14, local_port=81))(lambda i: tcp_to(81, i, flags="S"))

# --- RFC 5961 on the established download (the kernel's port, learnt by sniffing)
kind("rst-in-window-not-exact", ["tcp.challengeAcksSent"], lambda f: from_board_tcp(conn["port"], 0x10, pure=True)(f))(lambda i: on_conn("R", 1 + i))
kind("rst-out-of-window", ["tcp.droppedUnacceptable"])(lambda i: on_conn("R", 0x40000000 + i))
kind("syn-in-window", ["tcp.challengeAcksSent"], lambda f: from_board_tcp(conn["port"], 0x10, pure=True)(f))(lambda i: on_conn("S", 0))
kind("syn-out-of-window", ["tcp.droppedUnacceptable"])(lambda i: on_conn("S", 0x40000000 + i))
kind("ack-above-snd-max", ["tcp.droppedAckOutOfRange"])(lambda i: on_conn("A", 0, ack=conn["snd"] + 0x40000000))
kind("data-out-of-window", ["tcp.droppedUnacceptable"])(lambda i: on_conn("PA", 0x40000000 + 100 * i, data=b"GET / HTTP/1.1\r\n"))
kind("fin-without-ack-in-window", ["tcp.droppedWithoutAck"])(lambda i: on_conn("F", 0))


MARKER = "ethernet.droppedUnknownEtherType"


def run(name):
    builder, expect, answer = KINDS[name]
    frames = []
    for i in range(a.count):
        built = builder(i)
        frames.extend(built if isinstance(built, list) else [built])
    sent = len(frames)
    if not expect:
        # Frames that must not reach the firmware leave no trace: a counted marker after them (frames are taken in
        # order) shows when they have passed, instead of waiting for nothing to happen.
        frames.append(eth(type=0x88B6) / Raw(b"\0" * 46))
    _, before = status()
    answers = []
    sniffer = None
    if answer:
        ready = threading.Event()
        sniffer = AsyncSniffer(iface=a.iface, lfilter=answer, store=False, prn=answers.append, started_callback=ready.set)
        sniffer.start()
        ready.wait(5)
    # Through the chip model the frames go in batches of 20, each taken (counted) before the next: back to back
    # at the TAP's speed they would overflow the chip's receive buffer, which counts overflows, not lost frames.
    batch = 20 if a.chip else len(frames)
    for start in range(0, len(frames), batch):
        sendp(frames[start:start + batch], iface=a.iface)
        target = min(sent, start + batch)
        last = start + batch >= len(frames)
        deadline = time.time() + 10
        while True:
            _, after = status()
            counted = sum(after.get(c, 0) - before.get(c, 0) for c in expect)
            marker = after.get(MARKER, 0) - before.get(MARKER, 0)
            done = counted >= target if expect else (marker >= 1 or not last)
            if (done and (not answer or len(answers) >= target)) or time.time() > deadline:
                break
            time.sleep(0.05)
    if sniffer:
        sniffer.stop()
    if not expect:
        after[MARKER] -= 1
        after["ipv4.packetsDropped"] -= 1  # the sum of the drops below TCP includes the marker
    changes = {k: after[k] - before.get(k, 0) for k in after if after[k] != before.get(k, 0)}
    print(json.dumps({"kind": name, "sent": sent, "expect": expect, "counted": counted,
                      "answer": None if not answer else "yes", "answers": len(answers), "changes": changes}), flush=True)


for name in KINDS:
    if a.only and name not in a.only.split(","):
        continue
    run(name)
