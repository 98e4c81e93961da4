#!/usr/bin/env python3
"""Splits a loopback capture of `probe run` (bench/traffic.sh) into what each part of the probe costs on the wire.

Usage: traffic_split.py CAPTURE.pcap MAP.json
MAP.json: {"minutes": M, "rounds": R, "round_interval_minutes": I, "sentinel_connects": {"HOST": N, ...}, "upload_port": P, "gateway": "ADDR",
           "addresses": {"ADDR": "HOST", ...}, "targets": {"HOST": ["NAME", ...], ...}}

Bytes are IP bytes (what nftables counts and a metered link bills, before link-layer framing), both directions.
Components:
  dns            udp/53, attributed to a host by the query name; queries about a sentinel's host beyond one per
                 round and resolver are the sentinel lane's own lookups
  gateway        tcp to the gateway address (a LAN hop, not metered: shown apart)
  upload         tcp to or from the sink's port
  connect-only   connections that carried no payload: sentinel connects and tcp checks of extra ports; told apart
                 per host by the number of sentinel connects the store holds
  round tcp      SYN, SYN-ACK, ACK of connections that then carried TLS or HTTP
  tls            from the handshake's first byte to the client's first HTTP bytes (its first application-data record
                 under TLS 1.2, its second under TLS 1.3; a connection that never sent HTTP counts wholly as tls)
  http           from the client's first HTTP bytes to the end (request, response, close)
"""
import json
import struct
import sys
from collections import defaultdict


def packets(path):
    with open(path, "rb") as f:
        head = f.read(24)
        magic = struct.unpack("<I", head[:4])[0]
        endian = "<" if magic in (0xA1B2C3D4, 0xA1B23C4D) else ">"
        nano = struct.unpack(endian + "I", head[:4])[0] == 0xA1B23C4D
        linktype = struct.unpack(endian + "I", head[20:24])[0]
        offset = {1: 14, 113: 16, 276: 20, 101: 0, 12: 0}.get(linktype)
        if offset is None:
            sys.exit(f"unsupported link type {linktype}")
        while True:
            h = f.read(16)
            if len(h) < 16:
                return
            sec, frac, incl, _ = struct.unpack(endian + "IIII", h)
            data = f.read(incl)
            ts = sec + frac / (1e9 if nano else 1e6)
            ip = data[offset:]
            if len(ip) < 20 or ip[0] >> 4 != 4:
                continue
            yield ts, ip


def qname(payload):
    labels, i = [], 12
    while i < len(payload):
        n = payload[i]
        if n == 0 or n & 0xC0:
            break
        labels.append(payload[i + 1:i + 1 + n].decode("ascii", "replace"))
        i += 1 + n
    return ".".join(labels).lower()


def http_start(client_stream):
    """Offset in the client's byte stream where HTTP begins: its first application-data record under TLS 1.2 (whose
    Finished follows the ChangeCipherSpec as a handshake record), its second under TLS 1.3 (the first is Finished)."""
    records, pos = [], 0
    while pos + 5 <= len(client_stream):
        records.append((client_stream[pos], pos))
        pos += 5 + struct.unpack(">H", client_stream[pos + 3:pos + 5])[0]
    kinds = [k for k, _ in records]
    tls12 = any(a == 20 and b == 22 for a, b in zip(kinds, kinds[1:]))
    data = [p for k, p in records if k == 23]
    wanted = 0 if tls12 else 1
    return data[wanted] if len(data) > wanted else None


def main():
    pcap, mapfile = sys.argv[1], sys.argv[2]
    m = json.load(open(mapfile))
    addresses, targets = m["addresses"], m["targets"]
    comp = defaultdict(int)
    per_host = defaultdict(lambda: defaultdict(int))
    flows = {}
    dns_bytes, dns_queries = defaultdict(int), defaultdict(int)
    for ts, ip in packets(pcap):
        ihl = (ip[0] & 15) * 4
        total = struct.unpack(">H", ip[2:4])[0]
        proto = ip[9]
        src, dst = ".".join(map(str, ip[12:16])), ".".join(map(str, ip[16:20]))
        l4 = ip[ihl:total]
        if proto == 17 and len(l4) >= 8:
            sport, dport = struct.unpack(">HH", l4[:4])
            if 53 in (sport, dport):
                host = qname(l4[8:])
                resolver = dst if dport == 53 else src
                dns_bytes[(host, resolver)] += total
                if dport == 53:
                    dns_queries[(host, resolver)] += 1
            else:
                comp["other"] += total
            continue
        if proto != 6 or len(l4) < 20:
            comp["other"] += total
            continue
        sport, dport, seq = struct.unpack(">HHI", l4[:8])
        flags = l4[13]
        payload = l4[(l4[12] >> 4) * 4:]
        if m["upload_port"] in (sport, dport):
            comp["upload"] += total
            continue
        if m["gateway"] in (src, dst):
            comp["gateway"] += total
            continue
        client_to_server = dst in addresses
        server = dst if client_to_server else src
        key = (src, sport, dst, dport) if client_to_server else (dst, dport, src, sport)
        flow = flows.setdefault(key, {"server": server, "packets": [], "client": {}, "isn": None, "syn": 0})
        if client_to_server and flags & 0x02:
            flow["isn"] = seq + 1
        if client_to_server and payload and flow["isn"] is not None:
            flow["client"][(seq - flow["isn"]) & 0xFFFFFFFF] = payload
        flow["packets"].append((ts, total, client_to_server, bool(payload), (seq - (flow["isn"] or seq)) & 0xFFFFFFFF, len(payload)))

    for key, flow in flows.items():
        host = addresses.get(flow["server"], flow["server"])
        pk = sorted(flow["packets"])
        size = sum(p[1] for p in pk)
        if not any(p[3] for p in pk):
            per_host[host]["connect-only"] += size
            per_host[host]["connect-only flows"] += 1
            continue
        handshake = pk[:3]
        rest = pk[3:]
        comp["round tcp"] += sum(p[1] for p in handshake)
        per_host[host]["round tcp"] += sum(p[1] for p in handshake)
        if key[3] == 80:
            comp["http"] += sum(p[1] for p in rest)
            per_host[host]["http"] += sum(p[1] for p in rest)
            continue
        stream = bytearray()
        for off in sorted(flow["client"]):
            if off > len(stream):
                break  # a gap (never on loopback): what follows cannot be parsed as records
            stream += flow["client"][off][len(stream) - off:]
        start = http_start(bytes(stream))
        split = None
        if start is not None:
            for p in pk:
                if p[2] and p[3] and p[4] <= start < p[4] + p[5]:
                    split = p[0]
                    break
        for p in rest:
            part = "http" if split is not None and p[0] >= split else "tls"
            comp[part] += p[1]
            per_host[host][part] += p[1]

    # Connect-only connections to a sentinel's host are its sentinel connects (as many as the store counts), the rest
    # are rounds' tcp checks; every such connection costs the same few packets.
    sentinel_connects = m["sentinel_connects"]
    for host, c in per_host.items():
        flows_n = c.get("connect-only flows", 0)
        if not flows_n:
            continue
        mine = min(flows_n, sentinel_connects.get(host, 0))
        c["sentinel"] = c["connect-only"] * mine / flows_n
        c["round connect-only"] = c["connect-only"] - c["sentinel"]
        comp["sentinel tcp"] += c["sentinel"]
        comp["round connect-only tcp"] += c["round connect-only"]
    sentinel = sum(sentinel_connects.values())
    minutes, rounds = m["minutes"], max(1, m["rounds"])

    # A round asks each resolver about each host once per query type (A here: no IPv6 in the namespace); queries
    # beyond that are the sentinel lane resolving on its own (as the probe did before it reused the rounds' addresses).
    for (host, resolver), b in dns_bytes.items():
        q = dns_queries[(host, resolver)]
        extra = max(0, q - m["rounds"]) / q if q and host in sentinel_connects else 0.0
        comp["sentinel dns"] += b * extra
        comp["dns"] += b * (1 - extra)
        per_host[host]["dns"] += b * (1 - extra)
    rounds_per_day = 1440 / m["round_interval_minutes"]

    def per_day(b):
        return b * 1440 / minutes / 1048576

    def per_day_rounds(b):
        return b / rounds * rounds_per_day / 1048576

    # Round traffic is scaled by rounds (the window may hold one more or less than its length suggests: jitter, a
    # round the sentinels triggered); the sentinel lane and the upload by time.
    rows = [
        ("dns (udp/53, 3 resolvers, rounds)", comp["dns"], per_day_rounds),
        ("sentinel dns (lookups by the sentinel lane)", comp["sentinel dns"], per_day),
        ("sentinel tcp connects", comp["sentinel tcp"], per_day),
        ("round tcp (connects, extra ports)", comp["round tcp"] + comp["round connect-only tcp"], per_day_rounds),
        ("tls handshakes", comp["tls"], per_day_rounds),
        ("http (request, response, close)", comp["http"], per_day_rounds),
        ("upload to the sink (gzip)", comp["upload"], per_day),
    ]
    day = sum(f(b) for _, b, f in rows)
    print(f"\nBy component ({minutes} min captured, {m['rounds']} rounds of {m['round_interval_minutes']:g} min, "
          f"{sentinel} sentinel connects), IP bytes both ways; rounds scaled to {rounds_per_day:g} a day, the rest by time")
    print("| component | bytes measured | MB per day | share |")
    print("|---|---|---|---|")
    for name, b, f in rows:
        print(f"| {name} | {b:.0f} | {f(b):.2f} | {100 * f(b) / max(1e-9, day):.0f} % |")
    print(f"| **metered traffic in all** | {sum(b for _, b, _ in rows):.0f} | **{day:.1f}** | 100 % |")
    print(f"| gateway checks (LAN, not metered) | {comp['gateway']} | {per_day(comp['gateway']):.2f} | |")
    if comp["other"]:
        print(f"| unclassified | {comp['other']} | {per_day(comp['other']):.2f} | |")

    print(f"\nPer target per round (rounds only: dns, connects, tls, http; bytes averaged over {rounds} rounds)")
    print("| target | host | dns | tcp | tls | http | total |")
    print("|---|---|---|---|---|---|---|")
    lines = []
    for host, names in targets.items():
        c = per_host.get(host, {})
        parts = [c.get("dns", 0), c.get("round tcp", 0) + c.get("round connect-only", 0), c.get("tls", 0), c.get("http", 0)]
        lines.append((sum(parts) / rounds, ",".join(names), host, [x / rounds for x in parts]))
    for total, names, host, parts in sorted(lines, reverse=True):
        print(f"| {names} | {host} | " + " | ".join(f"{x:.0f}" for x in parts) + f" | {total:.0f} |")
    all_round = sum(t for t, *_ in lines)
    print(f"| **all targets, one round** | | | | | | **{all_round:.0f}** |")


if __name__ == "__main__":
    main()
